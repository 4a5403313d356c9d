// The console's session: a short-lived HS256 JWT in an HttpOnly cookie, never the API token itself.
// It names the principal the sign-in token named, a CSRF secret for the session's forms, and ends
// with the token or after 12 hours, whichever is sooner. Its key is derived from API_SIGNING_KEY
// with a purpose label, so a session cookie is not an API token and an API token is not a session.
import { jwtVerify, SignJWT } from "jose";
import { z } from "zod";
import type { Principal } from "../api/auth";

export const SESSION_COOKIE = "console_session";
export const SESSION_MAX_MS = 12 * 3600_000;

const SessionClaims = z.object({
  role: z.enum(["operator", "tenant"]),
  tenant: z.string().min(1).optional(),
  sub: z.string().optional(),
  csrf: z.string().min(16),
});

export interface Session {
  principal: Principal;
  csrf: string;
  expiresAt: number;
}

async function sessionKey(signingKey: string): Promise<Uint8Array> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`console-session\u0000${signingKey}`));
  return new Uint8Array(digest);
}

function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export async function createSession(principal: Principal, tokenExpiresAt: number, signingKey: string, nowMs: number): Promise<{ cookie: string; session: Session }> {
  const expiresAt = Math.min(tokenExpiresAt, nowMs + SESSION_MAX_MS);
  const csrf = randomToken();
  const claims = principal.role === "operator" ? { role: "operator", ...(principal.sub ? { sub: principal.sub } : {}), csrf } : { role: "tenant", tenant: principal.tenant, ...(principal.sub ? { sub: principal.sub } : {}), csrf };
  const jwt = await new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256", typ: "console-session" })
    .setIssuedAt(Math.floor(nowMs / 1000))
    .setExpirationTime(Math.floor(expiresAt / 1000))
    .sign(await sessionKey(signingKey));
  return { cookie: jwt, session: { principal, csrf, expiresAt } };
}

export async function readSession(cookie: string | undefined, signingKey: string): Promise<Session | undefined> {
  if (!cookie) return undefined;
  try {
    const { payload, protectedHeader } = await jwtVerify(cookie, await sessionKey(signingKey), { algorithms: ["HS256"] });
    if (protectedHeader.typ !== "console-session" || typeof payload.exp !== "number") return undefined;
    const claims = SessionClaims.safeParse(payload);
    if (!claims.success) return undefined;
    const { role, tenant, sub, csrf } = claims.data;
    if (role === "tenant" && !tenant) return undefined;
    const principal: Principal = role === "operator" ? { role, ...(sub ? { sub } : {}) } : { role, tenant: tenant!, ...(sub ? { sub } : {}) };
    return { principal, csrf, expiresAt: payload.exp * 1000 };
  } catch {
    return undefined;
  }
}

/** Constant-time comparison of a submitted CSRF token with the session's. */
export function sameToken(a: string | undefined, b: string): boolean {
  if (typeof a !== "string" || a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
