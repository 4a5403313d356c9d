// Calls the connector's HTTP API in tests, with tokens minted from the test signing key.
import { env, SELF } from "cloudflare:test";
import { SignJWT } from "jose";

export async function mintToken(claims: Record<string, unknown>, opts: { expiresIn?: string | number; key?: string; alg?: string } = {}): Promise<string> {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: opts.alg ?? "HS256" }).setIssuedAt();
  jwt.setExpirationTime(opts.expiresIn ?? "1h");
  return jwt.sign(new TextEncoder().encode(opts.key ?? env.API_SIGNING_KEY));
}

export const operatorToken = () => mintToken({ role: "operator", sub: "test-operator" });
export const tenantToken = (tenant: string) => mintToken({ role: "tenant", tenant });

export interface ApiReply<T = any> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

export async function api<T = any>(
  method: string,
  path: string,
  opts: { token?: string | null; body?: unknown; contentType?: string; raw?: string } = {},
): Promise<ApiReply<T>> {
  const token = opts.token === undefined ? await operatorToken() : opts.token;
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
  const res = await SELF.fetch(`https://connector.test${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: any = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: res.status, body: parsed as T, text, headers: res.headers };
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
