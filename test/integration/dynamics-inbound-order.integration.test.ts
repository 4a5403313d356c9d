// The main flow on Dynamics 365 F&O: 850s dropped in the SPS mailbox become F&O sales orders (one
// $batch changeset per order) through the real poll queue, inbound consumer, TenantGate (Entra token)
// and D1, and each PO's 855 goes back to SPS; a partner in another legal entity gets its orders there;
// an item not released in that legal entity rejects the order with F&O's words and creates nothing.
import { describe, expect, it } from "vitest";
import { readRsxDocuments } from "../../src/rsx";
import { documentDetail, drop, fixtureXml, mailbox, pollNow, waitForSettled, withPo } from "../helpers/flow";
import { createDynamicsWorld, flowWorld, foCounters, foOrders, PARTNERS } from "../helpers/dynamics-world";

/** The bulk-import fixture without its last line (the jar of matches, which legal entity demf does not sell). */
function withoutLastLine(xml: string): string {
  const start = xml.lastIndexOf("<LineItem>");
  const end = xml.indexOf("</LineItem>", start) + "</LineItem>".length;
  return xml.slice(0, start) + xml.slice(end);
}

describe("inbound 850 → Dynamics 365 F&O sales order", () => {
  it("creates the sales orders of the four SPS order shapes two-step (header, then lines), and acknowledges each PO", async () => {
    const dw = await createDynamicsWorld();
    const world = flowWorld(dw);
    await drop(world, "out/PO/cross.xml", withPo(fixtureXml.CrossDock, "D-CROSS-1"));
    await drop(world, "out/PO/multi.xml", withPo(fixtureXml.MultiStore, "D-MULTI-1"));
    await drop(world, "out/bulk.xml", withPo(fixtureXml.BulkImport, "D-BULK-1"));
    await drop(world, "out/PO/drop.xml", withPo(fixtureXml.DropShip, "D-DROP-1"));
    await pollNow(world);
    const docs = await waitForSettled(world, 4, { query: "type=850" });
    expect(docs.map((d) => `${d.naturalKey}:${d.status}`).sort()).toEqual(["D-BULK-1:delivered", "D-CROSS-1:delivered", "D-DROP-1:delivered", "D-MULTI-1:delivered"]);

    const orders = await foOrders(dw);
    // Multi-store splits into one order per store (3); the others are one order each, all in usmf.
    expect(orders).toHaveLength(6);
    expect(new Set(orders.map((o) => o.dataAreaId))).toEqual(new Set(["usmf"]));
    const multi = orders.filter((o) => o.CustomersOrderReference === "D-MULTI-1");
    expect(multi.map((o) => o.CustomerRequisitionNumber).sort()).toEqual(["D-MULTI-1/0010", "D-MULTI-1/0020", "D-MULTI-1/0030"]);
    expect(multi.map((o) => o.DeliveryAddressLocationId).sort()).toEqual(["ST0010", "ST0020", "ST0030"]);
    expect(multi.every((o) => o.OrderingCustomerAccountNumber === "BIGBOX" && o.RequestedShippingDate === "2026-03-12T12:00:00Z")).toBe(true);

    const dropShip = orders.find((o) => o.CustomersOrderReference === "D-DROP-1");
    expect(dropShip).toMatchObject({ CustomerRequisitionNumber: "D-DROP-1", IsDeliveryAddressOrderSpecific: "Yes", DeliveryAddressCountryRegionId: "USA", OrderingCustomerAccountNumber: "HOMEDIRECT" });
    expect(dropShip.DeliveryAddressCity).toBeTruthy();

    const bulk = orders.find((o) => o.CustomersOrderReference === "D-BULK-1");
    // EDI prices kept and locked; the 850 line numbers in CustomersLineNumber; requested dates per line.
    expect(bulk.lines.map((l: any) => [l.ItemNumber, l.OrderedSalesQuantity, l.SalesPrice, l.IsPriceLocked, l.CustomersLineNumber])).toEqual([
      ["CANDLE-LAV-08", 72, 6.25, "Yes", 1],
      ["CANDLE-CED-12", 48, 9.4, "Yes", 2],
      ["GIFTSET-03", 24, 18, "Yes", 3],
      ["MATCHES-JAR", 96, 3.2, "Yes", 4],
    ]);
    expect(bulk.lines.every((l: any) => l.RequestedShippingDate === "2026-03-11T12:00:00Z")).toBe(true);

    // Two HTTP writes per order (header, lines) and no idempotency lookups on the common path.
    const counters = await foCounters(dw);
    expect(counters.requests["dynamics.batch"]).toBe(12);
    expect(counters.requests["dynamics.get:SalesOrderHeadersV2"] ?? 0).toBe(0);

    // The 850 remembers F&O's line numbers (LineNumber) for the 856/810 trace.
    const detail = await documentDetail(world, docs.find((d) => d.naturalKey === "D-BULK-1").id);
    const created = Object.values(detail.meta.orders) as any[];
    expect(created[0]).toMatchObject({ reference: bulk.SalesOrderNumber, orderType: "usmf" });
    expect(created[0].lines.map((l: any) => l.lineNbr)).toEqual(bulk.lines.map((l: any) => l.LineNumber));

    // Dynamics partners get an 855 once the order exists (rules.ackOn defaults to "created").
    const acks = await waitForSettled(world, 4, { query: "type=855" });
    expect(acks.map((a) => `${a.naturalKey}:${a.status}`).sort()).toEqual(["D-BULK-1:delivered", "D-CROSS-1:delivered", "D-DROP-1:delivered", "D-MULTI-1:delivered"]);
    const files = (await mailbox(world, "in/")).filter((f: any) => /(^|\/)in\/PR/.test(f.path));
    expect(files).toHaveLength(4);
    const bulkAck = files.map((f: any) => readRsxDocuments(new TextEncoder().encode(f.content))).find((r: any) => r.ok && JSON.stringify(r.value).includes("D-BULK-1"));
    expect(bulkAck?.ok).toBe(true);
  });

  it("creates the orders of a partner whose customer lives in another legal entity there", async () => {
    const dw = await createDynamicsWorld({ legalEntities: { [PARTNERS.bulkImport]: "demf" }, rules: { [PARTNERS.bulkImport]: { financialDimensions: "-0042--" } } });
    const world = flowWorld(dw);
    await drop(world, "out/PO/demf.xml", withPo(withoutLastLine(fixtureXml.BulkImport), "D-DEMF-1"));
    await pollNow(world);
    const [doc] = await waitForSettled(world, 1, { query: "type=850" });
    expect(doc.status).toBe("delivered");
    const [order] = await foOrders(dw);
    expect(order).toMatchObject({ dataAreaId: "demf", OrderingCustomerAccountNumber: "CREST", CustomersOrderReference: "D-DEMF-1", DefaultLedgerDimensionDisplayValue: "-0042--" });
    expect(order.lines.map((l: any) => [l.dataAreaId, l.ItemNumber])).toEqual([
      ["demf", "CANDLE-LAV-08"],
      ["demf", "CANDLE-CED-12"],
      ["demf", "GIFTSET-03"],
    ]);
    expect(doc.erpReference).toBe(order.SalesOrderNumber);
  });

  it("rejects an order with an item not released in the partner's legal entity, showing its header is in F&O without lines", async () => {
    const dw = await createDynamicsWorld({ legalEntities: { [PARTNERS.dropShip]: "demf" } });
    const world = flowWorld(dw);
    // Line 1 (GIFTSET-03) exists in demf; line 2 (DIFFUSER-CIT) does not: the lines changeset fails on its second line.
    await drop(world, "out/PO/missing.xml", withPo(fixtureXml.DropShip, "D-MISSING-1"));
    await pollNow(world);
    const [doc] = await waitForSettled(world, 1, { query: "type=850" });
    expect(doc.status).toBe("rejected");
    expect(doc.statusDetail.join(" ")).toMatch(/Dynamics 365: The value 'DIFFUSER-CIT' in field 'Item number' is not found in the related table 'Released products'/);
    // The header stays (a changeset is all-or-nothing, but the header was its own); the document says
    // so, and a replay once the item is released adds exactly the lines.
    const orders = await foOrders(dw);
    expect(orders.map((o) => [o.dataAreaId, o.CustomersOrderReference, o.lines.length])).toEqual([["demf", "D-MISSING-1", 0]]);
    expect(doc.statusDetail.join(" ")).toContain(`sales order ${orders[0].SalesOrderNumber} (demf) is in F&O without its lines`);
    const counters = await foCounters(dw);
    expect(counters.requests["dynamics.batch"]).toBe(2);
    expect(counters.requests["dynamics.batch.post:SalesOrderLines"]).toBe(2);
    expect((await documentDetail(world, doc.id)).attempts).toBe(1);
    expect(await waitForSettled(world, 0, { query: "type=855" })).toEqual([]);
  });
});
