// Test-side helpers for the sandbox: control calls, unique ids, and getting tokens from the
// simulated SPS and Acumatica identity endpoints. Every fetch from test code reaches the sandbox.

export const CONTROL = "https://sandbox.control/__sandbox";

export interface JsonReply<T = any> {
  status: number;
  headers: Headers;
  json: T;
}

export async function control<T = any>(method: string, path: string, body?: unknown): Promise<JsonReply<T>> {
  const init: RequestInit = { method, headers: { "content-type": "application/json" } };
  if (body !== undefined) init.body = JSON.stringify(body);
  const response = await fetch(`${CONTROL}${path}`, init);
  return { status: response.status, headers: response.headers, json: (await response.json()) as T };
}

export function uniqueId(prefix: string): string {
  return `${prefix}-${crypto.randomUUID().slice(0, 8)}`;
}

export async function readJson<T = any>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

// ---- SPS ----

export const SPS_API = "https://api.spscommerce.com";
export const SPS_DATA = `${SPS_API}/transactions/v5/data`;
export const SPS_TOKEN_URL = "https://auth.spscommerce.com/oauth/token";

export interface SpsAccountOptions {
  folders?: string[];
  tokenTtlSeconds?: number;
  tokenRequestsPerMinute?: number;
  audience?: string | string[];
}

export async function createSpsAccount(options: SpsAccountOptions = {}): Promise<{ clientId: string; clientSecret: string }> {
  const clientId = uniqueId("sps-client");
  const clientSecret = `secret-${crypto.randomUUID()}`;
  const reply = await control("POST", "/sps/accounts", { clientId, clientSecret, ...options });
  if (reply.status !== 201) throw new Error(`creating the SPS account failed: ${JSON.stringify(reply.json)}`);
  return { clientId, clientSecret };
}

export function requestSpsToken(fields: Record<string, string>, form = false): Promise<Response> {
  return fetch(SPS_TOKEN_URL, {
    method: "POST",
    headers: { "content-type": form ? "application/x-www-form-urlencoded" : "application/json" },
    body: form ? new URLSearchParams(fields).toString() : JSON.stringify(fields),
  });
}

export async function spsToken(account: { clientId: string; clientSecret: string }): Promise<string> {
  const response = await requestSpsToken({
    grant_type: "client_credentials",
    client_id: account.clientId,
    client_secret: account.clientSecret,
    audience: "https://spscommerce.com",
  });
  if (response.status !== 200) throw new Error(`SPS token request failed: ${response.status} ${await response.text()}`);
  return (await readJson<{ access_token: string }>(response)).access_token;
}

export async function dropSpsFile(clientId: string, path: string, content: string): Promise<void> {
  const reply = await control("POST", `/sps/accounts/${encodeURIComponent(clientId)}/files`, { path, content });
  if (reply.status !== 201) throw new Error(`dropping ${path} failed: ${JSON.stringify(reply.json)}`);
}

// ---- Acumatica ----

export interface AcumaticaInstanceInfo {
  host: string;
  /** https://{host}{pathPrefix} */
  base: string;
  /** Client id with the tenant suffix, as the token endpoint expects it. */
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
}

export async function createAcumaticaInstance(overrides: Record<string, unknown> = {}): Promise<AcumaticaInstanceInfo> {
  const host = `${uniqueId("acme")}.acumatica.com`;
  const config = {
    instance: host,
    tenant: "Company",
    clientId: crypto.randomUUID().toUpperCase(),
    clientSecret: `secret-${crypto.randomUUID()}`,
    users: [{ username: "edi.integration", password: "pw-1" }],
    ...overrides,
  } as { instance: string; tenant: string; clientId: string; clientSecret: string; users: Array<{ username: string; password: string }>; pathPrefix?: string };
  const reply = await control("POST", "/acumatica/instances", config);
  if (reply.status !== 201) throw new Error(`creating the Acumatica instance failed: ${JSON.stringify(reply.json)}`);
  const prefix = config.pathPrefix ? `/${config.pathPrefix.replace(/^\/+|\/+$/g, "")}` : "";
  return {
    host: config.instance,
    base: `https://${config.instance}${prefix}`,
    clientId: `${config.clientId}@${config.tenant}`,
    clientSecret: config.clientSecret,
    username: config.users[0]!.username,
    password: config.users[0]!.password,
  };
}

export function requestAcumaticaToken(instance: AcumaticaInstanceInfo, fields: Record<string, string>): Promise<Response> {
  return fetch(`${instance.base}/identity/connect/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
}

export async function acumaticaTokens(instance: AcumaticaInstanceInfo): Promise<{ access_token: string; refresh_token: string; expires_in: number }> {
  const response = await requestAcumaticaToken(instance, {
    grant_type: "password",
    client_id: instance.clientId,
    client_secret: instance.clientSecret,
    username: instance.username,
    password: instance.password,
    scope: "api offline_access",
  });
  if (response.status !== 200) throw new Error(`Acumatica token request failed: ${response.status} ${await response.text()}`);
  return readJson(response);
}

export function entityUrl(instance: AcumaticaInstanceInfo, pathAndQuery: string, version = "24.200.001"): string {
  return `${instance.base}/entity/Default/${version}/${pathAndQuery}`;
}

export function acumaticaFetch(instance: AcumaticaInstanceInfo, token: string, method: string, pathAndQuery: string, body?: unknown): Promise<Response> {
  const init: RequestInit = { method, headers: { authorization: `Bearer ${token}`, accept: "application/json" } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)["content-type"] = "application/json";
  }
  return fetch(entityUrl(instance, pathAndQuery), init);
}

/** A two-line 850-like order for BIGBOX store 10 in the wire format (acumatica.md 6b). */
export function salesOrderBody(customerOrder: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    OrderType: { value: "SO" },
    CustomerID: { value: "BIGBOX" },
    LocationID: { value: "ST0010" },
    CustomerOrder: { value: customerOrder },
    Date: { value: "2026-03-10T00:00:00" },
    Details: [
      { InventoryID: { value: "DIFFUSER-BAM" }, OrderQty: { value: 30 }, UOM: { value: "EA" }, UnitPrice: { value: 10.25 }, ManualPrice: { value: true } },
      { InventoryID: { value: "DIFFUSER-CIT" }, OrderQty: { value: 12 }, UOM: { value: "EA" } },
    ],
    ...overrides,
  };
}
