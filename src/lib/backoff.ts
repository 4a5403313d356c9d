// Backoff arithmetic, pure: full jitter (AWS architecture blog "Exponential Backoff And Jitter")
// and Retry-After parsing (RFC 9110 section 10.2.3: delay-seconds or an HTTP-date).

/** Milliseconds to wait per a Retry-After header, or undefined when absent or unparseable. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === "") return undefined;
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

/**
 * Full jitter: a uniformly random wait in [0, min(cap, base * 2^attempt)].
 * `attempt` counts from 0; `random` is injected so tests are deterministic.
 */
export function fullJitterMs(attempt: number, baseMs: number, capMs: number, random: () => number): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}

/**
 * The delay to use: the server's Retry-After when it gave one (never shortened: retrying early only
 * earns another 429), else full jitter.
 */
export function retryDelayMs(opts: {
  attempt: number;
  baseMs: number;
  capMs: number;
  retryAfterMs?: number | undefined;
  random: () => number;
}): number {
  if (opts.retryAfterMs !== undefined) return opts.retryAfterMs;
  return fullJitterMs(opts.attempt, opts.baseMs, opts.capMs, opts.random);
}
