// Entra ID token-endpoint errors in Entra's own shape: {error, error_description, error_codes,
// timestamp, trace_id, correlation_id, error_uri}, where error_description is
// "AADSTS<code>: <text>\r\nTrace ID: …\r\nCorrelation ID: …\r\nTimestamp: yyyy-MM-dd HH:mm:ssZ".
// The codes and texts below are Entra's published ones (learn.microsoft.com/entra/identity-platform/
// reference-error-codes); the status of each follows what Entra sends for it.
import { jsonResponse } from "../responses";

/** Entra writes timestamps as "2026-03-10 14:05:33Z" (space, no fraction). */
export function entraTimestamp(nowMs: number): string {
  return new Date(nowMs).toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z");
}

export function entraError(
  status: number,
  error: string,
  code: number,
  text: string,
  nowMs: number,
  headers: Record<string, string> = {},
): Response {
  const traceId = crypto.randomUUID();
  const correlationId = crypto.randomUUID();
  const timestamp = entraTimestamp(nowMs);
  return jsonResponse(
    status,
    {
      error,
      error_description: `AADSTS${code}: ${text}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
    },
    { "cache-control": "no-store, no-cache", pragma: "no-cache", ...headers },
  );
}

/** The errors the simulated token endpoint answers, by cause. */
export const AADSTS = {
  tenantNotFound: (tenant: string, nowMs: number) =>
    entraError(
      400,
      "invalid_request",
      90002,
      `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
      nowMs,
    ),
  tenantIdentifierInvalid: (tenant: string, nowMs: number) =>
    entraError(400, "invalid_request", 900023, `Specified tenant identifier '${tenant}' is neither a valid DNS name, nor a valid external domain.`, nowMs),
  postOnly: (method: string, nowMs: number) =>
    entraError(400, "invalid_request", 900561, `The endpoint only accepts POST requests. Received a ${method} request.`, nowMs),
  missingParameter: (name: string, nowMs: number) =>
    entraError(400, "invalid_request", 900144, `The request body must contain the following parameter: '${name}'.`, nowMs),
  missingClientSecret: (nowMs: number) =>
    entraError(401, "invalid_client", 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.", nowMs),
  unsupportedGrantType: (grant: string, nowMs: number) =>
    entraError(400, "unsupported_grant_type", 70003, `The app requested an unsupported grant type '${grant}'.`, nowMs),
  applicationNotFound: (clientId: string, directoryName: string, nowMs: number) =>
    entraError(
      400,
      "unauthorized_client",
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${directoryName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
      nowMs,
    ),
  invalidClientSecret: (clientId: string, nowMs: number) =>
    entraError(
      401,
      "invalid_client",
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
      nowMs,
    ),
  scopeNotDefault: (scope: string, nowMs: number) =>
    entraError(
      400,
      "invalid_scope",
      1002012,
      `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
      nowMs,
    ),
  scopeInvalid: (nowMs: number) => entraError(400, "invalid_scope", 70011, "The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid.", nowMs),
  resourceNotFound: (resource: string, directoryName: string, nowMs: number) =>
    entraError(
      400,
      "invalid_resource",
      500011,
      `The resource principal named ${resource} was not found in the tenant named ${directoryName}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
      nowMs,
    ),
  serverError: (nowMs: number) =>
    entraError(500, "server_error", 50000, "There was an error issuing a token or an issue with our sign-in service.", nowMs),
} as const;
