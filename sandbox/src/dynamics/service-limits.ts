// Two switches of an environment that shape timing rather than content:
// - the request-rate switch: past `requestsPerMinute` (sliding 60 s window) F&O answers 429 with
//   Retry-After in seconds, which it always sends (section 5, D2/D3);
// - the "AOS restart" cold start (gotcha 9): the first call after `afterIdleSeconds` of idle, or
//   after the restart control call, waits `delayMs` while caches warm; calls that arrive during
//   the warm-up wait for it too.
import type { DynamicsEnvironment } from "./environments";
import { jsonResult, type ODataResult } from "./odata-results";
import { THROTTLED_MESSAGE } from "./unconfirmed";

export function throttledResult(retryAfterSeconds: number | undefined, headers: Record<string, string> = {}): ODataResult {
  const extra: Record<string, string> = { ...headers };
  if (retryAfterSeconds !== undefined) extra["retry-after"] = String(retryAfterSeconds);
  return jsonResult(
    429,
    { error: { code: "", message: THROTTLED_MESSAGE, innererror: { message: THROTTLED_MESSAGE, type: "Microsoft.Dynamics.Ax.Services.ServiceProtection.ThrottlingException", stacktrace: "" } } },
    extra,
  );
}

/** Returns the 429 to answer, or undefined when the request is admitted (and recorded). */
export function admitRequest(env: DynamicsEnvironment, nowMs: number): ODataResult | undefined {
  if (env.requestsPerMinute === null) return undefined;
  env.requestTimes = env.requestTimes.filter((t) => t > nowMs - 60_000);
  if (env.requestTimes.length >= env.requestsPerMinute) {
    const oldest = env.requestTimes[0] ?? nowMs;
    return throttledResult(Math.max(1, Math.ceil((oldest + 60_000 - nowMs) / 1000)));
  }
  env.requestTimes.push(nowMs);
  return undefined;
}

/** How long this request must wait for a cold start (0 when warm); updates the idle clock. */
export function coldStartDelay(env: DynamicsEnvironment, nowMs: number): number {
  let wait = 0;
  if (env.warmingUntil > nowMs) {
    wait = env.warmingUntil - nowMs;
  } else {
    const idle = nowMs - env.lastActivityAt;
    const delay = env.restartDelayMs ?? (env.coldStart && idle >= env.coldStart.afterIdleSeconds * 1000 ? env.coldStart.delayMs : 0);
    if (delay > 0) {
      env.warmingUntil = nowMs + delay;
      wait = delay;
    }
  }
  env.restartDelayMs = null;
  env.lastActivityAt = nowMs + wait;
  return wait;
}
