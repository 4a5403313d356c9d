// The every-minute cron with the real cron string: tenants whose poll is due are polled (files
// in their mailbox become documents), paused ones are not, and a document that lost its queue
// message is re-queued by the sweeper.
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../../src/index";
import { createDb } from "../../src/db/client";
import { recordDocument } from "../../src/db/documents";
import { STALE_AFTER_MS } from "../../src/cron/fanout";
import { gzip } from "../../src/lib/compress";
import { api } from "../helpers/api";
import { createWorld } from "../helpers/world";
import { documentDetail, documents, drop, fixtureXml, waitForSettled, withPo } from "../helpers/flow";

async function runCron(at: number) {
  const controller = createScheduledController({ scheduledTime: at, cron: "* * * * *" });
  const ctx = createExecutionContext();
  await worker.scheduled(controller, env, ctx);
  await waitOnExecutionContext(ctx);
}

describe("cron fan-out", () => {
  it("polls due tenants, schedules their next poll, and skips paused ones", async () => {
    const active = await createWorld();
    const paused = await createWorld();
    await api("PATCH", `/v1/tenants/${paused.tenantId}`, { body: { status: "paused" } });
    await drop(active, "out/PO/c.xml", withPo(fixtureXml.DropShip, "CRON-1"));
    await drop(paused, "out/PO/c.xml", withPo(fixtureXml.DropShip, "CRON-2"));
    const now = Date.now() + 60_000;
    await runCron(now);
    const docs = await waitForSettled(active, 1);
    expect(docs[0].naturalKey).toBe("CRON-1");
    const tenant = await api("GET", `/v1/tenants/${active.tenantId}`);
    expect(Date.parse(tenant.body.nextPollAt)).toBe(now + 5 * 60_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await documents(paused)).toHaveLength(0);
    const pausedTenant = await api("GET", `/v1/tenants/${paused.tenantId}`);
    expect(Date.parse(pausedTenant.body.nextPollAt)).toBeLessThan(now);
  });

  it("re-queues a document that made no progress for too long", async () => {
    const world = await createWorld();
    const bytes = new TextEncoder().encode(withPo(fixtureXml.BulkImport, "STALE-1"));
    const old = Date.now() - STALE_AFTER_MS - 60_000;
    const r = await recordDocument(
      createDb(env.DB),
      world.tenantId,
      { direction: "inbound", type: "850", partnerId: "CRSALLCRESTMKT", naturalKey: "STALE-1", status: "queued", raw: await gzip(bytes), rawFormat: "xml", rawSize: bytes.byteLength, meta: { documentIndex: 0 } },
      { stage: "received", outcome: "ok" },
      old,
    );
    if (!r.created) throw new Error("seed");
    await runCron(Date.now());
    const [doc] = await waitForSettled(world, 1);
    expect(doc.status).toBe("delivered");
    const detail = await documentDetail(world, r.id);
    expect(detail.audit.map((e: any) => e.stage)).toContain("requeue_stale");
  });
});
