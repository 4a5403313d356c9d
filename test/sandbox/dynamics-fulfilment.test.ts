// Confirming, shipping (packing slips) and invoicing an order through control calls, the records
// they leave (readable through OData, as the connector reads them: dynamics-365-fo.md 3d-3f, 9d,
// 9e) and the business-event payloads they emit into the outbox (section 6, 9f).
import { describe, expect, it } from "vitest";
import { createFoWorld, createOrder, foFetch, foToken, q, type FoWorld } from "./dynamics-helpers";
import { control, readJson } from "./sandbox-control";

const ENVELOPE = {
  BusinessEventLegalEntity: "usmf",
  ContextRecordSubject: "",
  ControlNumber: expect.any(Number),
  EventId: expect.stringMatching(/^[0-9A-F-]{36}$/),
  EventTime: expect.stringMatching(/^\/Date\(\d+\)\/$/),
  EventTimeIso8601: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z$/),
  InitiatingUserAADObjectId: expect.stringMatching(/^\{[0-9A-F-]{36}\}$/),
  MajorVersion: 0,
  MinorVersion: 0,
  ParentContextRecordSubjects: [],
};

async function odata(world: FoWorld, token: string, pathAndQuery: string): Promise<any[]> {
  const response = await foFetch(world, token, "GET", pathAndQuery);
  expect(response.status, pathAndQuery).toBe(200);
  return (await readJson(response)).value;
}

