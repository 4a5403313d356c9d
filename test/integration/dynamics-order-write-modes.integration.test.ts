// The three ways a Dynamics sales order can be written (connection orderWrite; sales-orders.ts):
// two-step (default, documented), own-number and navigation (one changeset each, opt-ins). Each
// creates the order exactly once with every line once; when F&O refuses an opt-in, the order goes
// two-step and the connection switches to two-step, once, with an audit note; the connection test
// says whether the chosen form works on this environment.
import { describe, expect, it } from "vitest";
import { api } from "../helpers/api";
import { documentDetail, drop, fixtureXml, pollNow, waitForSettled, withPo } from "../helpers/flow";
import { createDynamicsWorld, flowWorld, foCounters, foOrders, setFoFaults, type DynamicsWorld } from "../helpers/dynamics-world";

async function orderWrite(dw: DynamicsWorld): Promise<unknown> {
  const res = await api("GET", `/v1/tenants/${dw.tenantId}`);
  const list = res.body.connections;
  return list.find((c: any) => c.system === "dynamics").settings.orderWrite;
}

async function connectionTest(dw: DynamicsWorld): Promise<any> {
  const res = await api("POST", `/v1/tenants/${dw.tenantId}/connections/dynamics/test`);
  return res.body.checks.find((c: any) => c.name === "order-write");
}

function lineNumbers(order: any): number[] {
  return order.lines.map((l: any) => l.CustomersLineNumber);
}

