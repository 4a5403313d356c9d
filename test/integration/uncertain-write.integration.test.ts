// Uncertain ERP writes: a PUT that timed out or failed with a 5xx may have been stored, now or a
// little later (a server keeps working after the client gave up). The retry looks the order up
// first and links it; within the settle window after the uncertain write an order not found yet is
// not written again (the document waits and looks again), so an order that lands late is linked,
// not duplicated; one that never lands is created once the window has passed. A consumer that was
// only slow, and taken over meanwhile, does not write at all.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import { getDocument } from "../../src/db/documents";
import { claimDocument, holdClaim } from "../../src/queues/claim";
import { createWorld } from "../helpers/world";
import { documentDetail, salesOrders, setFaults, waitForSettled } from "../helpers/flow";
import { deliver, seedQueued } from "../helpers/queue-direct";
import { acumaticaFetch, acumaticaTokens, salesOrderBody } from "../sandbox/sandbox-control";

const message = (tenantId: string, documentId: string) => ({ v: 1, kind: "inbound", tenantId, documentId, reason: "new" });

describe("an ERP write with an uncertain outcome", () => {
  it("links the order a slow answer had already stored, after the connector's timeout", async () => {
    const world = await createWorld();
    const id = await seedQueued(world, "SLOW-ANSWER-1");
    // Acumatica stores the order at once and answers after 1.5 s; the connector gives up after 0.3 s.
    await setFaults(world, "acumatica", [{ route: "acumatica.put:SalesOrder", kind: "delay", delayMs: 1500, times: 1 }]);
    const vars = { HTTP_TIMEOUT_MS: "300", UNCERTAIN_WRITE_SETTLE_MS: "4000" };
    const first = await deliver("inbound", message(world.tenantId, id), 1, vars);
    expect(first.retryMessages).toHaveLength(1);
    expect((await documentDetail(world, id)).audit.at(-1)).toMatchObject({ stage: "erp_order", outcome: "retry", detail: { kind: "timeout", uncertain: true } });
    // Not the retry but a fresh copy of the message (attempts 1), as an at-least-once queue may deliver:
    // the document's own record, not the message's count, says a write was tried.
    const second = await deliver("inbound", message(world.tenantId, id), 1, vars);
    expect(second.explicitAcks).toHaveLength(1);
    const detail = await documentDetail(world, id);
    expect(detail.status).toBe("delivered");
    const orders = await salesOrders(world);
    expect(orders).toHaveLength(1);
    expect(detail.audit.filter((e: any) => e.stage === "erp_order_linked")).toHaveLength(1);
    expect(detail.erpReference).toBe(orders[0].OrderNbr);
  });

  it("waits out the settle window instead of writing again, and links an order that lands meanwhile", async () => {
    const world = await createWorld();
    const id = await seedQueued(world, "LATE-LANDING-1");
    await setFaults(world, "acumatica", [{ route: "acumatica.put:SalesOrder", kind: "500", times: 1 }]);
    const vars = { UNCERTAIN_WRITE_SETTLE_MS: "4000" };
    expect((await deliver("inbound", message(world.tenantId, id), 1, vars)).retryMessages).toHaveLength(1);

    // The retry: nothing found yet, and nothing written.
    const early = await deliver("inbound", message(world.tenantId, id), 2, vars);
    expect(early.retryMessages).toEqual([]);
    expect(early.explicitAcks).toHaveLength(1); // re-queued as a new message that does not use up an attempt
    let detail = await documentDetail(world, id);
    expect(detail.status).toBe("queued");
    expect(detail.audit.at(-1)).toMatchObject({ outcome: "retry", detail: { kind: "throttled", countsAsAttempt: false } });
    expect(detail.lastError).toMatch(/may still be committing there; looking again in [1-4] s/);
    expect(await salesOrders(world)).toHaveLength(0);

    // The earlier write lands late (played here by a direct PUT to the instance, as Acumatica would store it).
    const { access_token } = await acumaticaTokens(world.acumatica);
    const landed = await acumaticaFetch(world.acumatica, access_token, "PUT", "SalesOrder", salesOrderBody("LATE-LANDING-1", { CustomerID: { value: "HOMEDIRECT" }, LocationID: { value: "MAIN" }, ExternalRef: { value: "LATE-LANDING-1" } }));
    expect(landed.status).toBe(200);

    // The re-queued message (the pool's own consumer) finds it and links it.
    const [settled] = await waitForSettled(world, 1, { timeout: 20_000 });
    expect(settled.status).toBe("delivered");
    const orders = await salesOrders(world);
    expect(orders).toHaveLength(1);
    detail = await documentDetail(world, id);
    expect(detail.audit.filter((e: any) => e.stage === "erp_order_linked")).toHaveLength(1);
    expect(detail.audit.some((e: any) => e.stage === "erp_order_created")).toBe(false);
  });

  it("creates the order once the settle window has passed when the uncertain write never landed", async () => {
    const world = await createWorld();
    const id = await seedQueued(world, "NEVER-LANDED-1");
    await setFaults(world, "acumatica", [{ route: "acumatica.put:SalesOrder", kind: "500", times: 1 }]);
    const vars = { UNCERTAIN_WRITE_SETTLE_MS: "1500" };
    expect((await deliver("inbound", message(world.tenantId, id), 1, vars)).retryMessages).toHaveLength(1);
    expect((await deliver("inbound", message(world.tenantId, id), 2, vars)).explicitAcks).toHaveLength(1);
    expect(await salesOrders(world)).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 1600));
    expect((await deliver("inbound", message(world.tenantId, id), 2, vars)).explicitAcks).toHaveLength(1);
    const detail = await documentDetail(world, id);
    expect(detail.status).toBe("delivered");
    expect(detail.audit.filter((e: any) => e.stage === "erp_order_created")).toHaveLength(1);
    expect(await salesOrders(world)).toHaveLength(1);
  });

  it("links, not creates, on a fresh copy of the message after a consumer died past its write and the takeover's lookup failed", async () => {
    const world = await createWorld();
    const id = await seedQueued(world, "DIED-AFTER-WRITE-1");
    const body = message(world.tenantId, id);
    // The consumer writes the order and dies before recording it (nothing in the audit trail says so).
    await expect(deliver("inbound", body, 1, { CHAOS_CRASH_AFTER_ERP_WRITE: "1" })).rejects.toThrow(/after creating/);
    expect(await salesOrders(world)).toHaveLength(1);
    // Its claim lapses; the retry takes over, and its lookup meets a 500.
    await setFaults(world, "acumatica", [{ route: "acumatica.get:SalesOrder", kind: "500", times: 1 }]);
    await new Promise((r) => setTimeout(r, 1100));
    const takeover = await deliver("inbound", body, 2, { CLAIM_TTL_MS: "1000" });
    expect(takeover.retryMessages).toHaveLength(1);
    let detail = await documentDetail(world, id);
    expect(detail.audit.some((e: any) => e.detail?.tookOverStaleClaim)).toBe(true);
    expect(detail.lastError).toMatch(/answered 500/);
    // Then a fresh copy of the message (attempts 1): the takeover in the trail says the order may exist.
    const fresh = await deliver("inbound", body, 1);
    expect(fresh.explicitAcks).toHaveLength(1);
    detail = await documentDetail(world, id);
    expect(detail.status).toBe("delivered");
    expect(detail.audit.filter((e: any) => e.stage === "erp_order_linked")).toHaveLength(1);
    expect(await salesOrders(world)).toHaveLength(1);
  });

  it("a consumer overtaken while it was slow may not write: its claim no longer holds", async () => {
    const world = await createWorld();
    const id = await seedQueued(world, "OVERTAKEN-1");
    const db = createDb(env.DB);
    const slow = await claimDocument(db, (await getDocument(db, world.tenantId, id))!, 1, 60_000);
    await holdClaim(db, world.tenantId, id, slow); // still its own: renewed
    await new Promise((r) => setTimeout(r, 20));
    // A second delivery, with a claim TTL the slow consumer has outlived, takes the document over.
    const taker = await claimDocument(db, (await getDocument(db, world.tenantId, id))!, 2, 10);
    expect(taker).toMatchObject({ tookOver: true, staleSinceMs: slow.stampMs });
    await expect(holdClaim(db, world.tenantId, id, slow)).rejects.toMatchObject({ kind: "busy" });
    await holdClaim(db, world.tenantId, id, taker);
    expect((await getDocument(db, world.tenantId, id))!.updatedAt).toBe(taker.stampMs);
  });
});
