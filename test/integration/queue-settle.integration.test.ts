// The single settle policy, driven through the real queue handler with createMessageBatch and
// getQueueResult: a retryable failure retries with a delay, throttling re-queues without using an
// attempt, a permanent failure settles the document visibly before the ack, and the dead-letter
// consumer marks a document failed and replayable.
import { describe, expect, it } from "vitest";
import { createWorld } from "../helpers/world";
import { documentDetail, setFaults } from "../helpers/flow";
import { deliver, seedQueued } from "../helpers/queue-direct";

describe("queue settle policy", () => {
  it("retries a retryable failure with a delay and records it on the document", async () => {
    const world = await createWorld();
    const id = await seedQueued(world, "SETTLE-RETRY");
    await setFaults(world, "acumatica", [{ route: "acumatica.put:SalesOrder", kind: "500", probability: 1 }]);
    const result = await deliver("inbound", { v: 1, kind: "inbound", tenantId: world.tenantId, documentId: id, reason: "new" });
    expect(result.explicitAcks).toEqual([]);
    expect(result.retryMessages).toHaveLength(1);
    // The test config caps retry delays at 1 s (RETRY_MAX_SECONDS); production uses full jitter up to 15 min.
    expect(result.retryMessages[0]!.delaySeconds ?? 0).toBeLessThanOrEqual(1);
    const detail = await documentDetail(world, id);
    expect(detail.status).toBe("queued");
    expect(detail.lastError).toMatch(/answered 500/);
    expect(detail.audit.at(-1)).toMatchObject({ stage: "erp_order", outcome: "retry", detail: { kind: "unavailable", attempt: 1 } });
  });

  it("settles a permanent failure into a visible status before acking", async () => {
    const world = await createWorld({ partners: false });
    const id = await seedQueued(world, "SETTLE-PERM");
    const result = await deliver("inbound", { v: 1, kind: "inbound", tenantId: world.tenantId, documentId: id, reason: "new" });
    expect(result.explicitAcks).toHaveLength(1);
    expect(result.retryMessages).toEqual([]);
    const detail = await documentDetail(world, id);
    expect(detail.status).toBe("needs_mapping");
    expect(detail.statusDetail[0]).toMatch(/not mapped/);
  });

  it("gives up as failed once the attempts are spent", async () => {
    const world = await createWorld();
    const id = await seedQueued(world, "SETTLE-LAST");
    await setFaults(world, "acumatica", [{ route: "acumatica.put:SalesOrder", kind: "500", probability: 1 }]);
    const result = await deliver("inbound", { v: 1, kind: "inbound", tenantId: world.tenantId, documentId: id, reason: "new", priorAttempts: 4 });
    expect(result.explicitAcks).toHaveLength(1);
    const detail = await documentDetail(world, id);
    expect(detail.status).toBe("failed");
    expect(detail.statusDetail[0]).toMatch(/^Gave up after 5 attempts/);
  });

  it("re-queues throttled work without using up an attempt", async () => {
    const world = await createWorld();
    const id = await seedQueued(world, "SETTLE-429");
    await setFaults(world, "acumatica", [{ route: "acumatica.put:SalesOrder", kind: "429", probability: 1, times: 1, retryAfter: 7 }]);
    const result = await deliver("inbound", { v: 1, kind: "inbound", tenantId: world.tenantId, documentId: id, reason: "new" }, 4);
    // Acked here because a fresh message (delayed by Retry-After) carries the work on.
    expect(result.explicitAcks).toHaveLength(1);
    expect(result.retryMessages).toEqual([]);
    const detail = await documentDetail(world, id);
    expect(detail.status).toBe("queued");
    expect(detail.audit.at(-1)).toMatchObject({ outcome: "retry", detail: { kind: "throttled", retryInSeconds: 8, countsAsAttempt: false } });
  });

  it("acks a message that can never be valid, and leaves other messages alone", async () => {
    const result = await deliver("inbound", { v: 2, kind: "inbound" });
    expect(result.explicitAcks).toHaveLength(1);
  });

  it("marks a dead-lettered document failed and replayable", async () => {
    const world = await createWorld();
    const id = await seedQueued(world, "SETTLE-DLQ");
    const result = await deliver("inbound-dlq", { v: 1, kind: "inbound", tenantId: world.tenantId, documentId: id, reason: "new" });
    expect(result.explicitAcks).toHaveLength(1);
    const detail = await documentDetail(world, id);
    expect(detail.status).toBe("failed");
    expect(detail.audit.at(-1)).toMatchObject({ stage: "dead_letter", status: "failed" });
  });
});
