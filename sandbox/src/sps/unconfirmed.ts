// Every SPS behaviour the simulator has to guess, in one place. The fact sheet
// (shared/reference/sps-commerce.md) marks these UNKNOWN or third-party-only; change them here when
// SPS confirms the real thing, and nowhere else.

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
};

/**
 * Transaction API error body: SPS's published API standard (SPSCommerce/sps-api-standards,
 * standards/errors.md; checked-facts 8) requires `application/problem+json` with `title`, `status`,
 * `detail`, `instance` and `requestId` for every 4xx and 5xx, so the sandbox answers that way.
 * Whether the (older) Transaction API follows the standard is UNKNOWN; the connector also reads
 * `{message}` and nested `{error:{…}}` bodies. The messages "Directory not found" and "Parent
 * directory not found" are CONFIRMED (3rd-party live test, S6).
 */
export function transactionApiError(status: number, message: string, headers: Record<string, string> = {}, instance?: string): Response {
  const body = { title: TITLES[status] ?? "Error", status, detail: message, ...(instance ? { instance } : {}), requestId: crypto.randomUUID() };
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/problem+json; charset=utf-8", ...headers } });
}

export const MESSAGES = {
  directoryNotFound: "Directory not found", // S6
  parentDirectoryNotFound: "Parent directory not found", // S6
  fileNotFound: "File not found", // guess
  unauthorized: "Unauthorized", // guess (401/403 inferred, 2.4)
  unsupportedMediaType: "Unsupported Media Type: uploads must be sent with Content-Type: application/octet-stream", // S1 says octet-stream is the only accepted value; the status 415 is a guess
  invalidCursor: "Invalid cursor", // guess
  invalidLimit: "limit must be an integer between 1 and 1000", // range CONFIRMED (S5), wording a guess
  tooManyRequests: "Too Many Requests", // 429 CONFIRMED as the throttling status by SPS's style guide (S17), body a guess
  internalError: "Internal Server Error", // guess
} as const;

/**
 * Auth0 token-endpoint throttling (sps-commerce.md 1.1: rate-limited, 429, no numbers published).
 * The per-minute default and the body are guesses; `error`/`error_description` is Auth0's shape.
 */
export const DEFAULT_TOKEN_REQUESTS_PER_MINUTE = 10;
export const TOKEN_THROTTLED_BODY = {
  error: "too_many_requests",
  error_description: "Too many token requests for this client. Cache the access token until it expires.",
};

/**
 * Listing order: UNKNOWN (sps-commerce.md 2.3: ordering guarantees not documented). The sandbox
 * sorts entries by name (code-unit order) and pages with a key-set cursor ("entries after this
 * name"), so files deleted while paging never make later files skip.
 */
export const LISTING_ORDER = "name ascending, key-set cursor";

/**
 * A missing audience: real Auth0 answers 403 access_denied when no default audience is configured;
 * the sandbox follows the team brief and answers 400 invalid_request like any other missing field.
 */
export const MISSING_AUDIENCE_STATUS = 400;
