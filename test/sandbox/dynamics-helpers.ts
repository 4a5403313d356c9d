// Test-side helpers for the Entra ID and F&O simulators: a directory + environment per test
// (unique tenant id and host, so tests never share state), tokens, OData calls, and a small,
// independent reader/writer for $batch multipart bodies (CRLF line ends, as OData 4.0 requires).
import { control, readJson, uniqueId } from "./sandbox-control";

export const ENTRA = "https://login.microsoftonline.com";

export interface FoWorld {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** e.g. "acme-1a2b3c4d.operations.dynamics.com" */
  host: string;
  /** https://{host}: the environment URL (and token resource) */
  environmentUrl: string;
  /** https://{host}/data */
  data: string;
}

export async function createDirectory(overrides: Record<string, unknown> = {}): Promise<{ tenantId: string; clientId: string; clientSecret: string }> {
  const tenantId = crypto.randomUUID();
  const clientId = crypto.randomUUID();
  const clientSecret = `secret~${crypto.randomUUID()}`;
  const reply = await control("POST", "/entra/directories", { tenantId, apps: [{ clientId, clientSecret }], ...overrides });
  if (reply.status !== 201) throw new Error(`creating the Entra directory failed: ${JSON.stringify(reply.json)}`);
  return { tenantId, clientId, clientSecret };
}

/** A directory with one app, and an F&O environment trusting it (legal entities usmf + demf, demo seed). */
export async function createFoWorld(environment: Record<string, unknown> = {}, directory: Record<string, unknown> = {}): Promise<FoWorld> {
  const dir = await createDirectory(directory);
  const host = `${uniqueId("acme")}.operations.dynamics.com`;
  const reply = await control("POST", "/dynamics/environments", { environment: host, tenant: dir.tenantId, clientIds: [dir.clientId], ...environment });
  if (reply.status !== 201) throw new Error(`creating the F&O environment failed: ${JSON.stringify(reply.json)}`);
  return { ...dir, host, environmentUrl: `https://${host}`, data: `https://${host}/data` };
}