describe("Dynamics order write forms", () => {
  it("own-number writes header and lines in one changeset with the connector's number, when F&O allows manual numbers", async () => {
    const dw = await createDynamicsWorld({ environment: { manualOrderNumbers: true }, connection: { orderWrite: "own-number", orderNumberPrefix: "edi" } });
    const world = flowWorld(dw);
    expect(await connectionTest(dw)).toMatchObject({ ok: true, message: expect.stringMatching(/accepts sales order numbers the connector supplies \(prefix EDI\)/) });
    await drop(world, "out/PO/own.xml", withPo(fixtureXml.BulkImport, "D-OWN-1"));
    await pollNow(world);
    const [doc] = await waitForSettled(world, 1, { query: "type=850" });
    expect(doc.status).toBe("delivered");
    const orders = await foOrders(dw);
    expect(orders).toHaveLength(1);
    expect(orders[0].SalesOrderNumber).toMatch(/^EDI[0-9A-Z]{10}$/);
    expect(lineNumbers(orders[0])).toEqual([1, 2, 3, 4]);
    expect((await foCounters(dw)).requests["dynamics.batch"]).toBe(2); // the connection test's rolled-back check, the order
    expect(await orderWrite(dw)).toBe("own-number");
  });

  it("own-number falls back to two-step when F&O refuses manual numbers, and switches the connection once, with an audit note", async () => {
    const dw = await createDynamicsWorld({ connection: { orderWrite: "own-number", orderNumberPrefix: "EDI" } });
    const world = flowWorld(dw);
    const check = await connectionTest(dw);
    expect(check.ok).toBe(false);
    expect(check.message).toMatch(/F&O refused orderWrite "own-number".*allow manual numbers/);
    await drop(world, "out/PO/own-a.xml", withPo(fixtureXml.DropShip, "D-OWNFB-1"));
    await pollNow(world);
    const [first] = await waitForSettled(world, 1, { query: "type=850" });
    expect(first.status).toBe("delivered");
    const note = (await documentDetail(world, first.id)).audit.find((e: any) => e.stage === "erp_order_created").detail.note;
    expect(note).toMatch(/F&O refused orderWrite "own-number" \(500: .*manual numbers.*\); this order was written two-step and the connection now writes orders two-step/);
    expect(await orderWrite(dw)).toBe("two-step");
    const before = (await foCounters(dw)).requests["dynamics.batch"];
    await drop(world, "out/PO/own-b.xml", withPo(fixtureXml.DropShip, "D-OWNFB-2"));
    await pollNow(world);
    const docs = await waitForSettled(world, 2, { query: "type=850" });
    expect(docs.every((d: any) => d.status === "delivered")).toBe(true);
    // The second order went two-step straight away: header and lines, no refused attempt first.
    expect((await foCounters(dw)).requests["dynamics.batch"] - before).toBe(2);
    const second = docs.find((d: any) => d.naturalKey === "D-OWNFB-2");
    expect((await documentDetail(world, second.id)).audit.find((e: any) => e.stage === "erp_order_created").detail.note).toBeUndefined();
    const orders = await foOrders(dw);
    expect(orders.map((o) => [o.CustomersOrderReference, o.SalesOrderNumber.startsWith("SO-"), lineNumbers(o).length]).sort()).toEqual([
      ["D-OWNFB-1", true, 2],
      ["D-OWNFB-2", true, 2],
    ]);
  });

  it("navigation writes one changeset when F&O accepts POST on the header's lines, and falls back when it does not", async () => {
    const on = await createDynamicsWorld({ environment: { navigationPosts: true }, connection: { orderWrite: "navigation" } });
    expect(await connectionTest(on)).toMatchObject({ ok: true });
    await drop(flowWorld(on), "out/PO/nav.xml", withPo(fixtureXml.BulkImport, "D-NAV-1"));
    await pollNow(flowWorld(on));
    expect((await waitForSettled(flowWorld(on), 1, { query: "type=850" }))[0].status).toBe("delivered");
    expect((await foOrders(on)).map(lineNumbers)).toEqual([[1, 2, 3, 4]]);
    expect((await foCounters(on)).requests["dynamics.batch"]).toBe(2);

    const off = await createDynamicsWorld({ environment: { navigationPosts: false }, connection: { orderWrite: "navigation" } });
    expect(await connectionTest(off)).toMatchObject({ ok: false, message: expect.stringMatching(/F&O refused orderWrite "navigation" \(501/) });
    await drop(flowWorld(off), "out/PO/nav-off.xml", withPo(fixtureXml.BulkImport, "D-NAV-2"));
    await pollNow(flowWorld(off));
    const [doc] = await waitForSettled(flowWorld(off), 1, { query: "type=850" });
    expect(doc.status).toBe("delivered");
    expect((await foOrders(off)).map(lineNumbers)).toEqual([[1, 2, 3, 4]]);
    const created = (await documentDetail(flowWorld(off), doc.id)).audit.find((e: any) => e.stage === "erp_order_created");
    expect(created.detail.note).toMatch(/F&O refused orderWrite "navigation" \(501/);
    expect(await orderWrite(off)).toBe("two-step");
    // The check, the refused one-call changeset, then header and lines.
    expect((await foCounters(off)).requests["dynamics.batch"]).toBe(4);
  });

  it("keeps own-number exactly once under dropped answers: one order per PO, each line once", async () => {
    const dw = await createDynamicsWorld({ environment: { manualOrderNumbers: true }, connection: { orderWrite: "own-number", orderNumberPrefix: "X" } });
    const world = flowWorld(dw);
    const count = 12;
    for (let i = 0; i < count; i++) await drop(world, `out/PO/own-eo-${i}.xml`, withPo(fixtureXml.DropShip, `D-OWNEO-${i}`));
    await setFoFaults(dw, [{ route: "dynamics.batch", kind: "drop", probability: 0.4 }], 7);
    await pollNow(world);
    const docs = await waitForSettled(world, count, { query: "type=850", timeout: 60_000 });
    expect(docs.filter((d) => d.status !== "delivered")).toEqual([]);
    const orders = await foOrders(dw);
    expect(orders).toHaveLength(count);
    expect(new Set(orders.map((o) => o.CustomersOrderReference)).size).toBe(count);
    expect(new Set(orders.map((o) => lineNumbers(o).join(","))).size).toBe(1);
    expect((await foCounters(dw)).statuses.dropped).toBeGreaterThan(0);
  }, 90_000);

  it("refuses own-number without a prefix and a prefix without own-number", async () => {
    const dw = await createDynamicsWorld();
    const base = { environmentUrl: dw.fo.environmentUrl, entraTenantId: dw.fo.entraTenantId, clientId: dw.fo.clientId, clientSecret: dw.fo.clientSecret };
    const noPrefix = await api("PUT", `/v1/tenants/${dw.tenantId}/connections/dynamics`, { body: { ...base, orderWrite: "own-number" } });
    expect(noPrefix.status).toBe(400);
    expect(noPrefix.text).toMatch(/orderNumberPrefix/);
    const stray = await api("PUT", `/v1/tenants/${dw.tenantId}/connections/dynamics`, { body: { ...base, orderNumberPrefix: "EDI" } });
    expect(stray.status).toBe(400);
    const bad = await api("PUT", `/v1/tenants/${dw.tenantId}/connections/dynamics`, { body: { ...base, orderWrite: "sometimes" } });
    expect(bad.status).toBe(400);
    expect(await orderWrite(dw)).toBe("two-step");
  });
});
