// Outbound end to end: for each SPS order shape, an 850 comes in, the sandbox ships and invoices
// the sales orders, and the connector sends the 856 and 810 to SPS's in/ folder, once, checked.
import { describe, expect, it } from "vitest";
import { readRsxDocuments } from "../../src/rsx";
import { isValidSscc18 } from "../../src/rsx/gs1";
import { createWorld, type World } from "../helpers/world";
import { crossDockPackages, documents, drop, fixtureXml, invoice, mailbox, pollNow, salesOrders, ship, waitForSettled, withPo } from "../helpers/flow";

async function orderThrough(world: World, shape: keyof typeof fixtureXml, po: string) {
  await drop(world, `out/PO/${po}.xml`, withPo(fixtureXml[shape], po));
  await pollNow(world);
  await waitForSettled(world, 1, { query: "type=850" });
  return (await salesOrders(world)).filter((o) => o.CustomerOrder === po);
}


function tree(content: string) {
  const read = readRsxDocuments(new TextEncoder().encode(content));
  if (!read.ok) throw new Error(read.error.reasons.join("; "));
  return read.value;
}

describe("outbound 856 and 810 from Acumatica", () => {
  for (const [shape, po] of [
    ["CrossDock", "OUT-CROSS"],
    ["MultiStore", "OUT-MULTI"],
    ["BulkImport", "OUT-BULK"],
    ["DropShip", "OUT-DROP"],
  ] as const) {
    it(`sends the ship notice and invoice of a ${shape} order`, async () => {
      const world = await createWorld();
      const orders = await orderThrough(world, shape, po);
      expect(orders.length).toBeGreaterThan(0);
      const shipments: string[] = [];
      for (const o of orders) {
        // Cross-dock cartons are packed per store (the retailer's DC forwards them unopened).
        const nbr = await ship(world, o.OrderNbr, shape === "CrossDock" ? { packages: crossDockPackages(o) } : {});
        shipments.push(nbr);
        await invoice(world, nbr);
      }
      await pollNow(world);
      const out = await waitForSettled(world, orders.length * 2, { query: "direction=outbound", poll: true, timeout: 30_000 });
      expect(out.filter((d) => d.status !== "delivered").map((d) => d.statusDetail)).toEqual([]);
      expect(out.map((d) => `${d.type}:${d.status}`).sort()).toEqual([...Array(orders.length).fill("810:delivered"), ...Array(orders.length).fill("856:delivered")]);
      const files = await mailbox(world, "in/");
      expect(files).toHaveLength(orders.length * 2);
      const named = (prefix: string) => files.filter((x: any) => x.path.replace(/^\//, "").startsWith(prefix));
      expect(named("in/SH")).toHaveLength(orders.length);
      expect(named("in/IN")).toHaveLength(orders.length);
      for (const f of named("in/SH")) {
        const read = tree(f.content);
        expect(read.rootName).toBe("Shipments");
        // Outbound roots are not inbound document types: the reader returns the <Shipments> root itself.
        const shipment = (read.documents[0] as any).Shipment;
        expect(shipments).toContain(shipment.Header.ShipmentHeader.ShipmentIdentification);
        const orderLevels = shipment.OrderLevel;
        expect(orderLevels[0].OrderHeader.PurchaseOrderNumber).toBe(po);
        const packs = orderLevels.flatMap((l: any) => l.PackLevel ?? []);
        expect(packs.length).toBeGreaterThan(0);
        for (const p of packs) expect(isValidSscc18(p.Pack.ShippingSerialID.slice(2))).toBe(true);
      }
      for (const f of named("in/IN")) {
        const invoiceDoc = (tree(f.content).documents[0] as any).Invoice;
        expect(invoiceDoc.Header.InvoiceHeader.PurchaseOrderNumber).toBe(po);
        expect(Number(invoiceDoc.Summary.TotalAmount)).toBeGreaterThan(0);
      }
      // Polling again finds the same records and sends nothing twice.
      await pollNow(world);
      await new Promise((r) => setTimeout(r, 1500));
      expect(await mailbox(world, "in/")).toHaveLength(orders.length * 2);
      expect(await documents(world, "direction=outbound")).toHaveLength(orders.length * 2);
    });
  }
});