describe("confirm, ship, invoice", () => {
  it("confirms an order: a confirmation journal readable through OData and a business event", async () => {
    const world = await createFoWorld();
    const token = await foToken(world);
    const { order, lines } = await createOrder(world, token, "PO-CONF", [{ ItemNumber: "DIFFUSER-BAM", OrderedSalesQuantity: 10, SalesPrice: 10 }]);
    const reply = await control("POST", `/dynamics/${world.host}/orders/usmf/${order.SalesOrderNumber}/confirm`, { date: "2026-03-11" });
    expect(reply.status).toBe(201);
    expect(reply.json.event).toEqual({
      ...ENVELOPE,
      BusinessEventId: "SalesOrderConfirmedBusinessEvent",
      SalesOrderId: order.SalesOrderNumber,
      ConfirmationId: `${order.SalesOrderNumber}-1`,
      ConfirmationDate: `/Date(${Date.parse("2026-03-11T12:00:00Z")})/`,
      CustomerAccount: "BIGBOX",
      LegalEntity: "usmf",
    });
    const headers = await odata(world, token, `SalesOrderConfirmationHeaders?${q({ $filter: `SalesOrderNumber eq '${order.SalesOrderNumber}'` })}`);
    expect(headers).toEqual([
      expect.objectContaining({ ConfirmationNumber: `${order.SalesOrderNumber}-1`, ConfirmationDate: "2026-03-11T12:00:00Z", CustomersOrderReference: "PO-CONF", TotalConfirmedAmount: 100 }),
    ]);
    const confirmedLines = await odata(world, token, `SalesOrderConfirmationLines?${q({ $filter: `SalesOrderNumber eq '${order.SalesOrderNumber}'` })}`);
    expect(confirmedLines.map((l) => [l.SalesOrderLineInventoryLotId, l.ConfirmedSalesQuantity])).toEqual([[lines[0].InventoryLotId, 10]]);
    const header = (await odata(world, token, `SalesOrderHeadersV2?${q({ $filter: `SalesOrderNumber eq '${order.SalesOrderNumber}'` })}`))[0];
    expect(header.SalesOrderProcessingStatus).toBe("Confirmed");
    expect(header.ConfirmedShippingDate).toBe(header.RequestedShippingDate);
  });

  it("posts a partial, then the final packing slip with tracking, and the order becomes Delivered", async () => {
    const world = await createFoWorld();
    const token = await foToken(world);
    const { order, lines } = await createOrder(world, token, "PO-SHIP", [
      { ItemNumber: "CANDLE-LAV-08", OrderedSalesQuantity: 24, ExternalItemNumber: "NW-778120" },
      { ItemNumber: "CANDLE-CED-12", OrderedSalesQuantity: 12 },
    ]);
    const partial = await control("POST", `/dynamics/${world.host}/orders/usmf/${order.SalesOrderNumber}/ship`, {
      lines: [{ inventoryLotId: lines[0].InventoryLotId, quantity: 10 }],
      date: "2026-03-14",
      carrier: "UPS",
      trackingNumbers: ["1Z999AA10123456784"],
    });
    expect(partial.status).toBe(201);
    const slipId = partial.json.packingSlip.header.PackingSlipId;
    expect(partial.json.event).toMatchObject({ ...ENVELOPE, BusinessEventId: "SalesPackingSlipPostedBusinessEvent", PackingSlipId: slipId, SalesOrderId: order.SalesOrderNumber });
    expect((await odata(world, token, `SalesOrderHeadersV2?${q({ $filter: `SalesOrderNumber eq '${order.SalesOrderNumber}'` })}`))[0].SalesOrderStatus).toBe("Backorder");
    const tooMuch = await control("POST", `/dynamics/${world.host}/orders/usmf/${order.SalesOrderNumber}/ship`, { lines: [{ inventoryLotId: lines[0].InventoryLotId, quantity: 15 }] });
    expect(tooMuch.status).toBe(409);
    const rest = await control("POST", `/dynamics/${world.host}/orders/usmf/${order.SalesOrderNumber}/ship`, { date: "2026-03-15" });
    expect(rest.json.packingSlip.lines.map((l: any) => [l.InventTransId, l.Qty, l.Remain])).toEqual([
      [lines[0].InventoryLotId, 14, 0],
      [lines[1].InventoryLotId, 12, 0],
    ]);

    const journals = await odata(world, token, `CustPackingSlipJourBiEntities?${q({ $filter: `SalesId eq '${order.SalesOrderNumber}'`, $orderby: "PackingSlipId" })}&cross-company=true`);
    expect(journals.map((j) => [j.PackingSlipId, j.CustomerRef, j.DeliveryDate, j.Qty])).toEqual([
      [slipId, "PO-SHIP", "2026-03-14T12:00:00Z", 10],
      [rest.json.packingSlip.header.PackingSlipId, "PO-SHIP", "2026-03-15T12:00:00Z", 26],
    ]);
    const slipLines = await odata(world, token, `CustPackingSlipTransBiEntities?${q({ $filter: `PackingSlipId eq '${slipId}'` })}`);
    expect(slipLines.map((l) => [l.InventTransId, l.ItemId, l.ExternalItemId, l.Qty, l.Ordered, l.Remain])).toEqual([[lines[0].InventoryLotId, "CANDLE-LAV-08", "NW-778120", 10, 24, 14]]);
    const tracking = await odata(world, token, `PackingSlipTrackingInformation?${q({ $filter: `SalesOrderNumber eq '${order.SalesOrderNumber}'` })}`);
    expect(tracking).toEqual([expect.objectContaining({ PackingSlipNumber: slipId, TrackingNumber: "1Z999AA10123456784", TrackingURL: expect.stringContaining("1Z999AA10123456784") })]);
    const after = (await odata(world, token, `SalesOrderHeadersV2?${q({ $filter: `SalesOrderNumber eq '${order.SalesOrderNumber}'`, $expand: "SalesOrderLines" })}`))[0];
    expect(after.SalesOrderStatus).toBe("Delivered");
    expect(after.SalesOrderLines.map((l: any) => l.SalesOrderLineStatus)).toEqual(["Delivered", "Delivered"]);
  });

  it("invoices the delivered quantities at the order prices, with the invoice-posted event", async () => {
    const world = await createFoWorld();
    const token = await foToken(world);
    const { order } = await createOrder(world, token, "PO-INV", [
      { ItemNumber: "GIFTSET-03", OrderedSalesQuantity: 4, SalesPrice: 17.5 },
      { ItemNumber: "MATCHES-JAR", OrderedSalesQuantity: 10 },
    ]);
    const base = `/dynamics/${world.host}/orders/usmf/${order.SalesOrderNumber}`;
    expect((await control("POST", `${base}/invoice`, {})).status).toBe(409); // nothing delivered yet
    await control("POST", `${base}/ship`, { date: "2026-03-14" });
    const reply = await control("POST", `${base}/invoice`, { date: "2026-03-16" });
    expect(reply.status).toBe(201);
    const invoiceNumber = reply.json.invoice.header.InvoiceNumber;
    expect(invoiceNumber).toMatch(/^CIV-\d{6}$/);
    expect(reply.json.event).toEqual({
      ...ENVELOPE,
      BusinessEventId: "SalesInvoicePostedBusinessEvent",
      InvoiceAccount: "BIGBOX",
      InvoiceId: invoiceNumber,
      SalesOrderId: order.SalesOrderNumber,
      InvoiceDate: `/Date(${Date.parse("2026-03-16T12:00:00Z")})/`,
      InvoiceDueDate: `/Date(${Date.parse("2026-04-15T12:00:00Z")})/`,
      InvoiceAmountInAccountingCurrency: 102,
      InvoiceTaxAmount: 0,
      LegalEntity: "usmf",
    });

    const invoices = await odata(world, token, `SalesInvoiceHeadersV2?${q({ $filter: `dataAreaId eq 'usmf' and InvoiceNumber eq '${invoiceNumber}'`, $expand: "SalesInvoiceLinesV3" })}&cross-company=true`);
    expect(invoices).toHaveLength(1);
    expect(invoices[0]).toMatchObject({ SalesOrderNumber: order.SalesOrderNumber, CustomersOrderReference: "PO-INV", TotalInvoiceAmount: 102, InvoiceDate: "2026-03-16T12:00:00Z", CurrencyCode: "USD" });
    expect(invoices[0].SalesInvoiceLinesV3.map((l: any) => [l.LineCreationSequenceNumber, l.ProductNumber, l.InvoicedQuantity, l.SalesPrice, l.LineAmount])).toEqual([
      [1, "GIFTSET-03", 4, 17.5, 70],
      [2, "MATCHES-JAR", 10, 3.2, 32],
    ]);
    // The V3 navigation reads its own set; the V2 set holds the same lines.
    for (const set of ["SalesInvoiceV2Lines", "SalesInvoiceV3Lines"]) {
      const lines = await odata(world, token, `${set}?${q({ $filter: `InvoiceNumber eq '${invoiceNumber}'`, $select: "LineCreationSequenceNumber,ProductNumber" })}`);
      expect(lines.map((l) => [l.LineCreationSequenceNumber, l.ProductNumber])).toEqual([[1, "GIFTSET-03"], [2, "MATCHES-JAR"]]);
    }
    const bi = await odata(world, token, `CustInvoiceTransBiEntities?${q({ $filter: `InvoiceId eq '${invoiceNumber}'`, $select: "InventTransId,Qty,LineAmount,LineCreationSequenceNumber" })}`);
    expect(bi.map((l) => [l.LineCreationSequenceNumber, l.Qty])).toEqual([[1, 4], [2, 10]]);
    const order2 = (await odata(world, token, `SalesOrderHeadersV2?${q({ $filter: `SalesOrderNumber eq '${order.SalesOrderNumber}'` })}`))[0];
    expect(order2.SalesOrderStatus).toBe("Invoiced");
    expect(order2.SalesOrderProcessingStatus).toBe("Invoiced");

    const outbox = await control("GET", `/dynamics/${world.host}/events`);
    expect(outbox.json.events.map((e: any) => e.BusinessEventId)).toEqual(["SalesPackingSlipPostedBusinessEvent", "SalesInvoicePostedBusinessEvent"]);
    const [first, second] = outbox.json.events;
    expect(second.ControlNumber).toBeGreaterThan(first.ControlNumber);
    expect((await control("DELETE", `/dynamics/${world.host}/events`)).json).toEqual({ cleared: 2 });
  });

  it("invoices every open quantity with quantity \"all\" and refuses an unknown order", async () => {
    const world = await createFoWorld();
    const token = await foToken(world);
    const { order } = await createOrder(world, token, "PO-ALL", [{ ItemNumber: "GIFTSET-03", OrderedSalesQuantity: 2 }]);
    const reply = await control("POST", `/dynamics/${world.host}/orders/usmf/${order.SalesOrderNumber}/invoice`, { quantity: "all" });
    expect(reply.json.invoice.header.TotalInvoiceAmount).toBe(36);
    expect((await control("POST", `/dynamics/${world.host}/orders/usmf/SO-404404/confirm`, {})).status).toBe(404);
  });
});
