// The two-step order write under F&O's failure modes: a lines changeset whose second line fails
// stores none of the lines, leaving the header visible as "without its lines", and the retry adds
// exactly those lines to that header; a 429 inside a $batch part is throttling (waited out,
// no attempt used), not a failure; F&O warming up after idle delays the document instead of failing it.
import { describe, expect, it } from "vitest";
import { control } from "../sandbox/sandbox-control";
import { documentDetail, drop, fixtureXml, pollNow, waitForSettled, withPo } from "../helpers/flow";
import { createDynamicsWorld, flowWorld, foCounters, foOrders, setFoFaults } from "../helpers/dynamics-world";

describe("the F&O order changeset under faults", () => {
  it("leaves a header without lines when the lines changeset fails, says so, and the retry adds exactly the missing lines", async () => {
    const dw = await createDynamicsWorld();
    const world = flowWorld(dw);
    // The first line operation passes (a 1 ms delay), the second answers 500 inside the batch.
    await setFoFaults(dw, [
      { route: "dynamics.batch.post:SalesOrderLines", kind: "delay", delayMs: 1, times: 1 },
      { route: "dynamics.batch.post:SalesOrderLines", kind: "500", times: 1 },
    ]);
    await drop(world, "out/PO/second.xml", withPo(fixtureXml.BulkImport, "D-SECOND-1"));
    await pollNow(world);
    const [doc] = await waitForSettled(world, 1, { query: "type=850" });
    expect(doc.status).toBe("delivered");
    const orders = await foOrders(dw);
    expect(orders).toHaveLength(1);
    expect(orders[0].lines.map((l: any) => l.CustomersLineNumber)).toEqual([1, 2, 3, 4]);
    const counters = await foCounters(dw);
    // The header, the failed lines call, the lines call of the retry: never a second header.
    expect(counters.requests["dynamics.batch"]).toBe(3);
    // The retry looked first and found the header without its lines.
    expect(counters.requests["dynamics.get:SalesOrderHeadersV2"]).toBe(1);
    const audit = (await documentDetail(world, doc.id)).audit;
    const failed = audit.find((e: any) => e.outcome === "retry" && /inside the \$batch answered 500/.test(JSON.stringify(e.detail)));
    expect(JSON.stringify(failed?.detail)).toMatch(/sales order SO-\d+ \(usmf\) is in F&O without its lines/);
    expect(audit.filter((e: any) => e.stage === "erp_order_created")).toHaveLength(0);
    const linked = audit.filter((e: any) => e.stage === "erp_order_linked");
    expect(linked).toHaveLength(1);
    expect(linked[0].detail.note).toMatch(/without 4 of its lines; added exactly those/);
  });

  it("waits out a 429 inside a $batch part without using up an attempt, and creates the order once", async () => {
    const dw = await createDynamicsWorld();
    const world = flowWorld(dw);
    await setFoFaults(dw, [{ route: "dynamics.batch.post:SalesOrderLines", kind: "429", retryAfter: 1, times: 1 }]);
    await drop(world, "out/PO/throttled.xml", withPo(fixtureXml.DropShip, "D-429-1"));
    await pollNow(world);
    const [doc] = await waitForSettled(world, 1, { query: "type=850", timeout: 30_000 });
    expect(doc.status).toBe("delivered");
    expect(await foOrders(dw)).toHaveLength(1);
    const counters = await foCounters(dw);
    expect(counters.faults["429"]).toBe(1);
    // The header, the throttled lines call, the lines call after the wait.
    expect(counters.requests["dynamics.batch"]).toBe(3);
    // Throttling is not the document's fault: the next try still counts as its first. It looks once
    // before writing, as every document tried before does (a write of an earlier try may have landed unseen).
    expect(counters.requests["dynamics.get:SalesOrderHeadersV2"] ?? 0).toBe(1);
    const detail = await documentDetail(world, doc.id);
    expect(detail.attempts).toBe(1);
    expect(detail.audit.some((e: any) => /throttled an operation inside the \$batch \(429\)/.test(JSON.stringify(e.detail)))).toBe(true);
  });

  it("gives the first call after idle a longer timeout and a retry, so a cold start does not fail the document", async () => {
    // Warm calls time out after 2 s, the first call after idle after 4 s; F&O takes 6 s to wake up.
    const dw = await createDynamicsWorld({ connection: { timeoutMs: 2_000, coldStartTimeoutMs: 4_000 } });
    const world = flowWorld(dw);
    expect((await control("POST", `/dynamics/${dw.fo.host}/restart`, { delayMs: 6_000 })).status).toBe(200);
    await drop(world, "out/PO/cold.xml", withPo(fixtureXml.DropShip, "D-COLD-1"));
    await pollNow(world);
    const [doc] = await waitForSettled(world, 1, { query: "type=850", timeout: 25_000 });
    expect(doc.status).toBe("delivered");
    expect(await foOrders(dw)).toHaveLength(1);
    const detail = await documentDetail(world, doc.id);
    expect(detail.attempts).toBe(1);
    expect(detail.audit.filter((e: any) => e.outcome === "retry")).toEqual([]);
    const counters = await foCounters(dw);
    // The warm-up read timed out once and was retried; the write then went through warm: header, lines.
    expect(counters.requests["dynamics.get:CustomersV3"]).toBeGreaterThanOrEqual(2);
    expect(counters.requests["dynamics.batch"]).toBe(2);
  }, 40_000);
});
