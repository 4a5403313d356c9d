// Exactly one F&O sales order per 850, each line once, under the trap that creates duplicates: F&O
// commits a $batch (the header, or the lines) and the connection drops before the answer. The retry
// looks the order up by CustomersOrderReference, customer and order key within the legal entity,
// links it and adds exactly the lines it lacks; a forced replay creates nothing.
import { describe, expect, it } from "vitest";
import { api } from "../helpers/api";
import { documentDetail, drop, fixtureXml, pollNow, waitForSettled, withPo } from "../helpers/flow";
import { createDynamicsWorld, flowWorld, foCounters, foOrders, setFoFaults } from "../helpers/dynamics-world";

describe("exactly one F&O sales order per 850", () => {
  it("ends orders whose $batch commits and then drops as exactly one sales order each", async () => {
    const dw = await createDynamicsWorld();
    const world = flowWorld(dw);
    const count = 40;
    for (let i = 0; i < count; i++) await drop(world, `out/PO/eo-${String(i).padStart(2, "0")}.xml`, withPo(fixtureXml.DropShip, `D-EO-${i}`));
    await setFoFaults(dw, [{ route: "dynamics.batch", kind: "drop", probability: 0.3 }], 2026);
    await pollNow(world);
    const docs = await waitForSettled(world, count, { query: "type=850", timeout: 90_000 });
    expect(docs.filter((d) => d.status !== "delivered")).toEqual([]);
    const orders = await foOrders(dw);
    expect(orders).toHaveLength(count);
    expect(new Set(orders.map((o) => o.CustomersOrderReference)).size).toBe(count);
    const counters = await foCounters(dw);
    expect(counters.statuses.dropped).toBeGreaterThan(3);
    // Never a doubled line: every order holds the 850's lines once each.
    const lineNumbers = orders.map((o) => o.lines.map((l: any) => l.CustomersLineNumber).join(","));
    expect(new Set(lineNumbers).size).toBe(1);
    expect(orders[0].lines.length).toBeGreaterThan(0);
    // Every dropped write was followed by a lookup that linked the stored order (completing its lines
    // where the header's answer was lost) instead of creating another. One document can see a drop
    // on its header call and another on the lines call that completes it: at most one link per drop.
    let linked = 0;
    let completed = 0;
    for (const d of docs) {
      const detail = await documentDetail(world, d.id);
      const link = detail.audit.find((e: any) => e.stage === "erp_order_linked");
      if (link) linked++;
      if (/added exactly those/.test(link?.detail?.note ?? "")) completed++;
    }
    expect(linked).toBeGreaterThan(0);
    expect(linked).toBeLessThanOrEqual(counters.statuses.dropped);
    expect(completed).toBeGreaterThan(0);
  }, 150_000);

  it("links the right store's order of a split multi-store PO after a drop, and creates the others once", async () => {
    const dw = await createDynamicsWorld();
    const world = flowWorld(dw);
    await setFoFaults(dw, [{ route: "dynamics.batch", kind: "drop", times: 1 }]);
    await drop(world, "out/PO/split.xml", withPo(fixtureXml.MultiStore, "D-SPLIT-1"));
    await pollNow(world);
    const [doc] = await waitForSettled(world, 1, { query: "type=850" });
    expect(doc.status).toBe("delivered");
    const orders = await foOrders(dw);
    expect(orders.map((o) => o.CustomerRequisitionNumber).sort()).toEqual(["D-SPLIT-1/0010", "D-SPLIT-1/0020", "D-SPLIT-1/0030"]);
    const audit = (await documentDetail(world, doc.id)).audit;
    const linked = audit.filter((e: any) => e.stage === "erp_order_linked");
    expect(linked.map((e: any) => e.detail.orderKey)).toEqual(["D-SPLIT-1/0010"]);
    expect(audit.filter((e: any) => e.stage === "erp_order_created")).toHaveLength(2);
  });

  it("creates nothing again when a delivered multi-store document is force-replayed", async () => {
    const dw = await createDynamicsWorld();
    const world = flowWorld(dw);
    await drop(world, "out/PO/replay.xml", withPo(fixtureXml.MultiStore, "D-REPLAY-1"));
    await pollNow(world);
    const [doc] = await waitForSettled(world, 1, { query: "type=850" });
    expect(doc.status).toBe("delivered");
    const before = await foOrders(dw);
    expect(before).toHaveLength(3);
    expect((await api("POST", `/v1/tenants/${dw.tenantId}/documents/${doc.id}/replay`, { body: { force: true } })).status).toBe(202);
    await new Promise((r) => setTimeout(r, 300));
    const [after] = await waitForSettled(world, 1, { query: "type=850" });
    expect(after.status).toBe("delivered");
    // The three store orders share the PO; CustomerRequisitionNumber (PO/store) told them apart.
    expect(after.erpReference).toBe(doc.erpReference);
    expect(await foOrders(dw)).toHaveLength(3);
    // Two calls per store order (header, lines), none from the replay.
    expect((await foCounters(dw)).requests["dynamics.batch"]).toBe(6);
  });
});
