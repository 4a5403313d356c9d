// Calls the connector's HTTP API in tests, with tokens minted from the test signing key; every reply
// and every secret a request carries is recorded for the leak scan after the file (setup.ts).
import { createExecutionContext, env, SELF, waitOnExecutionContext } from "cloudflare:test";
import worker from "../../src/index";
import { SignJWT } from "jose";
import { noteSecret, noteSecretsInBody, recordProduced } from "../security/secret-leak-scan";

export async function mintToken(claims: Record<string, unknown>, opts: { expiresIn?: string | number; key?: string; alg?: string } = {}): Promise<string> {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: opts.alg ?? "HS256" }).setIssuedAt();
  jwt.setExpirationTime(opts.expiresIn ?? "1h");
  return jwt.sign(new TextEncoder().encode(opts.key ?? env.API_SIGNING_KEY));
}

export const operatorToken = () => mintToken({ role: "operator", sub: "test-operator" });
export const tenantToken = (tenant: string) => mintToken({ role: "tenant", tenant });

/**
 * How `api()` reaches the connector. "self" (the default) goes through `SELF.fetch`, the worker's own
 * HTTP entry. "direct" calls the worker's fetch handler in-process: the pool's `SELF.fetch` gets
 * slower with every call made in one workerd (workers-sdk#15446: ~6 ms to ~370 ms after 1,500
 * calls), which a chaos run making thousands of calls cannot afford. "direct" also stops recording
 * replies for the leak scan, which the chaos runs do not do (test/chaos/setup.ts).
 */
let transport: "self" | "direct" = "self";
export function useDirectTransport(): void {
  transport = "direct";
}

async function dispatch(url: string, init: RequestInit): Promise<Response> {
  if (transport === "self") return SELF.fetch(url, init);
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(url, init) as Parameters<typeof worker.fetch>[0], env as never, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

export interface ApiReply<T = any> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

export async function api<T = any>(
  method: string,
  path: string,
  opts: { token?: string | null; body?: unknown; contentType?: string; raw?: string; headers?: Record<string, string> } = {},
): Promise<ApiReply<T>> {
  const token = opts.token === undefined ? await operatorToken() : opts.token;
  // For the leak scan after the file: the secrets this request carries, and what came back. Labels
  // leave the query out: it may carry a secret itself (?code= of the business-event hook).
  const label = `${method} ${path.split("?")[0]}`;
  if (transport === "self") {
    noteSecret(token, `the bearer token of ${label}`);
    noteSecretsInBody(opts.body, label);
  }
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (opts.raw !== undefined) {
    body = opts.raw;
    headers["content-type"] = opts.contentType ?? "text/plain";
  } else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers["content-type"] = opts.contentType ?? "application/json";
  }
  Object.assign(headers, opts.headers);
  const res = await dispatch(`https://connector.test${path}`, { method, headers, body });
  const text = await res.text();
  if (transport === "self") recordReply(`the API reply to ${label} (${res.status})`, text, res.headers);
  let parsed: any = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: res.status, body: parsed as T, text, headers: res.headers };
}

/** Records an API reply (body and headers) for the leak scan; for tests that call the app directly. */
export function recordReply(where: string, text: string, headers: Headers): void {
  recordProduced(where, text);
  recordProduced(`the headers of ${where}`, JSON.stringify([...headers]));
}

let counter = 0;
/** A tenant id unique within the test file. */
export function uniqueTenantId(prefix = "t"): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}`;
}

export async function createTenant(id: string, erp: "acumatica" | "dynamics" = "acumatica", extra: Record<string, unknown> = {}) {
  const res = await api("POST", "/v1/tenants", { body: { id, name: `Tenant ${id}`, erp, ...extra } });
  if (res.status !== 201) throw new Error(`create tenant ${id}: ${res.status} ${res.text}`);
  return res.body;
}
