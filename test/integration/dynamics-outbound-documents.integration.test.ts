// Outbound on Dynamics 365 F&O, found by the scheduled poll (the fallback to business events): for
// each SPS order shape an 850 comes in, F&O posts packing slips and invoices for its sales orders, and
// the connector sends the checked 856 and 810 to SPS once, however often it polls the date window; a
// partner acknowledged on confirmation gets its 855 when F&O confirms the order, not before.
import { describe, expect, it } from "vitest";
import { readRsxDocuments } from "../../src/rsx";
import { isValidSscc18 } from "../../src/rsx/gs1";
import { documents, drop, mailbox, pollNow, waitForSettled } from "../helpers/flow";
import { confirmOrder, createDynamicsWorld, flowWorld, invoiceOrder, orderThrough, PARTNERS, shipOrder } from "../helpers/dynamics-world";

/** The first document of an outbound file (its element, whether or not the reader keeps the wrapper). */
function rsxDocument(content: string, element: string): any {
  const read = readRsxDocuments(new TextEncoder().encode(content));
  if (!read.ok) throw new Error(read.error.reasons.join("; "));
  const first = read.value.documents[0] as any;
  return first?.[element] ?? first;
}

const inFolder = (files: any[], prefix: string) => files.filter((f) => new RegExp(`(^|/)in/${prefix}`).test(f.path));

describe("outbound 856 and 810 from Dynamics 365 F&O", () => {
  for (const [shape, po] of [
    ["CrossDock", "DOUT-CROSS"],
    ["MultiStore", "DOUT-MULTI"],
    ["BulkImport", "DOUT-BULK"],
    ["DropShip", "DOUT-DROP"],
  ] as const) {
    it(`sends the ship notice and invoice of a ${shape} order from its posted packing slip and invoice`, async () => {
      const dw = await createDynamicsWorld();
      const world = flowWorld(dw);
      const orders = await orderThrough(dw, shape, po);
      expect(orders.length).toBeGreaterThan(0);
      const packingSlips: string[] = [];
      const invoices: string[] = [];
      for (const o of orders) {
        // Cross-dock: a parcel per mark-for store; drop ship: one parcel; the others ship without tracking numbers.
        const trackingNumbers = shape === "CrossDock" ? ["1ZCROSS0001", "1ZCROSS0002", "1ZCROSS0003"] : shape === "DropShip" ? ["1ZDROP0001"] : undefined;
        const shipped = await shipOrder(dw, o, trackingNumbers ? { trackingNumbers } : {});
        packingSlips.push(shipped.packingSlip.header.PackingSlipId);
        invoices.push((await invoiceOrder(dw, o)).invoice.header.InvoiceNumber);
      }
      await pollNow(world);
      const out = await waitForSettled(world, orders.length, { query: "direction=outbound&type=856", poll: true, timeout: 30_000 }).then(async () =>
        waitForSettled(world, orders.length, { query: "direction=outbound&type=810", poll: true, timeout: 30_000 }),
      );
      expect(out.length).toBe(orders.length);
      const all = await documents(world, "direction=outbound");
      expect(all.filter((d) => d.status !== "delivered").map((d) => `${d.type} ${d.naturalKey}: ${d.statusDetail}`)).toEqual([]);
      expect(all.filter((d) => d.type === "856").map((d) => d.naturalKey).sort()).toEqual([...packingSlips].sort());
      expect(all.filter((d) => d.type === "810").map((d) => d.naturalKey).sort()).toEqual([...invoices].sort());

      const files = await mailbox(world, "in/");
      const notices = inFolder(files, "SH");
      expect(notices).toHaveLength(orders.length);
      for (const f of notices) {
        const shipment = rsxDocument(f.content, "Shipment");
        expect(packingSlips).toContain(shipment.Header.ShipmentHeader.ShipmentIdentification);
        // The packing slip's carrier UPSGROUND maps to its SCAC through the tenant's table.
        expect(JSON.stringify(shipment.Header.CarrierInformation)).toContain("UPSN");
        const orderLevels = shipment.OrderLevel;
        expect(orderLevels[0].OrderHeader.PurchaseOrderNumber).toBe(po);
        const packs = orderLevels.flatMap((l: any) => l.PackLevel ?? []);
        expect(packs.length).toBeGreaterThan(0);
        for (const p of packs) expect(isValidSscc18(p.Pack.ShippingSerialID.slice(2))).toBe(true);
        // Each tracking number of the packing slip is a parcel.
        if (shape === "CrossDock") expect(packs.map((p: any) => p.Pack.CarrierPackageID).sort()).toEqual(["1ZCROSS0001", "1ZCROSS0002", "1ZCROSS0003"]);
        if (shape === "DropShip") expect(packs.map((p: any) => p.Pack.CarrierPackageID)).toEqual(["1ZDROP0001"]);
      }
      const bills = inFolder(files, "IN");
      expect(bills).toHaveLength(orders.length);
      for (const f of bills) {
        const invoiceDoc = rsxDocument(f.content, "Invoice");
        expect(invoices).toContain(invoiceDoc.Header.InvoiceHeader.InvoiceNumber);
        expect(invoiceDoc.Header.InvoiceHeader.PurchaseOrderNumber).toBe(po);
        expect(Number(invoiceDoc.Summary.TotalAmount)).toBeGreaterThan(0);
      }

      // Polling the date window again finds the same documents and sends nothing twice.
      await pollNow(world);
      await new Promise((r) => setTimeout(r, 1500));
      expect(inFolder(await mailbox(world, "in/"), "(SH|IN)")).toHaveLength(orders.length * 2);
      expect((await documents(world, "direction=outbound")).filter((d) => d.type !== "855")).toHaveLength(orders.length * 2);
    });
  }

  it("sends the 855 of a partner acknowledged on confirmation once F&O confirms the order", async () => {
    const dw = await createDynamicsWorld({ rules: { [PARTNERS.bulkImport]: { ackOn: "confirmed" } } });
    const world = flowWorld(dw);
    const [order] = await orderThrough(dw, "BulkImport", "DOUT-ACK");
    await pollNow(world);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await documents(world, "type=855")).toEqual([]);
    await confirmOrder(dw, order);
    await pollNow(world);
    const [ack] = await waitForSettled(world, 1, { query: "type=855", poll: true });
    expect(ack).toMatchObject({ naturalKey: "DOUT-ACK", status: "delivered" });
    expect(inFolder(await mailbox(world, "in/"), "PR")).toHaveLength(1);
    // A second confirmation of the same order changes nothing.
    await confirmOrder(dw, order);
    await pollNow(world);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await documents(world, "type=855")).toHaveLength(1);
  });
});
