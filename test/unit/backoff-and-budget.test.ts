// Backoff arithmetic, Retry-After parsing and the request budget (pure code).
import { describe, expect, it } from "vitest";
import { fullJitterMs, parseRetryAfter } from "../../src/lib/backoff";
import { bucketCapacity, bucketTake, type BucketState } from "../../src/tenant-gate/token-bucket";

describe("Retry-After", () => {
  const now = Date.parse("2026-11-23T10:00:00Z");
  it("reads delay-seconds and HTTP dates", () => {
    expect(parseRetryAfter("7", now)).toBe(7000);
    expect(parseRetryAfter("Mon, 23 Nov 2026 10:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Mon, 23 Nov 2026 09:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe("full jitter", () => {
  it("stays within [0, min(cap, base·2^attempt)]", () => {
    expect(fullJitterMs(0, 1000, 60_000, () => 0.999)).toBe(999);
    expect(fullJitterMs(3, 1000, 60_000, () => 0.5)).toBe(4000);
    expect(fullJitterMs(20, 1000, 60_000, () => 0.999)).toBe(59_940);
    expect(fullJitterMs(5, 1000, 60_000, () => 0)).toBe(0);
  });
});

describe("request budget", () => {
  it("never lets more than perMinute requests into any 60-second window", () => {
    for (const perMinute of [10, 50, 120, 600]) {
      let state: BucketState | undefined;
      const grants: number[] = [];
      for (let t = 0; t < 5 * 60_000; t += 50) {
        const r = bucketTake(state, perMinute, t);
        state = r.state;
        if (r.granted) grants.push(t);
      }
      let worst = 0;
      for (let i = 0, j = 0; i < grants.length; i++) {
        while (grants[i]! - grants[j]! >= 60_000) j++;
        worst = Math.max(worst, i - j + 1);
      }
      expect(worst, `perMinute ${perMinute}`).toBeLessThanOrEqual(perMinute);
      // ...while sustaining at least 90% of the limit over five minutes.
      expect(grants.length / 5, `perMinute ${perMinute}`).toBeGreaterThanOrEqual(perMinute * 0.9);
    }
  });

  it("says how long to wait when the bucket is empty", () => {
    const first = bucketTake(undefined, 60, 0);
    expect(first.granted).toBe(true);
    expect(bucketCapacity(60)).toBe(1);
    const second = bucketTake(first.state, 60, 10);
    expect(second.granted).toBe(false);
    if (!second.granted) expect(second.waitMs).toBeGreaterThan(900);
  });
});
