// Cloudflare usage per inbound document (850 → sales order), counted while the real pipeline runs:
// Worker invocations, queue sends and deliveries, Durable Object requests, D1 rows read and written,
// TenantGate storage rows (see lib/usage.ts for the three sources). Three runs, each on its own tenant
// with the others paused, driven by the every-minute cron only (no API call while counting):
//   batch  — N files waiting, one cron run picks them all up;
//   single — one file per cron run, ten times (every document pays a whole poll of the tenant);
//   idle   — cron runs that find nothing (the fixed cost of polling a tenant).
// scripts/bench.mjs prices the counts. Asserts only correctness: every document was delivered as
// exactly one sales order.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api } from "../test/helpers/api";
import { createWorld, type World } from "../test/helpers/world";
import { drop, fixtureXml, withPo } from "../test/helpers/flow";
import { benchVars, fireCron, poNumber, report, sandboxOrders, waitForDocumentsSettled, waitForQuiet } from "./lib/pipeline";
import { BENCH_SQL_MARK, startUsage, type UsageCounts } from "./lib/usage";

let virtualNow = Date.now();
/** Cron runs one (virtual) minute apart, so a tenant with a 1-minute interval is due at each. */
async function cronTick(): Promise<void> {
  virtualNow += 60_000;
  await fireCron(virtualNow);
}

/** A fresh tenant, polled once before counting so its first tokens are not in the figures. */
async function freshTenant(): Promise<World> {
  const world = await createWorld({ tenant: { pollIntervalMinutes: 1 } });
  await cronTick();
  await new Promise((r) => setTimeout(r, 3_000));
  return world;
}

async function pause(world: World): Promise<void> {
  const res = await api("PATCH", `/v1/tenants/${world.tenantId}`, { body: { status: "paused" } });
  expect(res.status).toBe(200);
}

async function dropOrders(world: World, prefix: string, from: number, count: number): Promise<void> {
  for (let i = from; i < from + count; i++) {
    const po = poNumber(prefix, i);
    await drop(world, `out/PO/${po}.xml`, withPo(fixtureXml.BulkImport, po));
  }
}

async function checkDelivered(world: World, count: number): Promise<void> {
  const docs = await waitForDocumentsSettled(world.tenantId, count, 300_000);
  expect(docs.filter((d) => d.status !== "delivered")).toEqual([]);
  const orders = await sandboxOrders(world);
  expect(orders).toHaveLength(count);
  expect(new Set(orders.map((o) => o.CustomerOrder)).size).toBe(count);
}

interface RunUsage {
  documents: number;
  cronRuns: number;
  usage: UsageCounts;
  /** Documents stored in D1 during the run (every cron run's stale-document sweep reads them all). */
  documentsInTable: number;
}

async function storedDocuments(): Promise<number> {
  return (await env.DB.prepare(`${BENCH_SQL_MARK} select count(*) as n from documents`).first<{ n: number }>())?.n ?? 0;
}

describe("Cloudflare usage per document", () => {
  it("batch, single and idle polls", async () => {
    const { costDocs } = benchVars();
    const QUIET_MS = 2_500;

    // batch
    const a = await freshTenant();
    await dropOrders(a, "CB", 1, costDocs);
    let usage = await startUsage();
    await cronTick();
    await checkDelivered(a, costDocs);
    await waitForQuiet(usage.snapshot, QUIET_MS, 120_000);
    const batch: RunUsage = { documents: costDocs, cronRuns: 1, usage: usage.stop(), documentsInTable: await storedDocuments() };
    await pause(a);

    // single
    const singles = 10;
    const b = await freshTenant();
    usage = await startUsage();
    for (let i = 1; i <= singles; i++) {
      await dropOrders(b, "CS", i, 1);
      await cronTick();
      await waitForDocumentsSettled(b.tenantId, i, 120_000);
      await waitForQuiet(usage.snapshot, QUIET_MS, 120_000);
    }
    const single: RunUsage = { documents: singles, cronRuns: singles, usage: usage.stop(), documentsInTable: await storedDocuments() };
    await checkDelivered(b, singles);
    await pause(b);

    // idle
    const idleRuns = 5;
    const c = await freshTenant();
    usage = await startUsage();
    for (let i = 0; i < idleRuns; i++) {
      await cronTick();
      await waitForQuiet(usage.snapshot, QUIET_MS, 120_000);
    }
    const idle: RunUsage = { documents: 0, cronRuns: idleRuns, usage: usage.stop(), documentsInTable: await storedDocuments() };
    await pause(c);

    report("cost", { batch, single, idle });
    const line = (name: string, r: RunUsage) => {
      const per = r.documents > 0 ? r.documents : r.cronRuns;
      const m = r.usage.meter;
      const f = (n: number | undefined) => ((n ?? 0) / per).toFixed(2);
      return `  ${name.padEnd(7)} per ${r.documents > 0 ? "document" : "cron run"}: invocations ${f((m["worker.invocations"] ?? 0) - (m["worker.invocations:scheduled"] ?? 0))} (+ scheduled ${f(m["worker.invocations:scheduled"])}), queue sends ${f(m["queue.sends"])}, deliveries ${f(m["queue.deliveries"])}, DO requests ${f(m["do.requests"])}, D1 rows read ${f(r.usage.d1.rowsRead)} written ${f(r.usage.d1.rowsWritten)} (${f(r.usage.d1.statements)} statements), DO storage rows read ${f(r.usage.doStorage.rowsRead)} written ${f(r.usage.doStorage.rowsWritten)}`;
    };
    console.log([`Usage (${costDocs}-file batch, ${singles} single-file polls, ${idleRuns} idle polls)`, line("batch", batch), line("single", single), line("idle", idle)].join("\n"));
  });
});
