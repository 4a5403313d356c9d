// Dynamics 365 F&O: ERP calls per sales order for each order write form (connection orderWrite):
// two-step (the documented default: header, then lines), own-number and navigation (one changeset
// each, the environment accepting them), the fallback of an opt-in F&O refuses, and two-step with
// dropped answers (a header whose lines are completed on retry). Counted by the sandbox's F&O
// per-route counters ($batch calls and order lookups); tokens and polls apart. Asserts only
// correctness: every PO became one sales order with each line once.
import { describe, expect, it } from "vitest";
import { drop, fixtureXml, pollNow, withPo } from "../test/helpers/flow";
import { createDynamicsWorld, flowWorld, foCounters, foOrders, setFoFaults } from "../test/helpers/dynamics-world";
import { poNumber, report, waitForDocumentsSettled } from "./lib/pipeline";

interface ModeFigures {
  form: string;
  environment: string;
  salesOrders: number;
  batchCalls: number;
  lookups: number;
  faults: number;
  callsPerSalesOrder: number;
}

async function run(label: string, opts: { connection: Record<string, unknown>; environment: Record<string, unknown>; faults?: unknown[] }, orders: number): Promise<ModeFigures> {
  const dw = await createDynamicsWorld({ connection: { requestsPerMinute: 100_000, ...opts.connection }, environment: opts.environment });
  const world = flowWorld(dw);
  for (let i = 0; i < orders; i++) {
    const po = poNumber(label, i + 1);
    await drop(world, `out/PO/${po}.xml`, withPo(fixtureXml.BulkImport, po));
  }
  if (opts.faults) await setFoFaults(dw, opts.faults, 11);
  await pollNow(world);
  const docs = await waitForDocumentsSettled(dw.tenantId, orders, 300_000);
  expect(docs.filter((d) => d.status !== "delivered")).toEqual([]);
  const stored = await foOrders(dw);
  expect(stored).toHaveLength(orders);
  for (const o of stored) expect(o.lines.map((l: any) => l.CustomersLineNumber)).toEqual([1, 2, 3, 4]);
  const c = await foCounters(dw);
  const batchCalls = c.requests["dynamics.batch"] ?? 0;
  const lookups = c.requests["dynamics.get:SalesOrderHeadersV2"] ?? 0;
  const faults = Object.values(c.faults ?? {}).reduce((s: number, n) => s + (n as number), 0);
  return {
    form: String(opts.connection.orderWrite),
    environment: JSON.stringify(opts.environment),
    salesOrders: stored.length,
    batchCalls,
    lookups,
    faults,
    callsPerSalesOrder: (batchCalls + lookups) / stored.length,
  };
}

describe("Dynamics ERP calls per sales order, per order write form", () => {
  it("two-step, own-number, navigation, fallback, drops", async () => {
    const n = 40;
    const twoStep = await run("TS", { connection: { orderWrite: "two-step" }, environment: {} }, n);
    const ownNumber = await run("ON", { connection: { orderWrite: "own-number", orderNumberPrefix: "B" }, environment: { manualOrderNumbers: true } }, n);
    const navigation = await run("NV", { connection: { orderWrite: "navigation" }, environment: { navigationPosts: true } }, n);
    const fallback = await run("FB", { connection: { orderWrite: "navigation" }, environment: { navigationPosts: false } }, n);
    const drops = await run("DP", { connection: { orderWrite: "two-step" }, environment: {}, faults: [{ route: "dynamics.batch", kind: "drop", probability: 0.2 }] }, n);
    const rows = { twoStep, ownNumber, navigation, fallbackFromNavigation: fallback, twoStepWithDrops: drops };
    report("dynamicsWrites", rows);
    console.log(
      [
        "Dynamics ERP calls per sales order ($batch calls + order lookups; tokens and polls apart)",
        ...Object.entries(rows).map(([k, r]) => `  ${k.padEnd(24)} ${r.callsPerSalesOrder.toFixed(2)}  (${r.batchCalls} $batch, ${r.lookups} lookups, ${r.faults} faults, ${r.salesOrders} orders)`),
      ].join("\n"),
    );
  });
});
