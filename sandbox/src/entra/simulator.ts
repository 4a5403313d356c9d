// Entry point of the Entra ID simulator (host login.microsoftonline.com, or /entra in path mode).
// Only POST /{tenant}/oauth2/v2.0/token is simulated. Resolves the directory (tenant id or domain),
// counts and faults the request under the scope {sim:"entra", tenant} with route id
// `dynamics.token` (the token call of a Dynamics connection), applies the directory's token
// throttle, then answers the token request.
import { countRequest, countStatus, countThrottled } from "../counters";
import { runWithFaults, type FaultRendering } from "../faults";
import { jsonResponse } from "../responses";
import type { Scope } from "../scope";
import type { SimRequest } from "../sim-request";
import { AADSTS } from "./aadsts-errors";
import { findDirectory, GUID_PATTERN, type EntraDirectory } from "./directories";
import { answerTokenRequest } from "./token-endpoint";
import { tokenThrottled } from "./unconfirmed";

export const ENTRA_TOKEN_ROUTE = "dynamics.token";

const DNS_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

const faultRendering: FaultRendering = {
  tooManyRequests: (headers) => tokenThrottled(Date.now(), headers),
  serverError: () => AADSTS.serverError(Date.now()),
};

function notSimulated(req: SimRequest): Response {
  const message = `sandbox: Entra ID ${req.method} ${req.path} is not simulated (only POST /{tenant}/oauth2/v2.0/token)`;
  console.error(message);
  return jsonResponse(501, { error: "not_simulated", message });
}

/** Sliding 60-second window per directory; past the limit, 429 with Retry-After. */
function throttle(directory: EntraDirectory, nowMs: number): Response | undefined {
  if (directory.tokenRequestsPerMinute === null) return undefined;
  directory.tokenRequestTimes = directory.tokenRequestTimes.filter((t) => t > nowMs - 60_000);
  if (directory.tokenRequestTimes.length >= directory.tokenRequestsPerMinute) {
    const oldest = directory.tokenRequestTimes[0] ?? nowMs;
    return tokenThrottled(nowMs, { "retry-after": String(Math.max(1, Math.ceil((oldest + 60_000 - nowMs) / 1000))) });
  }
  directory.tokenRequestTimes.push(nowMs);
  return undefined;
}

export async function handleEntra(req: SimRequest): Promise<Response> {
  const match = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(req.path);
  if (!match) return notSimulated(req);
  const tenant = decodeURIComponent(match[1]!);
  const nowMs = Date.now();
  const directory = findDirectory(tenant);
  if (!directory) {
    // Unknown tenants have no scope to count or fault (like unknown SPS clients).
    if (!GUID_PATTERN.test(tenant) && !DNS_NAME.test(tenant)) return AADSTS.tenantIdentifierInvalid(tenant, nowMs);
    return AADSTS.tenantNotFound(tenant, nowMs);
  }
  const scope: Scope = { sim: "entra", id: directory.tenantId };
  countRequest(scope, ENTRA_TOKEN_ROUTE);
  const response = await runWithFaults(scope, { routeId: ENTRA_TOKEN_ROUTE, method: req.method, path: req.path }, faultRendering, async () => {
    const now = Date.now();
    if (req.method !== "POST") return AADSTS.postOnly(req.method, now);
    const throttled = throttle(directory, now);
    if (throttled) {
      countThrottled(scope);
      return throttled;
    }
    return answerTokenRequest(directory, req, now);
  });
  countStatus(scope, response.status);
  return response;
}
