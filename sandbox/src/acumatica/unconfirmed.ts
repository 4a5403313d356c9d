// Every Acumatica behaviour the simulator has to guess, in one place. The fact sheet
// (shared/reference/acumatica.md) marks these "inferred" or "unknown"; change them here when a live
// tenant shows the real thing, and nowhere else.
import { jsonResponse, textResponse } from "../responses";

/**
 * Error body of the contract-based API. acumatica.md section 3: 400 and 412 return `HttpError`;
 * the field names below are ASP.NET Web API's HttpError (what Acumatica's REST layer is built on);
 * the exact texts and exception types are guesses.
 */
export function httpError(status: number, exceptionMessage: string, exceptionType = "PX.Api.ContractBased.ApiException"): Response {
  return jsonResponse(status, { message: "An error has occurred.", exceptionMessage, exceptionType, stackTrace: null });
}

/** Wrong endpoint name or version: 404 (acumatica.md section 1, "inferred"; body unknown, section 8). */
export function endpointNotFound(requestUrl: string): Response {
  return jsonResponse(404, { message: `No HTTP resource was found that matches the request URI '${requestUrl}'.` });
}

/** A record addressed by keys or id that does not exist (body unknown). */
export function recordNotFound(): Response {
  return httpError(404, "No entity satisfies the condition.", "PX.Api.ContractBased.NoEntitySatisfiesTheConditionException");
}

/** No, unknown or expired bearer token on /entity (401 "not signed in", section 3; body a guess). */
export function notAuthorized(reason: string): Response {
  return jsonResponse(
    401,
    { message: "Authorization has been denied for this request." },
    { "www-authenticate": `Bearer error="invalid_token", error_description="${reason}"` },
  );
}

/**
 * Licence limit refusal (section 5 and limits-and-costs.md 2.1: HTTP 429; the text comes from the
 * documented status table). Whether the body is plain text or JSON, and whether Retry-After is sent,
 * is unknown: the sandbox sends plain text and Retry-After only when the instance asks for it.
 * The real server first *delays* requests past 50 % of the per-minute limit and rejects only when
 * more than 20 wait; the sandbox rejects at the limit straight away (stricter).
 */
export function licenceLimitExceeded(headers: Record<string, string>): Response {
  return textResponse(429, "The number of requests has exceeded the limit imposed by the license.", headers);
}

/** A request under a virtual directory the instance does not have: IIS answers its own 404 page. */
export function siteNotFound(): Response {
  return new Response("<html><body><h2>404 - File or directory not found.</h2></body></html>", {
    status: 404,
    headers: { "content-type": "text/html" },
  });
}

/**
 * Identity-server token errors: `{error, error_description}` (section 2a). Identity servers answer
 * token errors with 400, including invalid_client (RFC 6749 5.2 allows 401); the sandbox uses 400.
 */
export const TOKEN_ERROR_STATUS = 400;

/** Whether GET {base}/entity (discovery) needs a bearer token: unknown; the sandbox requires one (stricter). */
export const DISCOVERY_REQUIRES_TOKEN = true;

/** A missing `scope`: identity servers may grant the client's default scopes; the sandbox refuses (stricter). */
export const SCOPE_REQUIRED = true;

/** Scopes the simulated connected application may request (section 2a). */
export const ALLOWED_SCOPES = ["api", "offline_access", "openid", "profile", "email", "api:concurrent_access"] as const;

/** Status strings (sections 4 and 6d: "inferred"; read the real ones from a tenant). */
export const SALES_ORDER_STATUS = {
  open: "Open",
  onHold: "On Hold",
  shipping: "Shipping",
  backOrder: "Back Order",
  completed: "Completed",
} as const;

export const SHIPMENT_STATUS = {
  open: "Open",
  confirmed: "Confirmed",
  invoiced: "Invoiced",
  completed: "Completed",
} as const;

export const SALES_INVOICE_STATUS = {
  balanced: "Balanced", // prepared, not released
  open: "Open", // released
  closed: "Closed", // paid
} as const;

/** Cross-reference AlternateType strings (section 4: "unknown", read them from a tenant). */
export const ALTERNATE_TYPE = {
  barcode: "Barcode",
  global: "Global",
  customerPartNumber: "Customer Part Number",
} as const;

/** Document numbering (the real formats are per-tenant numbering sequences). */
export const NUMBERING = {
  salesOrder: (orderType: string, n: number) => `${orderType}${String(n).padStart(6, "0")}`,
  shipment: (n: number) => String(n).padStart(6, "0"),
  salesInvoice: (n: number) => `INV${String(n).padStart(6, "0")}`,
} as const;

/**
 * Null values are serialized as `{}` (a value wrapper without `value`), which is what the
 * contract-based API is seen to do for empty fields; clients must not assume `value` is present.
 */
export const NULL_VALUE_WIRE = {} as const;

/**
 * $filter string comparisons are case-insensitive: Acumatica runs on SQL Server with a
 * case-insensitive collation by default (inferred).
 */
export const CASE_INSENSITIVE_STRINGS = true;

/**
 * Unknown field names in a PUT body: real Acumatica (Newtonsoft.Json) most likely ignores them
 * silently; the sandbox REJECTS them with 400 so that typos surface in tests. Read-only fields
 * (Status, totals, LastModified…) are accepted and ignored.
 */
export function unknownFieldMessage(entity: string, path: string): string {
  return `sandbox: '${path}' is not a field of ${entity} in the simulated contract. Real Acumatica ignores unknown fields silently; the sandbox rejects them so that typos surface.`;
}

/**
 * Setting ShipToAddress / ShipToContact is honoured only with ShipToAddressOverride /
 * ShipToContactOverride = true, as on the form (section 4, "inferred"); otherwise the values sent
 * are ignored and the customer location's address stays.
 *
 * ManualPrice: with ManualPrice = true the UnitPrice sent is kept; otherwise the item's default price
 * replaces it (section 4, "inferred": set ManualPrice so the EDI price is not replaced).
 */
export const OVERRIDE_FLAGS_REQUIRED = true;
