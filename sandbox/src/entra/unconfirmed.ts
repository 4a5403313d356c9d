// Every Entra ID behaviour the simulator has to guess, in one place (the fact sheet,
// shared/reference/dynamics-365-fo.md section 1, confirms the token request itself and the
// `{env}/.default` scope; Entra's error catalogue gives the AADSTS codes). Change these when the
// real behaviour is observed, and nowhere else.
import { entraError } from "./aadsts-errors";

/**
 * Token-endpoint throttling: Entra answers 429 with Retry-After; the body's error and AADSTS code
 * are a guess (AADSTS90055 is Entra's "TenantThrottlingError").
 */
export function tokenThrottled(nowMs: number, headers: Record<string, string>): Response {
  return entraError(
    429,
    "temporarily_unavailable",
    90055,
    "TenantThrottlingError - There are too many incoming requests. Retry after the time given in the Retry-After header.",
    nowMs,
    headers,
  );
}

/**
 * A resource URI is compared case-insensitively and exactly: a trailing slash makes it a different,
 * unknown resource (fact sheet section 1: "not to put a trailing slash on the resource URL"; for
 * v2 the scope is `{base}/.default`). Whether Entra would forgive the slash is not known.
 */
export const TRAILING_SLASH_IS_UNKNOWN_RESOURCE = true;

/**
 * Grants Entra knows but the sandbox does not simulate (they answer 501 loudly). Any other grant
 * type gets AADSTS70003 unsupported_grant_type.
 */
export const KNOWN_UNSIMULATED_GRANTS = [
  "authorization_code",
  "refresh_token",
  "password",
  "urn:ietf:params:oauth:grant-type:jwt-bearer",
  "urn:ietf:params:oauth:grant-type:device_code",
  "device_code",
] as const;
