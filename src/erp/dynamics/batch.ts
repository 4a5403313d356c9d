// The OData 4.0 $batch wire format, pure: a writer for one multipart/mixed batch holding one
// changeset of operations, and a reader for the multipart answer (changesets and single parts, each
// an embedded HTTP response). Every line ends in CRLF, as OData 4.0 part 1 §11.7 (and the sandbox)
// require; the reader refuses bare LF rather than guessing. Format: reference/dynamics-365-fo.md §7
// and §9c (the shape public F&O tooling writes, D12).
import { err, ok, type Result } from "../../lib/result";

const CRLF = "\r\n";

export interface BatchOperation {
  method: "POST" | "PATCH" | "DELETE";
  /** Absolute URL, or `$n/…` to address what the operation with Content-ID n created. */
  url: string;
  /** Unique within the changeset (required by OData for changeset parts). */
  contentId: string;
  body?: unknown;
}

export interface WrittenBatch {
  contentType: string;
  body: string;
}

function operationPart(op: BatchOperation): string {
  const mime = ["Content-Type: application/http", "Content-Transfer-Encoding: binary", `Content-ID: ${op.contentId}`];
  const http = [`${op.method} ${op.url} HTTP/1.1`, "OData-Version: 4.0", "OData-MaxVersion: 4.0", "Accept: application/json"];
  if (op.body !== undefined) http.push("Content-Type: application/json;odata.metadata=minimal;charset=UTF-8");
  // JSON.stringify escapes line breaks inside strings, so the body is one line and cannot fake a boundary.
  const body = op.body === undefined ? "" : JSON.stringify(op.body);
  return `${mime.join(CRLF)}${CRLF}${CRLF}${http.join(CRLF)}${CRLF}${CRLF}${body}`;
}

