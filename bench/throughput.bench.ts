// Throughput against an Acumatica licence limit: the sandbox instance allows R requests per minute
// (sliding 60 s window, refusing with 429 past it) and the connector's connection is set to the same
// R. With a backlog that outlasts the run, the ERP call rate the connector sustains over several
// minutes, as a fraction of R (target ≥ 0.9), and how many documents failed because of a 429 (must
// be 0). Asserts only correctness: after the run the backlog is drained and every order became
// exactly one sales order.
import { describe, expect, it } from "vitest";
import { api } from "../test/helpers/api";
import { control } from "../test/sandbox/sandbox-control";
import { createWorld } from "../test/helpers/world";
import { drop, fixtureXml, withPo } from "../test/helpers/flow";
import { acumaticaCounters, benchVars, fireCron, inboundDocuments, poNumber, report, sandboxOrders, sleep, waitFor, waitForDocumentsSettled, type AcumaticaCounters } from "./lib/pipeline";

/** Requests the instance accepted (every request it counted, less the ones it refused with 429). */
function accepted(c: AcumaticaCounters): number {
  return Object.values(c.requests).reduce((s, n) => s + n, 0) - (c.statuses["429"] ?? 0);
}

describe("throughput against a licence limit", () => {
  it("sustains a fraction of R with no document failed by a 429", async () => {
    const { R, throughputMinutes } = benchVars();
    const world = await createWorld({ acumaticaInstance: { requestsPerMinute: R }, requestsPerMinute: R, tenant: { pollIntervalMinutes: 1 } });
    // Enough orders that the queue never runs dry during the window (one call each on the common path).
    const total = Math.ceil(R * throughputMinutes * 1.2) + 40;
    for (let i = 1; i <= total; i++) {
      const po = poNumber("TP", i);
      await drop(world, `out/PO/${po}.xml`, withPo(fixtureXml.BulkImport, po));
    }

    // The every-minute cron drives the tenant (poll interval 1 minute), as in production.
    const t0 = Date.now();
    let nextTick = t0;
    const tick = async () => {
      await fireCron(nextTick);
      nextTick += 60_000;
    };
    await tick();
    // The window opens with the first sales order (the mailbox intake runs ahead of it).
    await waitFor("the first sales order", async () => ((await sandboxOrders(world)).length > 0 ? true : undefined), { timeoutMs: 120_000, intervalMs: 200 });
    const start = { at: Date.now(), counters: await acumaticaCounters(world) };
    const end = start.at + throughputMinutes * 60_000;
    const perMinute: number[] = [];
    let last = start;
    while (Date.now() < end) {
      await sleep(Math.max(0, Math.min(end, nextTick, last.at + 60_000) - Date.now()));
      if (Date.now() >= nextTick) await tick();
      if (Date.now() >= last.at + 60_000 || Date.now() >= end) {
        const now = { at: Date.now(), counters: await acumaticaCounters(world) };
        perMinute.push(((accepted(now.counters) - accepted(last.counters)) / (now.at - last.at)) * 60_000);
        last = now;
      }
    }
    const finish = { at: Date.now(), counters: await acumaticaCounters(world) };
    const ordersAtEnd = (await sandboxOrders(world)).length;
    const minutes = (finish.at - start.at) / 60_000;
    const calls = accepted(finish.counters) - accepted(start.counters);
    const rate = calls / minutes;
    const backlogLeft = total - ordersAtEnd;

    // Drain the rest at full speed, then check the outcome of every document.
    const lift = await control("PATCH", `/acumatica/${encodeURIComponent(world.acumatica.host)}/settings`, { requestsPerMinute: null });
    expect(lift.status).toBe(200);
    const put = await api("PUT", `/v1/tenants/${world.tenantId}/connections/acumatica`, {
      body: {
        instanceUrl: world.acumatica.base,
        endpointVersion: "24.200.001",
        clientId: world.acumatica.clientId,
        clientSecret: world.acumatica.clientSecret,
        username: world.acumatica.username,
        password: world.acumatica.password,
        requestsPerMinute: 6000,
      },
    });
    expect(put.status).toBe(200);
    const drainTicks = setInterval(() => void tick(), 60_000);
    let docs;
    try {
      docs = await waitForDocumentsSettled(world.tenantId, total, 10 * 60_000);
    } finally {
      clearInterval(drainTicks);
    }
    const failed = docs.filter((d) => d.status !== "delivered");
    const failedBy429 = failed.filter((d) => /429|throttl|too many/i.test(d.lastError ?? ""));
    const orders = await sandboxOrders(world);
    const keys = new Set(orders.map((o) => o.CustomerOrder));
    const all = await acumaticaCounters(world);
    const figures = {
      R,
      windowMinutes: minutes,
      acceptedCalls: calls,
      callsPerMinute: rate,
      fractionOfR: rate / R,
      perMinute,
      callsInWindow: {
        salesOrderPuts: (finish.counters.requests["acumatica.put:SalesOrder"] ?? 0) - (start.counters.requests["acumatica.put:SalesOrder"] ?? 0),
        tokens: finish.counters.tokenRequests - start.counters.tokenRequests,
      },
      backlogLeftAtEnd: backlogLeft,
      documents: total,
      salesOrders: orders.length,
      http429: all.statuses["429"] ?? 0,
      documentsFailed: failed.length,
      documentsFailedBy429: failedBy429.length,
      acumaticaTokenRequests: all.tokenRequests,
    };
    report("throughput", figures);
    console.log(
      [
        `Throughput against a licence limit of R = ${R} requests/minute (sandbox and connection), ${minutes.toFixed(2)} min window`,
        `  accepted ERP calls ${calls} → ${rate.toFixed(1)}/min = ${(rate / R).toFixed(3)} × R   (per minute: ${perMinute.map((r) => r.toFixed(1)).join(", ")})`,
        `  backlog left at the end of the window: ${backlogLeft} orders (the queue never ran dry: ${backlogLeft > 0})`,
        `  429 answers: ${figures.http429}; documents failed: ${failed.length}, of them because of a 429: ${failedBy429.length}`,
      ].join("\n"),
    );

    expect(backlogLeft).toBeGreaterThan(0); // otherwise the run measured an idle queue, not the limit
    expect(failed.map((d) => `${d.naturalKey}: ${d.status} ${d.lastError ?? ""}`)).toEqual([]);
    expect(orders).toHaveLength(total);
    expect(keys.size).toBe(total);
    expect((await inboundDocuments(world.tenantId)).length).toBe(total);
  });
});