export function requestEntraToken(tenant: string, fields: Record<string, string>): Promise<Response> {
  return fetch(`${ENTRA}/${tenant}/oauth2/v2.0/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
}

export function clientCredentials(world: { clientId: string; clientSecret: string }, scope: string): Record<string, string> {
  return { grant_type: "client_credentials", client_id: world.clientId, client_secret: world.clientSecret, scope };
}

export async function foToken(world: FoWorld): Promise<string> {
  const response = await requestEntraToken(world.tenantId, clientCredentials(world, `${world.environmentUrl}/.default`));
  if (response.status !== 200) throw new Error(`token request failed: ${response.status} ${await response.text()}`);
  return (await readJson<{ access_token: string }>(response)).access_token;
}

export function foFetch(world: FoWorld, token: string, method: string, pathAndQuery: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const init: RequestInit = { method, headers: { authorization: `Bearer ${token}`, accept: "application/json", "odata-version": "4.0", ...headers } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)["content-type"] = "application/json";
  }
  return fetch(`${world.data}/${pathAndQuery}`, init);
}

/** `$filter` etc. encoded the way clients do (spaces as %20). */
export function q(params: Record<string, string>): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join("&");
}

/** A two-line order for BIGBOX in usmf, header fields only. */
export function orderHeader(poNumber: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    dataAreaId: "usmf",
    OrderingCustomerAccountNumber: "BIGBOX",
    CustomersOrderReference: poNumber,
    CustomerRequisitionNumber: poNumber,
    CurrencyCode: "USD",
    RequestedShippingDate: "2026-03-17T12:00:00Z",
    RequestedReceiptDate: "2026-03-19T12:00:00Z",
    DeliveryAddressName: "BigBox Store 10",
    DeliveryAddressStreet: "10 Commerce Way",
    DeliveryAddressCity: "Columbus",
    DeliveryAddressStateId: "OH",
    DeliveryAddressZipCode: "43217",
    DeliveryAddressCountryRegionId: "USA",
    ...overrides,
  };
}

export async function createOrder(world: FoWorld, token: string, poNumber: string, lines: Array<Record<string, unknown>>, header: Record<string, unknown> = {}): Promise<{ order: any; lines: any[] }> {
  const created = await foFetch(world, token, "POST", "SalesOrderHeadersV2", orderHeader(poNumber, header));
  if (created.status !== 201) throw new Error(`creating the order failed: ${created.status} ${await created.text()}`);
  const order = await readJson(created);
  const out = [];
  for (const line of lines) {
    const response = await foFetch(world, token, "POST", "SalesOrderLines", { dataAreaId: order.dataAreaId, SalesOrderNumber: order.SalesOrderNumber, ...line });
    if (response.status !== 201) throw new Error(`creating a line failed: ${response.status} ${await response.text()}`);
    out.push(await readJson(response));
  }
  return { order, lines: out };
}

// ---- $batch wire format ----

const CRLF = "\r\n";

export interface BatchOp {
  method: string;
  url: string;
  contentId?: string;
  body?: unknown;
}

function opPart(op: BatchOp): string {
  const mime = ["Content-Type: application/http", "Content-Transfer-Encoding: binary"];
  if (op.contentId !== undefined) mime.push(`Content-ID: ${op.contentId}`);
  const http = [`${op.method} ${op.url} HTTP/1.1`, "OData-Version: 4.0", "OData-MaxVersion: 4.0"];
  if (op.body !== undefined) http.push("Content-Type: application/json;odata.metadata=minimal;charset=UTF-8");
  return `${mime.join(CRLF)}${CRLF}${CRLF}${http.join(CRLF)}${CRLF}${CRLF}${op.body === undefined ? "" : JSON.stringify(op.body)}`;
}

/** One changeset holding `ops` (as D12's PowerShell tooling writes it). */
export function changesetBatch(ops: BatchOp[]): { contentType: string; body: string } {
  const batch = `batch_${crypto.randomUUID()}`;
  const changeset = `changeset_${crypto.randomUUID()}`;
  const parts = ops.map((op) => `--${changeset}${CRLF}${opPart(op)}${CRLF}`).join("");
  const body = `--${batch}${CRLF}Content-Type: multipart/mixed; boundary=${changeset}${CRLF}${CRLF}${parts}--${changeset}--${CRLF}--${batch}--${CRLF}`;
  return { contentType: `multipart/mixed; boundary=${batch}`, body };
}

export function postBatch(world: FoWorld, token: string, batch: { contentType: string; body: string }): Promise<Response> {
  return fetch(`${world.data}/$batch`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": batch.contentType, "odata-version": "4.0" },
    body: batch.body,
  });
}

export interface BatchAnswerPart {
  contentId: string | undefined;
  status: number;
  headers: Headers;
  json: any;
}

function boundaryOf(contentType: string): string {
  const match = /boundary=([^;\s]+)/.exec(contentType);
  if (!match?.[1]) throw new Error(`no boundary in ${contentType}`);
  return match[1];
}

function splitParts(text: string, boundary: string): string[] {
  const pieces = `${CRLF}${text}`.split(`${CRLF}--${boundary}`);
  pieces.shift();
  const parts: string[] = [];
  for (const piece of pieces) {
    if (piece.startsWith("--")) break;
    if (!piece.startsWith(CRLF)) throw new Error(`boundary line not followed by CRLF: ${JSON.stringify(piece.slice(0, 20))}`);
    parts.push(piece.slice(CRLF.length));
  }
  return parts;
}

function headersOf(block: string): Headers {
  const headers = new Headers();
  for (const line of block.split(CRLF).filter(Boolean)) {
    const colon = line.indexOf(":");
    headers.append(line.slice(0, colon), line.slice(colon + 1).trim());
  }
  return headers;
}

/** Reads a batch answer into changesets (arrays of parts) and single parts. */
export function readBatchAnswer(contentType: string, text: string): BatchAnswerPart[][] {
  return splitParts(text, boundaryOf(contentType)).map((part) => {
    const split = part.indexOf(CRLF + CRLF);
    const mime = headersOf(part.slice(0, split));
    const rest = part.slice(split + 4);
    const type = mime.get("content-type") ?? "";
    const httpParts = type.startsWith("multipart/mixed") ? splitParts(rest, boundaryOf(type)) : [part];
    return httpParts.map((httpPart) => {
      const mimeEnd = httpPart.indexOf(CRLF + CRLF);
      const partMime = headersOf(httpPart.slice(0, mimeEnd));
      const http = httpPart.slice(mimeEnd + 4);
      const headEnd = http.indexOf(CRLF + CRLF);
      const [statusLine, ...headerLines] = http.slice(0, headEnd).split(CRLF);
      const status = Number(/^HTTP\/1\.1 (\d{3}) /.exec(statusLine ?? "")?.[1]);
      const body = http.slice(headEnd + 4);
      return { contentId: partMime.get("content-id") ?? undefined, status, headers: headersOf(headerLines.join(CRLF)), json: body.trim() === "" ? null : JSON.parse(body) };
    });
  });
}