const BOUNDARY = /^[A-Za-z0-9_'()+,./:=?-]{1,70}$/;

/**
 * One batch with one changeset: all operations commit or none do (§2, D4). The boundaries are the
 * caller's (unique per request); they must be valid MIME boundaries.
 */
export function writeChangesetBatch(operations: readonly BatchOperation[], boundaries: { batch: string; changeset: string }): WrittenBatch {
  const { batch, changeset } = boundaries;
  if (!BOUNDARY.test(batch) || !BOUNDARY.test(changeset) || batch === changeset) throw new Error(`invalid multipart boundaries ${batch} / ${changeset}`);
  const ids = operations.map((op) => op.contentId);
  if (new Set(ids).size !== ids.length) throw new Error("Content-ID values of a changeset must be unique");
  const parts = operations.map((op) => `--${changeset}${CRLF}${operationPart(op)}${CRLF}`).join("");
  const body = `--${batch}${CRLF}Content-Type: multipart/mixed; boundary=${changeset}${CRLF}${CRLF}${parts}--${changeset}--${CRLF}--${batch}--${CRLF}`;
  return { contentType: `multipart/mixed; boundary=${batch}`, body };
}

// ---- Reading the answer ------------------------------------------------------------------------

export interface BatchAnswerPart {
  contentId: string | undefined;
  status: number;
  headers: Headers;
  /** The embedded response body as text ("" when none). */
  body: string;
}

export type BatchAnswerItem = { kind: "changeset"; parts: BatchAnswerPart[] } | { kind: "single"; part: BatchAnswerPart };

/** The boundary parameter of a multipart/mixed content type. */
export function boundaryOf(contentType: string | null | undefined): string | undefined {
  if (!contentType || !/^\s*multipart\/mixed\s*;/i.test(contentType)) return undefined;
  const match = /;\s*boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

/** The bodies of a multipart entity (RFC 2046 §5.1.1: delimiter = CRLF "--" boundary; the first may open the body). */
function splitMultipart(text: string, boundary: string, where: string): Result<string[], string> {
  const delimiter = `--${boundary}`;
  let at: number;
  if (text.startsWith(delimiter)) at = 0;
  else {
    const found = text.indexOf(`${CRLF}${delimiter}`);
    if (found < 0) return err(`${where}: no boundary '${boundary}' (the lines must end in CRLF)`);
    at = found + CRLF.length;
  }
  const parts: string[] = [];
  let pos = at + delimiter.length;
  for (;;) {
    if (text.startsWith("--", pos)) return ok(parts);
    const lineEnd = text.indexOf(CRLF, pos);
    if (lineEnd < 0 || text.slice(pos, lineEnd).trim() !== "") return err(`${where}: a boundary line is not followed by CRLF`);
    const start = lineEnd + CRLF.length;
    const next = text.indexOf(`${CRLF}${delimiter}`, start);
    if (next < 0) return err(`${where}: the closing boundary '--${boundary}--' is missing`);
    parts.push(text.slice(start, next));
    pos = next + CRLF.length + delimiter.length;
  }
}

/** Splits "headers CRLF CRLF body"; a part without headers starts with CRLF. */
function headersAndBody(text: string): { headers: Headers; body: string } | undefined {
  let head: string;
  let body: string;
  if (text.startsWith(CRLF)) {
    head = "";
    body = text.slice(CRLF.length);
  } else {
    const end = text.indexOf(`${CRLF}${CRLF}`);
    if (end < 0) return undefined;
    head = text.slice(0, end);
    body = text.slice(end + 2 * CRLF.length);
  }
  const headers = new Headers();
  for (const line of head.split(CRLF)) {
    if (line === "") continue;
    const colon = line.indexOf(":");
    if (colon <= 0) return undefined;
    headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function readHttpPart(text: string, where: string): Result<BatchAnswerPart, string> {
  const mime = headersAndBody(text);
  if (!mime) return err(`${where}: the part headers are malformed`);
  const type = (mime.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/http") return err(`${where}: a part has Content-Type '${type || "(none)"}', not application/http`);
  const lineEnd = mime.body.indexOf(CRLF);
  const statusLine = lineEnd < 0 ? mime.body : mime.body.slice(0, lineEnd);
  const status = /^HTTP\/1\.[01] (\d{3})(?: .*)?$/.exec(statusLine);
  if (!status) return err(`${where}: '${statusLine.slice(0, 40)}' is not an HTTP status line`);
  const rest = lineEnd < 0 ? "" : mime.body.slice(lineEnd + CRLF.length);
  const http = rest === "" ? { headers: new Headers(), body: "" } : headersAndBody(rest);
  if (!http) return err(`${where}: the embedded response's headers are malformed`);
  return ok({
    contentId: mime.headers.get("content-id") ?? http.headers.get("content-id") ?? undefined,
    status: Number(status[1]),
    headers: http.headers,
    body: http.body,
  });
}

/** Reads a $batch answer: its changesets (arrays of parts) and single parts, in order. */
export function readBatchAnswer(contentType: string | null | undefined, text: string): Result<BatchAnswerItem[], string> {
  const boundary = boundaryOf(contentType);
  if (!boundary) return err(`the $batch answer is not multipart/mixed with a boundary (Content-Type: ${contentType ?? "none"})`);
  const outer = splitMultipart(text, boundary, "the $batch answer");
  if (!outer.ok) return outer;
  const items: BatchAnswerItem[] = [];
  for (const [i, raw] of outer.value.entries()) {
    const where = `part ${i + 1} of the $batch answer`;
    const mime = headersAndBody(raw);
    if (!mime) return err(`${where}: the part headers are malformed`);
    const inner = boundaryOf(mime.headers.get("content-type"));
    if (inner === undefined) {
      const part = readHttpPart(raw, where);
      if (!part.ok) return part;
      items.push({ kind: "single", part: part.value });
      continue;
    }
    const pieces = splitMultipart(mime.body, inner, `changeset ${where}`);
    if (!pieces.ok) return pieces;
    const parts: BatchAnswerPart[] = [];
    for (const [j, piece] of pieces.value.entries()) {
      const part = readHttpPart(piece, `operation ${j + 1} of changeset ${where}`);
      if (!part.ok) return part;
      parts.push(part.value);
    }
    items.push({ kind: "changeset", parts });
  }
  return ok(items);
}
