// The settle decision (pure): retry with jitter or Retry-After, settle permanent failures into a
// visible status, give up as `failed` after the attempt budget.
import { describe, expect, it } from "vitest";
import { ConnectorError } from "../../src/lib/errors";
import { decide, MAX_DELAY_SECONDS } from "../../src/queues/settle";

const policy = { maxAttempts: 5, baseSeconds: 10, maxSeconds: 600 };

describe("settle decision", () => {
  it("retries a retryable error with a full-jitter delay that grows with attempts", () => {
    const e = new ConnectorError("unavailable", "503");
    expect(decide(e, 1, policy, () => 0.999)).toEqual({ action: "retry", delaySeconds: 10 });
    expect(decide(e, 4, policy, () => 0.999)).toEqual({ action: "retry", delaySeconds: 80 });
  });

  it("honours Retry-After over jitter, within the queue's delay cap", () => {
    expect(decide(new ConnectorError("unavailable", "503", { retryAfterMs: 7000 }), 1, policy, () => 0)).toEqual({ action: "retry", delaySeconds: 7 });
    expect(decide(new ConnectorError("unavailable", "503", { retryAfterMs: 10 * 3600_000 }), 1, policy, () => 0)).toEqual({ action: "retry", delaySeconds: MAX_DELAY_SECONDS });
  });

  it("re-queues throttled work after Retry-After without using up an attempt, however many times", () => {
    expect(decide(new ConnectorError("throttled", "429", { retryAfterMs: 7000 }), 1, policy, () => 0)).toEqual({ action: "requeue", delaySeconds: 7 });
    expect(decide(new ConnectorError("throttled", "429", { retryAfterMs: 7000 }), 50, policy, () => 0.5)).toEqual({ action: "requeue", delaySeconds: 8 });
    expect(decide(new ConnectorError("busy", "claimed"), 3, policy, () => 0)).toMatchObject({ action: "requeue" });
  });

  it("settles permanent failures into the matching visible status", () => {
    expect(decide(new ConnectorError("needs_mapping", "x"), 1, policy, Math.random)).toEqual({ action: "settle", status: "needs_mapping", exhausted: false });
    expect(decide(new ConnectorError("invalid", "x"), 1, policy, Math.random)).toMatchObject({ status: "invalid" });
    expect(decide(new ConnectorError("rejected", "x"), 1, policy, Math.random)).toMatchObject({ status: "rejected" });
    expect(decide(new ConnectorError("held", "x"), 1, policy, Math.random)).toMatchObject({ status: "held" });
    expect(decide(new ConnectorError("auth_config", "x"), 1, policy, Math.random)).toMatchObject({ status: "failed" });
  });

  it("gives up as failed once the attempts are spent", () => {
    expect(decide(new ConnectorError("timeout", "x"), 5, policy, Math.random)).toEqual({ action: "settle", status: "failed", exhausted: true });
  });
});
