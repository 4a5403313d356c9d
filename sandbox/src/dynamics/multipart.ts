// multipart/mixed as OData 4.0 $batch uses it (part 1, section 11.7; RFC 2046), read strictly:
// delimiter lines "--boundary" and the close delimiter "--boundary--", every line ending in CRLF,
// part headers, a blank line, the part body. Also embedded HTTP messages (application/http): the
// request line "METHOD URL HTTP/1.1", headers, blank line, body; and the writer for the answer.
import { badRequest } from "./odata-results";
import { SANDBOX_STRICTNESS } from "./unconfirmed";

const CRLF = "\r\n";

export interface MimePart {
  headers: Headers;
  body: string;
}

export interface EmbeddedRequest {
  method: string;
  target: string;
  headers: Headers;
  body: string;
}

/** The boundary parameter of a multipart/mixed Content-Type, or undefined. */
export function multipartBoundary(contentType: string | null): string | undefined {
  if (!contentType) return undefined;
  const [type, ...params] = contentType.split(";").map((s) => s.trim());
  if (type?.toLowerCase() !== "multipart/mixed") return undefined;
  for (const param of params) {
    const match = /^boundary=(?:"([^"]+)"|([^\s;]+))$/i.exec(param);
    if (match) return match[1] ?? match[2];
  }
  return undefined;
}

