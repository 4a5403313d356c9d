// Acumatica's identity server: POST {base}/identity/connect/token with the resource-owner password
// grant and rotating refresh tokens, plus bearer verification for /entity. Facts: acumatica.md
// section 2a (client id carries "@Tenant", scopes api / offline_access, refresh grant) and 9
// (treat refresh tokens as rotating, inferred).
import { jwtShapedToken, randomToken } from "../ids";
import { jsonResponse } from "../responses";
import { bearerToken, bodyText, mediaType, type SimRequest } from "../sim-request";
import type { AccessGrant, AcumaticaInstance } from "./instances";
import { ALLOWED_SCOPES, SCOPE_REQUIRED, TOKEN_ERROR_STATUS } from "./unconfirmed";

function tokenError(error: string, description: string): Response {
  return jsonResponse(TOKEN_ERROR_STATUS, { error, error_description: description }, { "cache-control": "no-store", pragma: "no-cache" });
}

/** Client credentials from the form, or from HTTP Basic as identity servers also accept. */
function clientCredentials(req: SimRequest, form: URLSearchParams): { id?: string; secret?: string } {
  const basic = /^Basic\s+(\S+)$/i.exec(req.headers.get("authorization") ?? "");
  if (basic?.[1]) {
    try {
      const decoded = atob(basic[1]);
      const colon = decoded.indexOf(":");
      if (colon > 0) {
        return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
      }
    } catch {
      return {};
    }
  }
  return { id: form.get("client_id") ?? undefined, secret: form.get("client_secret") ?? undefined };
}

/** Section 2a: the client id is "<GUID>@<Tenant>" and the token is bound to that tenant only. */
function clientMatches(instance: AcumaticaInstance, clientId: string): boolean {
  const at = clientId.lastIndexOf("@");
  if (at < 0) return false;
  return clientId.slice(0, at).toLowerCase() === instance.clientId.toLowerCase() && clientId.slice(at + 1) === instance.tenant;
}

function issueTokens(instance: AcumaticaInstance, username: string, scopes: string[], nowMs: number, refreshExpiresAt?: number): Response {
  const issuedAt = Math.floor(nowMs / 1000);
  const accessToken = jwtShapedToken({
    iss: "acumatica-identity",
    sub: username,
    client_id: `${instance.clientId}@${instance.tenant}`,
    tenant: instance.tenant,
    scope: scopes,
    iat: issuedAt,
    exp: issuedAt + instance.tokenTtlSeconds,
  });
  instance.accessTokens.set(accessToken, { username, scopes, expiresAt: nowMs + instance.tokenTtlSeconds * 1000 });
  const body: Record<string, unknown> = {
    access_token: accessToken,
    expires_in: instance.tokenTtlSeconds,
    token_type: "Bearer",
    scope: scopes.join(" "),
  };
  if (scopes.includes("offline_access")) {
    const refreshToken = randomToken(32);
    instance.refreshTokens.set(refreshToken, {
      username,
      scopes,
      expiresAt: refreshExpiresAt ?? nowMs + instance.refreshTokenTtlSeconds * 1000,
    });
    body.refresh_token = refreshToken;
  }
  return jsonResponse(200, body, { "cache-control": "no-store", pragma: "no-cache" });
}

export function answerTokenRequest(instance: AcumaticaInstance, req: SimRequest, nowMs: number): Response {
  if (mediaType(req) !== "application/x-www-form-urlencoded") {
    // Section 2a / 6a: the token request is form-encoded.
    return tokenError("invalid_request", "Content-Type must be application/x-www-form-urlencoded");
  }
  const form = new URLSearchParams(bodyText(req));
  const grantType = form.get("grant_type");
  if (!grantType) return tokenError("unsupported_grant_type", "grant_type is missing");

  const client = clientCredentials(req, form);
  if (!client.id || !client.secret) return tokenError("invalid_client", "client_id and client_secret are required");
  if (!clientMatches(instance, client.id) || client.secret !== instance.clientSecret) {
    return tokenError("invalid_client", "Unknown client or wrong secret (the client_id must carry the tenant: <id>@<Tenant>)");
  }

  if (grantType === "password") {
    const username = form.get("username");
    const password = form.get("password");
    if (!username || !password) return tokenError("invalid_grant", "username and password are required");
    const scopeParam = form.get("scope");
    if (!scopeParam && SCOPE_REQUIRED) return tokenError("invalid_scope", "scope is required (e.g. \"api offline_access\")");
    const scopes = (scopeParam ?? "api").split(/\s+/).filter(Boolean);
    const unknown = scopes.find((s) => !(ALLOWED_SCOPES as readonly string[]).includes(s));
    if (unknown !== undefined) return tokenError("invalid_scope", `Scope '${unknown}' is not allowed for this client`);
    if (instance.users.get(username) !== password) return tokenError("invalid_grant", "invalid_username_or_password");
    return issueTokens(instance, username, scopes, nowMs);
  }

  if (grantType === "refresh_token") {
    const presented = form.get("refresh_token");
    if (!presented) return tokenError("invalid_request", "refresh_token is missing");
    const grant = instance.refreshTokens.get(presented);
    if (!grant || grant.expiresAt <= nowMs) {
      if (grant) instance.refreshTokens.delete(presented);
      return tokenError("invalid_grant", "The refresh token is invalid, expired or has already been used");
    }
    // Rotation (section 9): the presented refresh token is spent; the new one keeps the original
    // absolute lifetime (section 2a: 30 days from first issue unless sliding expiration is on).
    instance.refreshTokens.delete(presented);
    return issueTokens(instance, grant.username, grant.scopes, nowMs, grant.expiresAt);
  }

  if (["client_credentials", "authorization_code", "implicit", "hybrid"].includes(grantType)) {
    // Section 2a: no client-credentials grant in Acumatica; the simulated app allows ROPC + refresh.
    return tokenError("unauthorized_client", `The client is not allowed to use the '${grantType}' grant`);
  }
  return tokenError("unsupported_grant_type", `Grant type '${grantType}' is not supported`);
}

export type AccessCheck = { ok: true; grant: AccessGrant } | { ok: false; reason: string };

export function verifyAccessToken(instance: AcumaticaInstance, req: SimRequest, nowMs: number): AccessCheck {
  const token = bearerToken(req);
  if (!token) return { ok: false, reason: "no bearer token" };
  const grant = instance.accessTokens.get(token);
  if (!grant) return { ok: false, reason: "unknown token" };
  if (grant.expiresAt <= nowMs) return { ok: false, reason: "token expired" };
  if (!grant.scopes.includes("api")) return { ok: false, reason: "the token lacks the 'api' scope" };
  return { ok: true, grant };
}

/** `{base}/identity/.well-known/openid-configuration` (section 2a: the docs recommend discovery). */
export function openIdConfiguration(publicBase: string): Response {
  const issuer = `${publicBase}/identity`;
  return jsonResponse(200, {
    issuer,
    authorization_endpoint: `${issuer}/connect/authorize`,
    token_endpoint: `${issuer}/connect/token`,
    grant_types_supported: ["authorization_code", "password", "refresh_token", "hybrid"],
    scopes_supported: [...ALLOWED_SCOPES],
    token_endpoint_auth_methods_supported: ["client_secret_post", "client_secret_basic"],
  });
}
