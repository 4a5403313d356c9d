// ERP calls per sales order on the common path (target 1) and on the retry paths (a 500 before the
// order is saved, a connection dropped after it is saved, a 429), and token requests per 1,000
// orders. Counted by the sandbox's Acumatica per-route counters. Asserts only correctness: every
// order became exactly one sales order and every document was delivered.
import { describe, expect, it } from "vitest";
import { createWorld, type World } from "../test/helpers/world";
import { drop, fixtureXml, pollNow, withPo } from "../test/helpers/flow";
import {
  acumaticaCalls,
  acumaticaCounters,
  poNumber,
  report,
  sandboxOrders,
  setAcumaticaFaults,
  spsTokenRequests,
  waitForDocumentsSettled,
} from "./lib/pipeline";

interface RunFigures {
  documents: number;
  salesOrders: number;
  orderCalls: number;
  pollCalls: number;
  acumaticaTokens: number;
  spsTokens: number;
  faults: number;
  callsPerSalesOrder: number;
  seconds: number;
}

/** Drops the files, polls once, waits for every document to settle, checks one sales order per order key. */
async function run(world: World, files: { po: string; xml: string; salesOrders: number }[], timeoutMs: number): Promise<RunFigures> {
  const started = Date.now();
  for (const f of files) await drop(world, `out/PO/${f.po}.xml`, f.xml);
  await pollNow(world);
  const docs = await waitForDocumentsSettled(world.tenantId, files.length, timeoutMs);
  expect(docs.filter((d) => d.status !== "delivered").map((d) => `${d.naturalKey}: ${d.status} ${d.lastError ?? ""}`)).toEqual([]);
  const orders = await sandboxOrders(world);
  const expected = files.reduce((s, f) => s + f.salesOrders, 0);
  const keys = orders.map((o) => o.ExternalRef ?? o.CustomerOrder);
  expect(new Set(keys).size).toBe(keys.length); // no order key twice
  expect(orders).toHaveLength(expected);
  const counters = await acumaticaCounters(world);
  const calls = acumaticaCalls(counters);
  const faults = Object.values(counters.faults).reduce((s, n) => s + n, 0);
  return {
    documents: files.length,
    salesOrders: orders.length,
    orderCalls: calls.orderCalls,
    pollCalls: calls.pollCalls,
    acumaticaTokens: calls.token,
    spsTokens: await spsTokenRequests(world),
    faults,
    callsPerSalesOrder: calls.orderCalls / orders.length,
    seconds: (Date.now() - started) / 1000,
  };
}

const bulk = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => {
    const po = poNumber(prefix, i + 1);
    return { po, xml: withPo(fixtureXml.BulkImport, po), salesOrders: 1 };
  });

describe("ERP calls per sales order", () => {
  it("common path, retry paths, token requests", async () => {
    // Common path, one tenant: 1,000 single-DC orders (one sales order each) and 10 multi-store orders
    // (one per store, three stores); also the token requests for 1,000 orders (token lifetimes 3,600 s).
    const common = await createWorld();
    const multi = Array.from({ length: 10 }, (_, i) => {
      const po = poNumber("MS", i + 1);
      return { po, xml: withPo(fixtureXml.MultiStore, po), salesOrders: 3 };
    });
    const commonRun = await run(common, [...bulk("CP", 1000), ...multi], 600_000);

    // Retry paths: the first PUTs fail; each fault is paid for by the retry that follows it. An order
    // hit once costs 1 + (order calls − sales orders) / faults.
    const retry = async (kind: string, rule: Record<string, unknown>, orders: number, faults: number) => {
      const world = await createWorld();
      await setAcumaticaFaults(world, [{ route: "acumatica.put:SalesOrder", probability: 1, times: faults, ...rule }]);
      const r = await run(world, bulk(kind, orders), 300_000);
      expect(r.faults).toBe(faults);
      return { ...r, callsPerFailedOrder: 1 + (r.orderCalls - r.salesOrders) / r.faults };
    };
    const serverError = await retry("E5", { kind: "500" }, 12, 4);
    const dropped = await retry("DR", { kind: "drop" }, 12, 6);
    const throttled = await retry("TH", { kind: "429", retryAfter: 1 }, 12, 6);

    const salesOrders = commonRun.salesOrders;
    const acumaticaTokens = commonRun.acumaticaTokens;
    const spsTokens = commonRun.spsTokens;
    report("erpCalls", {
      commonPath: commonRun,
      retryPaths: {
        serverErrorBeforeSave: serverError,
        connectionDroppedAfterSave: dropped,
        throttled429RetryAfter1s: throttled,
      },
      tokens: {
        salesOrders,
        seconds: commonRun.seconds,
        acumaticaTokenRequests: acumaticaTokens,
        spsTokenRequests: spsTokens,
        acumaticaPer1000Orders: (acumaticaTokens / salesOrders) * 1000,
        spsPer1000Orders: (spsTokens / salesOrders) * 1000,
      },
    });
    console.log(
      [
        "ERP calls per sales order (Acumatica PUT/GET SalesOrder; token and ERP-poll calls counted apart)",
        `  common path       ${commonRun.callsPerSalesOrder.toFixed(2)}  (${commonRun.orderCalls} calls, ${commonRun.salesOrders} sales orders from ${commonRun.documents} POs)`,
        `  500 before save   ${serverError.callsPerFailedOrder.toFixed(2)} for an order hit once  (${serverError.faults} faults, ${serverError.orderCalls} calls, ${serverError.salesOrders} orders)`,
        `  drop after save   ${dropped.callsPerFailedOrder.toFixed(2)} for an order hit once  (${dropped.faults} faults, ${dropped.orderCalls} calls, ${dropped.salesOrders} orders)`,
        `  429 Retry-After   ${throttled.callsPerFailedOrder.toFixed(2)} for an order hit once  (${throttled.faults} faults, ${throttled.orderCalls} calls, ${throttled.salesOrders} orders)`,
        `  token requests    Acumatica ${acumaticaTokens}, SPS ${spsTokens} for ${salesOrders} sales orders (one tenant, ${commonRun.seconds.toFixed(0)} s)`,
      ].join("\n"),
    );
  });
});