function parseHeaderBlock(block: string, where: string): Headers {
  const headers = new Headers();
  if (block === "") return headers;
  for (const line of block.split(CRLF)) {
    const colon = line.indexOf(":");
    if (colon <= 0) throw badRequest(`The header line '${line}' in ${where} is malformed (expected 'Name: value').`);
    headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return headers;
}

/** Splits header block and body at the first blank line. */
function splitEntity(text: string, where: string): { headers: Headers; body: string } {
  if (SANDBOX_STRICTNESS.batchCrlfOnly && /(^|[^\r])\n/.test(text.split(`${CRLF}${CRLF}`)[0] ?? "")) {
    throw badRequest(`The headers of ${where} must end each line with CRLF (\\r\\n), not a bare LF.`);
  }
  const blank = text.indexOf(`${CRLF}${CRLF}`);
  if (blank < 0) {
    // No blank line: a part that starts with it has no headers; one that ends its last header line has no body.
    if (text.startsWith(CRLF)) return { headers: new Headers(), body: text.slice(CRLF.length) };
    if (text.endsWith(CRLF)) return { headers: parseHeaderBlock(text.slice(0, -CRLF.length), where), body: "" };
    throw badRequest(`${where} has no blank line between its headers and its body.`);
  }
  return { headers: parseHeaderBlock(text.slice(0, blank), where), body: text.slice(blank + 2 * CRLF.length) };
}

/** Reads the parts of a multipart body delimited by `boundary`. */
export function parseMultipart(text: string, boundary: string, where: string): MimePart[] {
  const delimiter = `--${boundary}`;
  const framed = `${CRLF}${text}`;
  if (!framed.includes(`${CRLF}${delimiter}`)) {
    if (framed.includes(`\n${delimiter}`)) throw badRequest(`The boundary lines of ${where} must be preceded by CRLF (\\r\\n), not a bare LF.`);
    throw badRequest(`The ${where} does not contain the boundary '${boundary}' it declares.`);
  }
  const chunks = framed.split(`${CRLF}${delimiter}`);
  chunks.shift(); // preamble (ignored, RFC 2046 5.1.1)
  const parts: MimePart[] = [];
  let closed = false;
  for (const chunk of chunks) {
    if (closed) throw badRequest(`Content was found after the close delimiter of ${where}.`);
    if (chunk.startsWith("--")) {
      closed = true;
      continue;
    }
    const lineEnd = chunk.indexOf(CRLF);
    if (lineEnd < 0 || chunk.slice(0, lineEnd).trim() !== "") {
      if (chunk.startsWith("\n")) throw badRequest(`The boundary lines of ${where} must end with CRLF (\\r\\n), not a bare LF.`);
      throw badRequest(`The boundary line '--${boundary}${chunk.split(/\r?\n/)[0]}' of ${where} is malformed.`);
    }
    const entity = splitEntity(chunk.slice(lineEnd + CRLF.length), `a part of ${where}`);
    parts.push({ headers: entity.headers, body: entity.body });
  }
  if (!closed) throw badRequest(`The ${where} has no close delimiter '--${boundary}--'.`);
  return parts;
}

/** Reads an application/http part body: "METHOD target HTTP/1.1", headers, blank line, body. */
export function parseEmbeddedRequest(text: string, where: string): EmbeddedRequest {
  const lineEnd = text.indexOf(CRLF);
  const requestLine = lineEnd < 0 ? text : text.slice(0, lineEnd);
  const match = /^([A-Z]+) (\S+) HTTP\/1\.1$/.exec(requestLine);
  if (!match) throw badRequest(`The request line '${requestLine}' in ${where} is malformed (expected 'METHOD URL HTTP/1.1').`);
  const rest = lineEnd < 0 ? "" : text.slice(lineEnd + CRLF.length);
  const entity = rest === "" ? { headers: new Headers(), body: "" } : splitEntity(rest, where);
  return { method: match[1]!, target: match[2]!, headers: entity.headers, body: entity.body };
}

const REASONS: Record<number, string> = {
  200: "OK",
  201: "Created",
  204: "No Content",
  400: "Bad Request",
  401: "Unauthorized",
  404: "Not Found",
  405: "Method Not Allowed",
  412: "Precondition Failed",
  415: "Unsupported Media Type",
  429: "Too Many Requests",
  500: "Internal Server Error",
  501: "Not Implemented",
};

export interface ResponsePart {
  contentId?: string;
  status: number;
  headers: Record<string, string>;
  body: string | null;
}

function writeResponsePart(part: ResponsePart): string {
  const mime = ["Content-Type: application/http", "Content-Transfer-Encoding: binary"];
  if (part.contentId !== undefined) mime.push(`Content-ID: ${part.contentId}`);
  const http = [`HTTP/1.1 ${part.status} ${REASONS[part.status] ?? "Unknown"}`];
  for (const [name, value] of Object.entries(part.headers)) http.push(`${canonicalHeaderName(name)}: ${value}`);
  return `${mime.join(CRLF)}${CRLF}${CRLF}${http.join(CRLF)}${CRLF}${CRLF}${part.body ?? ""}`;
}

function canonicalHeaderName(name: string): string {
  if (name.toLowerCase() === "odata-version") return "OData-Version";
  if (name.toLowerCase() === "odata-entityid") return "OData-EntityId";
  if (name.toLowerCase() === "etag") return "ETag";
  return name.replace(/(^|-)([a-z])/g, (_m, dash: string, ch: string) => dash + ch.toUpperCase());
}

export type ResponseItem = { kind: "single"; part: ResponsePart } | { kind: "changeset"; parts: ResponsePart[] };

/** Writes the batch answer: each item a part, changesets as nested multipart/mixed. */
export function writeBatchResponse(items: ResponseItem[]): { boundary: string; body: string } {
  const boundary = `batchresponse_${crypto.randomUUID()}`;
  const sections = items.map((item) => {
    if (item.kind === "single") return writeResponsePart(item.part);
    const inner = `changesetresponse_${crypto.randomUUID()}`;
    const parts = item.parts.map((part) => `--${inner}${CRLF}${writeResponsePart(part)}${CRLF}`).join("");
    return `Content-Type: multipart/mixed; boundary=${inner}${CRLF}${CRLF}${parts}--${inner}--`;
  });
  const body = sections.map((section) => `--${boundary}${CRLF}${section}${CRLF}`).join("") + `--${boundary}--${CRLF}`;
  return { boundary, body };
}
