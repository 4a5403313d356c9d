// One error type for every failure that crosses a boundary (upstream HTTP, document validation,
// configuration). `retryable` alone decides whether a queue message is retried or settled.
import type { ConnectionSystem, TokenAuthority } from "../connections/systems";

export type FailureKind =
  | "throttled" // 429 from an upstream, or our own request budget
  | "unavailable" // 5xx from an upstream
  | "timeout" // no answer in time (the request may have reached the server)
  | "network" // connection failed or dropped (the request may have reached the server)
  | "unauthorized" // 401/403 that a token refresh did not cure
  | "auth_config" // the token endpoint refused the stored credentials
  | "config" // the tenant's configuration is wrong (endpoint version, URL, missing connection)
  | "not_found" // 404 on a record or path
  | "rejected" // the upstream refused the content (4xx with a message)
  | "invalid" // the document failed our parsing or compliance rules
  | "needs_mapping" // a partner or item mapping is missing
  | "held" // valid but needs a person's decision
  | "busy" // another consumer is working on this document right now; try again later, change nothing
  | "internal"; // a bug or an unexpected answer

/** Who failed: a connected system, a token authority of one (erp/profiles.ts), or the connector itself. */
export type SystemName = ConnectionSystem | TokenAuthority | "connector";

export class ConnectorError extends Error {
  readonly kind: FailureKind;
  readonly retryable: boolean;
  /** The upstream's Retry-After, when it sent one. */
  readonly retryAfterMs: number | undefined;
  readonly status: number | undefined;
  readonly system: SystemName | undefined;
  /** The request may have been processed even though we saw no answer (timeouts, drops). */
  readonly uncertain: boolean;
  /** Reasons in words an operator can act on (e.g. one per unmapped line). */
  readonly reasons: string[];

  constructor(
    kind: FailureKind,
    message: string,
    opts: {
      retryable?: boolean;
      retryAfterMs?: number | undefined;
      status?: number | undefined;
      system?: SystemName | undefined;
      uncertain?: boolean;
      reasons?: string[];
      cause?: unknown;
    } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = "ConnectorError";
    this.kind = kind;
    this.retryable = opts.retryable ?? DEFAULT_RETRYABLE[kind];
    this.retryAfterMs = opts.retryAfterMs;
    this.status = opts.status;
    this.system = opts.system;
    this.uncertain = opts.uncertain ?? false;
    this.reasons = opts.reasons ?? [message];
  }
}

const DEFAULT_RETRYABLE: Record<FailureKind, boolean> = {
  throttled: true,
  unavailable: true,
  timeout: true,
  network: true,
  unauthorized: true,
  auth_config: false,
  config: false,
  not_found: false,
  rejected: false,
  invalid: false,
  needs_mapping: false,
  held: false,
  busy: true,
  internal: true,
};

/** Any thrown value as a ConnectorError (unknown throws are retryable internal errors). */
export function asConnectorError(e: unknown): ConnectorError {
  if (e instanceof ConnectorError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new ConnectorError("internal", `Unexpected error: ${message}`, { cause: e });
}

/**
 * Fault injection for the chaos suite: the consumer "dies" (the invocation throws, the runtime
 * retries the whole batch). Never caught by the settle policy. Only raised when
 * CHAOS_CRASH_AFTER_ERP_WRITE is set.
 */
export class SimulatedCrash extends Error {
  constructor(where: string) {
    super(`simulated crash ${where}`);
    this.name = "SimulatedCrash";
  }
}
