// F&O's error answers in plain words, pure: the OData error body {"error":{"message","innererror":
// {"message","type"}}} (the Infolog of a refused write is in innererror.message), the ASP.NET shape
// of a refused token {"Message":"Authentication failed."} with its WWW-Authenticate reason, and the
// classification of one $batch part. A business-rule refusal answers 500 with an AxODataWriteException
// (sandbox/README.md "Writes", a captured F&O batch answer): that is `rejected`, never retried.
import { z } from "zod";
import { parseRetryAfter } from "../../lib/backoff";
import { ConnectorError } from "../../lib/errors";
import type { HttpResponse } from "../../lib/http";
import type { BatchAnswerPart } from "./batch";

const ODataErrorBody = z.object({
  error: z.object({
    code: z.string().optional(),
    message: z.string().optional(),
    innererror: z.object({ message: z.string().optional(), type: z.string().optional() }).optional(),
  }),
});
const AspNetErrorBody = z.object({ Message: z.string(), ExceptionType: z.string().nullable().optional() });

export interface DynamicsErrorInfo {
  /** F&O's own words: the Infolog when there is one, else the error message. */
  message: string | undefined;
  /** innererror.type, e.g. "…AxODataWriteException". */
  type: string | undefined;
}

export function parseDynamicsError(text: string): DynamicsErrorInfo {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    const trimmed = text.trim();
    return { message: trimmed ? trimmed.slice(0, 300) : undefined, type: undefined };
  }
  const odata = ODataErrorBody.safeParse(body);
  if (odata.success) {
    const inner = odata.data.error.innererror;
    const message = inner?.message?.trim() || odata.data.error.message?.trim() || undefined;
    return { message, type: inner?.type };
  }
  const aspnet = AspNetErrorBody.safeParse(body);
  if (aspnet.success) return { message: aspnet.data.Message, type: aspnet.data.ExceptionType ?? undefined };
  return { message: undefined, type: undefined };
}

/** A write F&O's business logic refused (sandbox/src/dynamics/unconfirmed.ts WRITE_EXCEPTION_TYPE). */
export function isWriteRefusal(info: DynamicsErrorInfo): boolean {
  return info.type !== undefined && /AxODataWriteException/i.test(info.type);
}

/**
 * The Infolog lines of a refused write, as reasons an operator can act on:
 * "Write failed for table row of type 'X'. Infolog: Warning: The value 'A' in field 'Item number' is
 * not found …; Warning: validateField failed on field …" → ["The value 'A' in field 'Item number' …"].
 */
export function infologReasons(message: string): string[] {
  const at = message.indexOf("Infolog:");
  if (at < 0) return [message];
  const lines = message
    .slice(at + "Infolog:".length)
    .split(/;\s+|\n/)
    .map((l) => l.trim().replace(/^(Warning|Error|Info):\s*/i, "").replace(/\.$/, ""))
    .filter(Boolean);
  // "validateField failed on field …" only repeats the line before it.
  const useful = lines.filter((l) => !/^validateField failed/i.test(l));
  return (useful.length > 0 ? useful : lines).map((l) => `${l}.`);
}

/** The `detail` for gatedRequest: F&O's words, plus the WWW-Authenticate reason of a 401. */
export function dynamicsResponseDetail(res: HttpResponse): string | undefined {
  const info = parseDynamicsError(res.text());
  const reason = /error_description="([^"]*)"/.exec(res.headers.get("www-authenticate") ?? "")?.[1];
  return [info.message, reason].filter(Boolean).join(": ") || undefined;
}

/**
 * The ConnectorError for a failed operation inside a $batch changeset. F&O answered, and a changeset
 * is all-or-nothing, so nothing of it was stored: no failure here is `uncertain`.
 */
export function failureFromBatchPart(part: BatchAnswerPart, what: string, nowMs: number): ConnectorError {
  const info = parseDynamicsError(part.body);
  const said = info.message ? `: ${info.message}` : "";
  if (part.status === 429) {
    return new ConnectorError("throttled", `${what}: F&O throttled an operation inside the $batch (429)${said}`, {
      status: 429,
      system: "dynamics",
      retryAfterMs: parseRetryAfter(part.headers.get("retry-after"), nowMs),
    });
  }
  if (isWriteRefusal(info) || (part.status >= 400 && part.status < 500 && part.status !== 401 && part.status !== 408)) {
    const reasons = info.message ? infologReasons(info.message).map((r) => `Dynamics 365: ${r}`) : [`Dynamics 365 refused the sales order (${part.status})`];
    return new ConnectorError("rejected", `${what}: Dynamics 365 refused the sales order (${part.status})${said}`, { status: part.status, system: "dynamics", reasons });
  }
  if (part.status === 401 || part.status === 403) {
    return new ConnectorError("unauthorized", `${what}: F&O refused the token inside the $batch (${part.status})${said}`, { status: part.status, system: "dynamics" });
  }
  return new ConnectorError("unavailable", `${what}: an operation inside the $batch answered ${part.status}${said}`, {
    status: part.status,
    system: "dynamics",
    retryAfterMs: parseRetryAfter(part.headers.get("retry-after"), nowMs),
  });
}
