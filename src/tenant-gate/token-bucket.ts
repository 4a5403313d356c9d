// The request budget, pure: a token bucket that never lets more than `perMinute` requests into any
// 60-second window. With capacity C and refill (perMinute − C)/60 s, a window holds at most
// C + (perMinute − C) = perMinute requests, so a sliding-window licence limit is never crossed.

export interface BucketState {
  tokens: number;
  updatedAt: number;
  perMinute: number;
}

export function bucketCapacity(perMinute: number): number {
  return Math.max(1, Math.floor(perMinute / 60));
}

export function bucketTake(
  state: BucketState | undefined,
  perMinute: number,
  nowMs: number,
): { granted: true; state: BucketState } | { granted: false; waitMs: number; state: BucketState } {
  const capacity = bucketCapacity(perMinute);
  const ratePerMs = Math.max(perMinute - capacity, 1) / 60_000;
  const start: BucketState =
    state && state.perMinute === perMinute ? state : { tokens: capacity, updatedAt: nowMs, perMinute };
  const elapsed = Math.max(0, nowMs - start.updatedAt);
  const tokens = Math.min(capacity, start.tokens + elapsed * ratePerMs);
  if (tokens >= 1) return { granted: true, state: { tokens: tokens - 1, updatedAt: nowMs, perMinute } };
  return { granted: false, waitMs: Math.ceil((1 - tokens) / ratePerMs), state: { tokens, updatedAt: nowMs, perMinute } };
}
