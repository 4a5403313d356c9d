// Bearer JWT authentication (jose): HS256 with the UTF-8 bytes of API_SIGNING_KEY, or a JWKS URL.
// Roles: "operator" (every tenant) and "tenant" (its own tenant only).
import type { MiddlewareHandler } from "hono";
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from "jose";
import { z } from "zod";
import type { AppEnv } from "./context";
import { ApiError } from "./errors";

const Claims = z.discriminatedUnion("role", [
  z.object({ role: z.literal("operator"), sub: z.string().optional() }),
  z.object({ role: z.literal("tenant"), tenant: z.string().min(1), sub: z.string().optional() }),
]);
export type Principal = z.infer<typeof Claims>;

const jwksCache = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

async function verify(token: string, signingKey: string, jwksUrl: string | undefined): Promise<JWTPayload> {
  const key = new TextEncoder().encode(signingKey);
  try {
    // algorithms pins HS256: "alg: none" and algorithm-confusion tokens are refused.
    return (await jwtVerify(token, key, { algorithms: ["HS256"], clockTolerance: 5 })).payload;
  } catch (e) {
    if (!jwksUrl || !(e instanceof joseErrors.JOSEAlgNotAllowed || e instanceof joseErrors.JWSSignatureVerificationFailed)) throw e;
    let jwks = jwksCache.get(jwksUrl);
    if (!jwks) {
      jwks = createRemoteJWKSet(new URL(jwksUrl));
      jwksCache.set(jwksUrl, jwks);
    }
    return (await jwtVerify(token, jwks, { algorithms: ["RS256", "ES256", "EdDSA"], clockTolerance: 5 })).payload;
  }
}

/**
 * The principal a bearer token names, or a 401 ApiError saying why not: the one check the HTTP API
 * and the console's sign-in share. `expiresAt` is the token's exp (ms).
 */
export async function principalFromToken(token: string, env: { API_SIGNING_KEY: string; API_JWKS_URL?: string | undefined }): Promise<{ principal: Principal; expiresAt: number }> {
  let payload: JWTPayload;
  try {
    payload = await verify(token, env.API_SIGNING_KEY, env.API_JWKS_URL || undefined);
  } catch (e) {
    const expired = e instanceof joseErrors.JWTExpired;
    throw new ApiError("unauthorized", expired ? "The token has expired" : "The token is not valid");
  }
  // A token that never expires cannot be revoked short of rotating the signing key: refused.
  if (typeof payload.exp !== "number") {
    throw new ApiError("unauthorized", "The token has no expiry (exp claim); mint tokens with one, e.g. npm run token -- --role operator --ttl 12h");
  }
  const claims = Claims.safeParse(payload);
  if (!claims.success) throw new ApiError("unauthorized", 'The token has no valid role claim ("operator", or "tenant" with a tenant)');
  return { principal: claims.data, expiresAt: payload.exp * 1000 };
}

export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header("authorization");
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  if (!match) throw new ApiError("unauthorized", "Missing bearer token (Authorization: Bearer <JWT>)");
  const { principal } = await principalFromToken(match[1]!, c.env);
  c.set("principal", principal);
  await next();
};

/** Throws 403 unless the caller may act on this tenant. */
export function assertTenantAccess(principal: Principal, tenantId: string): void {
  if (principal.role === "operator") return;
  if (principal.tenant !== tenantId) throw new ApiError("forbidden", "This token is limited to another tenant");
}

export function requireOperator(principal: Principal): void {
  if (principal.role !== "operator") throw new ApiError("forbidden", "Only an operator token may do this");
}

/** Who did it, for audit rows. */
export function actorOf(principal: Principal): string {
  return principal.role === "operator" ? `operator${principal.sub ? `:${principal.sub}` : ""}` : `tenant:${principal.tenant}${principal.sub ? `:${principal.sub}` : ""}`;
}
