// The single ack / retry / settle policy every consumer uses (docs/design.md):
// success → ack; a retryable error → retry({ delaySeconds }) with full jitter that honours
// Retry-After, until the attempt budget is spent → `failed`; a permanent error → the document is
// settled into a visible state (invalid, needs_mapping, held, rejected, failed) and acked.
// If recording the outcome itself fails, the message is retried: nothing is acked silently.
import type { DocumentStatus } from "../db/schema";
import { fullJitterMs } from "../lib/backoff";
import { asConnectorError, SimulatedCrash, type ConnectorError, type FailureKind } from "../lib/errors";

export interface RetryPolicy {
  maxAttempts: number;
  baseSeconds: number;
  maxSeconds: number;
}

/** Longest delay we ask the queue for, even when an upstream's Retry-After says more. */
export const MAX_DELAY_SECONDS = 45 * 60;

export type Decision =
  | { action: "retry"; delaySeconds: number }
  /** Throttled or busy: wait and try again without using up an attempt. */
  | { action: "requeue"; delaySeconds: number }
  | { action: "settle"; status: DocumentStatus; exhausted: boolean };

const STATUS_FOR_KIND: Record<FailureKind, DocumentStatus> = {
  invalid: "invalid",
  needs_mapping: "needs_mapping",
  held: "held",
  busy: "queued",
  rejected: "rejected",
  not_found: "rejected",
  auth_config: "failed",
  config: "failed",
  unauthorized: "failed",
  throttled: "failed",
  unavailable: "failed",
  timeout: "failed",
  network: "failed",
  internal: "failed",
};

/** Pure: what to do with a message that failed with `error` on its `attempts`-th counted attempt (1-based). */
export function decide(error: ConnectorError, attempts: number, policy: RetryPolicy, random: () => number): Decision {
  if (error.kind === "throttled" || error.kind === "busy") {
    // The upstream's Retry-After or our own budget/backoff window, plus a little jitter so a
    // throttled batch does not return all at once.
    const wait = (error.retryAfterMs ?? policy.baseSeconds * 1000) + random() * 1000;
    return { action: "requeue", delaySeconds: Math.min(MAX_DELAY_SECONDS, Math.max(1, Math.ceil(wait / 1000))) };
  }
  if (error.retryable && attempts < policy.maxAttempts) {
    const jitter = fullJitterMs(attempts - 1, policy.baseSeconds * 1000, policy.maxSeconds * 1000, random);
    const wanted = error.retryAfterMs !== undefined ? Math.max(error.retryAfterMs, 0) : jitter;
    return { action: "retry", delaySeconds: Math.min(MAX_DELAY_SECONDS, Math.ceil(wanted / 1000)) };
  }
  return { action: "settle", status: error.retryable ? "failed" : STATUS_FOR_KIND[error.kind], exhausted: error.retryable };
}

/** Records a decision (document status, audit); supplied per queue. */
export type RecordDecision = (decision: Decision, error: ConnectorError, attempts: number) => Promise<void>;

/**
 * Runs one message's work and settles it. `record` writes the outcome where an operator sees it
 * before the message is acked or retried; `requeue` re-sends the body as a new message (for
 * throttling, which must not count as an attempt). `attempts` counts attempts across messages.
 */
export async function runAndSettle(
  message: Message<unknown>,
  policy: RetryPolicy,
  work: () => Promise<void>,
  record: RecordDecision,
  opts: { attempts?: number; requeue?: (delaySeconds: number) => Promise<unknown>; random?: () => number } = {},
): Promise<{ outcome: "ack" | "retry" | "requeue"; error?: ConnectorError }> {
  const attempts = opts.attempts ?? message.attempts;
  try {
    await work();
    message.ack();
    return { outcome: "ack" };
  } catch (e) {
    if (e instanceof SimulatedCrash) throw e;
    const error = asConnectorError(e);
    const decision = decide(error, attempts, policy, opts.random ?? Math.random);
    try {
      await record(decision, error, attempts);
      if (decision.action === "requeue" && opts.requeue) {
        await opts.requeue(decision.delaySeconds);
        message.ack();
        return { outcome: "requeue", error };
      }
    } catch {
      // The outcome could not be recorded (or re-sent): keep the message (the DLQ catches a persistent fault).
      message.retry({ delaySeconds: Math.max(1, policy.baseSeconds) });
      return { outcome: "retry", error };
    }
    if (decision.action === "retry" || decision.action === "requeue") {
      message.retry({ delaySeconds: decision.delaySeconds });
      return { outcome: "retry", error };
    }
    message.ack();
    return { outcome: "ack", error };
  }
}
