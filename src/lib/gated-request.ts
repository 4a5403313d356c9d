// `gatedRequest`: the one way the connector calls an upstream API (budget, backoff, token, 401 → one
// refresh, 429/5xx → backoff window). The gate is an interface so the upstream clients (sps/, erp/)
// depend on what they call, not on the Durable Object that implements it (tenant-gate/client.ts).
import { ConnectorError, type SystemName } from "./errors";
import type { AcquireResult } from "../tenant-gate/gate";
import { failureFromResponse, httpRequest, type HttpRequest, type HttpResponse } from "./http";

export interface UpstreamGate {
  acquire(opts?: { needToken?: boolean; requestsPerMinute?: number | undefined }): Promise<AcquireResult>;
  invalidateToken(token: string): Promise<boolean>;
  reportThrottle(retryAfterMs: number | undefined, status?: number): Promise<number>;
}

export interface GatedCall {
  /** Builds the request with the access token the gate handed out. */
  build: (accessToken: string) => HttpRequest;
  /** For messages: "GET Shipment", "upload in/SH123.xml". */
  what: string;
  system: SystemName;
  requestsPerMinute?: number | undefined;
  /** Wait inline for the budget or a backoff window up to this long; longer waits become a retry later. */
  maxInlineWaitMs?: number;
  /** Extracts the upstream's own words from an error body for messages. */
  detail?: (res: HttpResponse) => string | undefined;
  /** The call changes state upstream: a timeout or drop leaves the outcome uncertain. */
  write?: boolean;
}

const DEFAULT_MAX_INLINE_WAIT_MS = 5_000;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Sends one upstream request through the gate and returns any 2xx or 4xx answer other than 401
 * for the caller to interpret. Throws ConnectorError for 429 and 5xx (after opening the backoff
 * window), for a second 401, for network failures and timeouts, and when the budget or a backoff
 * window would make the caller wait longer than `maxInlineWaitMs`.
 */
export async function gatedRequest(gate: UpstreamGate, call: GatedCall): Promise<HttpResponse> {
  const maxWait = call.maxInlineWaitMs ?? DEFAULT_MAX_INLINE_WAIT_MS;
  let waited = 0;
  let refreshedAfter401 = false;
  for (;;) {
    const permit = await gate.acquire({ needToken: true, requestsPerMinute: call.requestsPerMinute });
    if (!permit.ok) {
      if (permit.reason === "token") {
        const f = permit.failure;
        throw new ConnectorError(f.kind, f.message, { retryable: f.retryable, retryAfterMs: f.retryAfterMs, status: f.status, system: call.system });
      }
      if (waited + permit.waitMs > maxWait) {
        throw new ConnectorError(
          "throttled",
          permit.reason === "backoff"
            ? `${call.what}: ${call.system} answered ${permit.lastStatus ?? "429 or 5xx"} recently; requests wait ${Math.ceil(permit.waitMs / 1000)} s before the next try`
            : `${call.what}: the ${call.system} request budget is spent for ${Math.ceil(permit.waitMs / 1000)} s`,
          { retryAfterMs: permit.waitMs, system: call.system },
        );
      }
      waited += permit.waitMs;
      await sleep(permit.waitMs);
      continue;
    }
    const token = permit.token!;
    const request = call.build(token);
    const res = await httpRequest({ ...request, write: call.write ?? request.write });
    if (res.status === 401 && !refreshedAfter401) {
      // One refresh, then one retry (the token may have expired early or been revoked).
      refreshedAfter401 = true;
      await gate.invalidateToken(token);
      continue;
    }
    if (res.status === 429 || res.status >= 500) {
      const failure = failureFromResponse(res, { system: call.system, what: call.what, nowMs: Date.now(), detail: call.detail?.(res), write: call.write });
      await gate.reportThrottle(failure.retryAfterMs, res.status);
      throw failure;
    }
    if (res.status === 401) {
      throw failureFromResponse(res, { system: call.system, what: `${call.what} (after a token refresh)`, nowMs: Date.now(), detail: call.detail?.(res) });
    }
    return res;
  }
}
