// Bearer verification for F&O: the token must come from the simulated Entra ID, be unexpired, be
// issued for this environment's URL (the scope `{env}/.default`, section 1), by the tenant the
// environment trusts, to an app registered in the environment ("Microsoft Entra ID applications",
// section 1). Anything else is 401 (body in unconfirmed.ts).
import { bearerToken, type SimRequest } from "../sim-request";
import { findDirectory } from "../entra/directories";
import { findAccessToken } from "../entra/tokens";
import type { DynamicsEnvironment } from "./environments";
import { AUTHENTICATION_FAILED_BODY } from "./unconfirmed";
import { jsonResponse } from "../responses";

export type AuthCheck = { ok: true } | { ok: false; reason: string };

export function verifyBearer(env: DynamicsEnvironment, req: SimRequest, nowMs: number): AuthCheck {
  const token = bearerToken(req);
  if (!token) return { ok: false, reason: "no bearer token" };
  const grant = findAccessToken(token);
  if (!grant) return { ok: false, reason: "unknown token" };
  if (grant.expiresAt <= nowMs) return { ok: false, reason: "token expired" };
  if (grant.environmentKey !== env.key) return { ok: false, reason: `token issued for another resource (${grant.resource})` };
  const trusted = findDirectory(env.tenant);
  if (!trusted || trusted.tenantId !== grant.tenantId) return { ok: false, reason: "token issued by another tenant" };
  if (!env.clientIds.includes(grant.clientId)) return { ok: false, reason: `application ${grant.clientId} is not registered in Microsoft Entra ID applications` };
  return { ok: true };
}

export function authenticationFailed(reason: string): Response {
  return jsonResponse(401, AUTHENTICATION_FAILED_BODY, { "www-authenticate": `Bearer error="invalid_token", error_description="${reason}"` });
}
