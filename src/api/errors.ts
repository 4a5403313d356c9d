// The API's one error envelope: { error: { code, message, details? } }, a closed set of codes,
// one onError. 5xx bodies are generic; the cause is logged with the request id.
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ZodError } from "zod";
import { createLogger } from "../lib/log";
import { redact } from "../lib/redact";

export const ERROR_CODES = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  internal: 500,
  unavailable: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

export class ApiError extends HTTPException {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(ERROR_CODES[code] as ContentfulStatusCode, { message });
    this.code = code;
    this.details = details;
  }
}

export function errorBody(code: ErrorCode, message: string, details?: unknown) {
  return { error: { code, message, ...(details === undefined ? {} : { details: redact(details) }) } };
}

/** zod issues as details: where and what, never the rejected values (they may be secrets). */
export function zodDetails(error: ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: i.path.join(".") || "(body)", message: i.message }));
}

/** The shared validation hook: every 400 looks the same, so a client parses one error shape. */
export function validationHook(result: { success: boolean; error?: ZodError; target?: string }, c: Context) {
  if (!result.success && result.error) {
    const where = result.target === "json" ? "body" : result.target === "param" ? "path" : result.target ?? "request";
    return c.json(errorBody("invalid_request", `The request ${where} is not valid`, zodDetails(result.error)), 400);
  }
  return undefined;
}

const log = createLogger("info", { component: "api" });

export function onError(error: Error, c: Context): Response {
  if (error instanceof ApiError) {
    return c.json(errorBody(error.code, error.message, error.details), error.status);
  }
  if (error instanceof HTTPException) {
    const status = error.status;
    const code: ErrorCode =
      status === 401 ? "unauthorized" : status === 403 ? "forbidden" : status === 404 ? "not_found" : status === 413 ? "payload_too_large" : status === 415 ? "unsupported_media_type" : status >= 500 ? "internal" : "invalid_request";
    return c.json(errorBody(code, status >= 500 ? "Internal error" : error.message || code), status);
  }
  const requestId = c.get("requestId" as never) as string | undefined;
  log.error("unhandled API error", { requestId, error: error.message, stack: error.stack?.split("\n").slice(0, 5).join(" | ") });
  return c.json(errorBody("internal", `Internal error (request ${requestId ?? "unknown"})`), 500);
}
