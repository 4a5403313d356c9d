// SPS identity (Auth0): POST /oauth/token with the client-credentials grant, token throttling, and
// bearer verification for the Transaction API. Facts: sps-commerce.md section 1.1 and 1.2.
import { jwtShapedToken } from "../ids";
import { jsonResponse } from "../responses";
import { bearerToken, bodyText, mediaType, type SimRequest } from "../sim-request";
import { findAccount, type SpsAccount } from "./accounts";
import { MISSING_AUDIENCE_STATUS, TOKEN_THROTTLED_BODY } from "./unconfirmed";

export type TokenFields = Record<string, string>;

/** Which account holds each token, so a token is only ever valid for its own account. */
const tokenOwners = new Map<string, string>();

/** Auth0's error shape `{error, error_description}` (sps-commerce.md 2.4, S6/S8). */
function auth0Error(status: number, error: string, description: string, headers: Record<string, string> = {}): Response {
  return jsonResponse(status, { error, error_description: description }, { "cache-control": "no-store", ...headers });
}

/** Reads the token request: JSON (used by most clients) or form-encoded (S16); 1.1. */
export function readTokenRequest(req: SimRequest): { fields: TokenFields } | { response: Response } {
  const type = mediaType(req);
  const text = bodyText(req);
  if (type === "application/x-www-form-urlencoded") {
    return { fields: Object.fromEntries(new URLSearchParams(text)) };
  }
  if (type === "application/json") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return { response: auth0Error(400, "invalid_request", "Invalid JSON body") };
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      return { response: auth0Error(400, "invalid_request", "The request body must be a JSON object") };
    }
    const fields: TokenFields = {};
    for (const [key, value] of Object.entries(parsed)) {
      if (typeof value !== "string") {
        return { response: auth0Error(400, "invalid_request", `Parameter ${key} must be a string`) };
      }
      fields[key] = value;
    }
    return { fields };
  }
  return {
    response: auth0Error(400, "invalid_request", "Content-Type must be application/json or application/x-www-form-urlencoded"),
  };
}

/**
 * The token endpoint is rate-limited and punishes per-call token fetching (1.1, quoting the Dev
 * Center, S4). Sliding 60 s window per account; the limit is configurable per account.
 */
export function throttleTokenRequest(account: SpsAccount, nowMs: number): Response | undefined {
  account.tokenRequestTimes = account.tokenRequestTimes.filter((t) => t > nowMs - 60_000);
  if (account.tokenRequestTimes.length >= account.tokenRequestsPerMinute) {
    const oldest = account.tokenRequestTimes[0] ?? nowMs;
    const retryAfter = Math.max(1, Math.ceil((oldest + 60_000 - nowMs) / 1000));
    return jsonResponse(429, TOKEN_THROTTLED_BODY, {
      "retry-after": String(retryAfter),
      "x-ratelimit-limit": String(account.tokenRequestsPerMinute),
      "x-ratelimit-remaining": "0",
    });
  }
  account.tokenRequestTimes.push(nowMs);
  return undefined;
}

/** Validates a client-credentials request the way Auth0 does and issues an access token. */
export function answerTokenRequest(fields: TokenFields, nowMs: number): Response {
  for (const name of ["grant_type", "client_id", "client_secret"]) {
    if (!fields[name]) return auth0Error(400, "invalid_request", `Missing required parameter: ${name}`);
  }
  const account = findAccount(fields.client_id!);
  if (!account || account.clientSecret !== fields.client_secret) {
    return auth0Error(401, "access_denied", "Unauthorized");
  }
  // 1.2: a client_credentials call with a Web-Service app key fails 403 unauthorized_client (S6);
  // the simulated apps are Machine-to-Machine, so every other grant is refused the same way.
  if (fields.grant_type !== "client_credentials") {
    return auth0Error(403, "unauthorized_client", `Grant type '${fields.grant_type}' not allowed for the client.`);
  }
  const audience = fields.audience;
  if (!audience) return auth0Error(MISSING_AUDIENCE_STATUS, "invalid_request", "Missing required parameter: audience");
  if (!account.audiences.includes(audience)) {
    return auth0Error(403, "access_denied", `Service not enabled within domain: ${audience}`);
  }
  for (const [token, expiresAt] of account.tokens) {
    if (expiresAt <= nowMs) {
      account.tokens.delete(token);
      tokenOwners.delete(token);
    }
  }
  const issuedAt = Math.floor(nowMs / 1000);
  const token = jwtShapedToken({
    iss: "https://auth.spscommerce.com/",
    sub: `${account.clientId}@clients`,
    aud: audience,
    iat: issuedAt,
    exp: issuedAt + account.tokenTtlSeconds,
    azp: account.clientId,
    gty: "client-credentials",
    jti: crypto.randomUUID(),
  });
  account.tokens.set(token, nowMs + account.tokenTtlSeconds * 1000);
  tokenOwners.set(token, account.clientId);
  // 1.1: access_token, token_type Bearer, expires_in (3600 observed); no refresh token for M2M.
  return jsonResponse(
    200,
    { access_token: token, token_type: "Bearer", expires_in: account.tokenTtlSeconds },
    { "cache-control": "no-store" },
  );
}

export type BearerCheck = { ok: true; account: SpsAccount } | { ok: false; reason: "missing" | "unknown" | "expired" };

/** Finds the account a bearer token belongs to; tokens of a reset account are unknown. */
export function verifyBearer(req: SimRequest, nowMs: number): BearerCheck {
  const token = bearerToken(req);
  if (!token) return { ok: false, reason: "missing" };
  const owner = tokenOwners.get(token);
  const account = owner === undefined ? undefined : findAccount(owner);
  const expiresAt = account?.tokens.get(token);
  if (!account || expiresAt === undefined) return { ok: false, reason: "unknown" };
  if (expiresAt <= nowMs) return { ok: false, reason: "expired" };
  return { ok: true, account };
}
