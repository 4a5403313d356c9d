// The main flow end to end: 850s dropped in the SPS mailbox become Acumatica sales orders through
// the real cron/poll queue, inbound consumer, TenantGate and D1, against the sandbox.
import { describe, expect, it } from "vitest";
import { createWorld, acumaticaCounters } from "../helpers/world";
import { documentDetail, drop, fixtureXml, mailbox, pollNow, salesOrders, waitForSettled, withPo } from "../helpers/flow";

describe("inbound 850 → Acumatica sales order", () => {
  it("creates the sales orders of the four SPS order shapes, one ERP call per order", async () => {
    const world = await createWorld();
    await drop(world, "out/PO/cross.xml", withPo(fixtureXml.CrossDock, "T-CROSS-1"));
    await drop(world, "out/PO/multi.xml", withPo(fixtureXml.MultiStore, "T-MULTI-1"));
    await drop(world, "out/bulk.xml", withPo(fixtureXml.BulkImport, "T-BULK-1"));
    await drop(world, "out/PO/drop.xml", withPo(fixtureXml.DropShip, "T-DROP-1"));
    await pollNow(world);
    const docs = await waitForSettled(world, 4);
    expect(docs.map((d) => `${d.naturalKey}:${d.status}`).sort()).toEqual(["T-BULK-1:delivered", "T-CROSS-1:delivered", "T-DROP-1:delivered", "T-MULTI-1:delivered"]);
    const orders = await salesOrders(world);
    // Multi-store splits into one order per store (3); the others are one order each.
    expect(orders).toHaveLength(6);
    const multi = orders.filter((o) => o.CustomerOrder === "T-MULTI-1");
    expect(multi.map((o) => o.LocationID).sort()).toEqual(["ST0010", "ST0020", "ST0030"]);
    const dropShip = orders.find((o) => o.CustomerOrder === "T-DROP-1");
    expect(dropShip.ShipToAddressOverride).toBe(true);
    expect(dropShip.ShipToAddress.Country).toBe("US");
    // The mailbox is emptied only after the documents were recorded and queued.
    expect(await mailbox(world, "out/")).toHaveLength(0);
    const counters = await acumaticaCounters(world.acumatica.host);
    expect(counters.requests["acumatica.put:SalesOrder"]).toBe(6);
    expect(counters.requests["acumatica.get:SalesOrder"] ?? 0).toBe(0);
    const detail = await documentDetail(world, docs.find((d) => d.naturalKey === "T-MULTI-1").id);
    expect(detail.erpReference.split(", ")).toHaveLength(3);
    expect(detail.audit.map((e: any) => e.stage)).toEqual(["received", "processing", "erp_order_created", "erp_order_created", "erp_order_created", "delivered"]);
  });
});
