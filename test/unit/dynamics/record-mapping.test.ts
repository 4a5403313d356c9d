// F&O records ↔ ERP-neutral types, pure: the order changeset built from a draft (PO / order key fields,
// dataAreaId on every write, ship-to, prices, dimensions), answers mapped back to ErpOrders, and posted
// packing slips and invoices mapped to ErpShipment / ErpInvoice with each line's order LineNumber found
// through InventTransId = InventoryLotId.
import { describe, expect, it } from "vitest";
import type { SalesOrderDraft } from "../../../src/erp/adapter";
import { indexOrderLines, pairBiLines, postedAt, toErpInvoice, toErpShipment } from "../../../src/erp/dynamics/outbound-records";
import { dateWindowFilter } from "../../../src/erp/dynamics/outbound-source";
import { calendarDate, countryRegionId, headerOperations, lineOperations, matchLines, oneCallOperations, orderFromChangeset, ownOrderNumber, toErpOrder } from "../../../src/erp/dynamics/sales-orders";

const DATA = "https://env.example/data";

const draft: SalesOrderDraft = {
  customerId: "BIGBOX",
  legalEntity: "USMF",
  customerOrder: "PO-1",
  orderKey: "PO-1/0010",
  orderDate: "2026-03-03",
  requestedOn: "2026-03-12",
  description: "EDI 850",
  currency: "USD",
  financialDimensions: "-0042--",
  shipTo: { name: "Store 10", address1: "10 Main St", address2: "Dock 2", city: "Columbus", state: "OH", postalCode: "43215", country: "US" },
  lines: [
    { lineRef: "1", itemId: "A", qty: 12, uom: "EA", unitPrice: 11.5, description: "Item A" },
    { lineRef: "X7", itemId: "B", qty: 6, requestedOn: "2026-03-14" },
  ],
};

const HEADER_BODY = {
  dataAreaId: "usmf",
  OrderingCustomerAccountNumber: "BIGBOX",
  CustomersOrderReference: "PO-1",
  CustomerRequisitionNumber: "PO-1/0010",
  CurrencyCode: "USD",
  RequestedShippingDate: "2026-03-12T12:00:00Z",
  DefaultLedgerDimensionDisplayValue: "-0042--",
  IsDeliveryAddressOrderSpecific: "Yes",
  DeliveryAddressName: "Store 10",
  DeliveryAddressStreet: "10 Main St\nDock 2",
  DeliveryAddressCity: "Columbus",
  DeliveryAddressStateId: "OH",
  DeliveryAddressZipCode: "43215",
  DeliveryAddressCountryRegionId: "USA",
};
const LINE_A = {
  dataAreaId: "usmf",
  ItemNumber: "A",
  OrderedSalesQuantity: 12,
  SalesUnitSymbol: "EA",
  SalesPrice: 11.5,
  IsPriceLocked: "Yes",
  LineDescription: "Item A",
  CustomersLineNumber: 1,
  RequestedShippingDate: "2026-03-12T12:00:00Z",
};
// No EDI price: F&O prices the line; a non-numeric line reference numbers by position.
const LINE_B = { dataAreaId: "usmf", ItemNumber: "B", OrderedSalesQuantity: 6, CustomersLineNumber: 2, RequestedShippingDate: "2026-03-14T12:00:00Z" };

describe("sales order writes", () => {
  it("two-step: the header alone, then the lines posted flat with the header's number, dataAreaId on every body", () => {
    const header = headerOperations(draft, DATA);
    expect(header.ok && header.value.map((o) => [o.method, o.url, o.contentId, o.body])).toEqual([["POST", `${DATA}/SalesOrderHeadersV2`, "1", HEADER_BODY]]);
    const lines = lineOperations(draft, DATA, "SO-000042", [0, 1]);
    expect(lines.ok && lines.value.map((o) => [o.method, o.url, o.contentId, o.body])).toEqual([
      ["POST", `${DATA}/SalesOrderLines`, "1", { ...LINE_A, SalesOrderNumber: "SO-000042" }],
      ["POST", `${DATA}/SalesOrderLines`, "2", { ...LINE_B, SalesOrderNumber: "SO-000042" }],
    ]);
    // Completing a header: only the lines asked for, Content-IDs from 1.
    const one = lineOperations(draft, DATA, "SO-000042", [1]);
    expect(one.ok && one.value.map((o) => [o.contentId, (o.body as Record<string, unknown>).ItemNumber])).toEqual([["1", "B"]]);
  });

  it("navigation: one changeset, the lines posted to $1/SalesOrderLines", () => {
    const ops = oneCallOperations(draft, DATA, { mode: "navigation" });
    expect(ops.ok && ops.value.map((o) => [o.method, o.url, o.contentId, o.body])).toEqual([
      ["POST", `${DATA}/SalesOrderHeadersV2`, "1", HEADER_BODY],
      ["POST", "$1/SalesOrderLines", "2", LINE_A],
      ["POST", "$1/SalesOrderLines", "3", LINE_B],
    ]);
  });

  it("own-number: one changeset naming the order, the same number for the same order key every time", () => {
    const number = ownOrderNumber("edi", "usmf", "PO-1/0010");
    expect(number).toMatch(/^EDI[0-9A-Z]{10}$/);
    expect(ownOrderNumber("EDI", "usmf", "PO-1/0010")).toBe(number);
    expect(ownOrderNumber("EDI", "usmf", "PO-1/0020")).not.toBe(number);
    expect(ownOrderNumber("EDI", "demf", "PO-1/0010")).not.toBe(number);
    const ops = oneCallOperations(draft, DATA, { mode: "own-number", orderNumber: number });
    expect(ops.ok && ops.value.map((o) => [o.url, o.contentId, o.body])).toEqual([
      [`${DATA}/SalesOrderHeadersV2`, "1", { ...HEADER_BODY, SalesOrderNumber: number }],
      [`${DATA}/SalesOrderLines`, "2", { ...LINE_A, SalesOrderNumber: number }],
      [`${DATA}/SalesOrderLines`, "3", { ...LINE_B, SalesOrderNumber: number }],
    ]);
  });

  it("finds the lines a header lacks by customer line number and item, each F&O line used once", () => {
    const twice: SalesOrderDraft = { ...draft, lines: [...draft.lines, { lineRef: "3", itemId: "A", qty: 12 }] };
    expect(matchLines(twice, []).missing).toEqual([0, 1, 2]);
    expect(matchLines(twice, [{ lineRef: "1", itemId: "a", qty: 12, lineNbr: 1 }]).missing).toEqual([1, 2]);
    const all = matchLines(twice, [
      { lineRef: "3", itemId: "A", qty: 12, lineNbr: 9 },
      { lineRef: "2", itemId: "B", qty: 6, lineNbr: 8 },
      { lineRef: "1", itemId: "A", qty: 12, lineNbr: 7 },
    ]);
    expect(all.missing).toEqual([]);
    expect(all.matched.map((l) => l?.lineNbr)).toEqual([7, 8, 9]);
    // The same number with another item is not that line.
    expect(matchLines(draft, [{ lineRef: "1", itemId: "Z", qty: 12 }]).missing).toEqual([0, 1]);
  });

  it("names a mapped customer location instead of an address, and refuses a partner without legal entity", () => {
    const ops = headerOperations({ ...draft, shipTo: undefined, customerLocationId: "ST0010" }, DATA);
    expect(ops.ok && ops.value[0]!.body).toMatchObject({ DeliveryAddressLocationId: "ST0010" });
    expect(ops.ok && (ops.value[0]!.body as Record<string, unknown>).IsDeliveryAddressOrderSpecific).toBeUndefined();
    expect(headerOperations({ ...draft, legalEntity: undefined }, DATA)).toMatchObject({ ok: false, error: expect.stringMatching(/legal entity/) });
    expect(oneCallOperations({ ...draft, legalEntity: undefined }, DATA, { mode: "navigation" })).toMatchObject({ ok: false });
  });
});

describe("orders read back", () => {
  it("maps the changeset answer in draft order and a header with lines in creation order", () => {
    const order = orderFromChangeset(
      [
        { contentId: "3", body: { ItemNumber: "B", LineNumber: 2, OrderedSalesQuantity: 6, SalesUnitSymbol: "ea", SalesPrice: 24, SalesPriceQuantity: 2 } },
        { contentId: "1", body: { dataAreaId: "USMF", SalesOrderNumber: "SO-9", CustomerRequisitionNumber: "PO-1/0010", SalesOrderStatus: "Backorder" } },
        { contentId: "2", body: { ItemNumber: "A", LineNumber: 1, OrderedSalesQuantity: 12, SalesUnitSymbol: "ea", SalesPrice: 11.5 } },
      ],
      2,
      "create",
    );
    expect(order).toEqual({
      reference: "SO-9",
      orderType: "usmf",
      orderKey: "PO-1/0010",
      status: "Backorder",
      lines: [
        { lineNbr: 1, itemId: "A", qty: 12, uom: "ea", unitPrice: 11.5 },
        { lineNbr: 2, itemId: "B", qty: 6, uom: "ea", unitPrice: 12 },
      ],
    });
    expect(() => orderFromChangeset([{ contentId: "1", body: { SalesOrderNumber: "SO-9" } }], 1, "create")).toThrow(/without the order number or every line/);
    const found = toErpOrder({ dataAreaId: "demf", SalesOrderNumber: "SO-2" }, [
      { ItemNumber: "Y", LineNumber: 2, LineCreationSequenceNumber: 2 },
      { ItemNumber: "X", LineNumber: 1, LineCreationSequenceNumber: 1 },
    ]);
    expect(found.lines.map((l) => l.itemId)).toEqual(["X", "Y"]);
  });

  it("reads dates and countries the F&O way", () => {
    expect(calendarDate("2026-03-12T12:00:00Z")).toBe("2026-03-12");
    expect(calendarDate("1900-01-01T12:00:00Z")).toBeUndefined();
    expect(countryRegionId("de")).toBe("DEU");
    expect(countryRegionId("USA")).toBe("USA");
    expect(dateWindowFilter("InvoiceDate", "2026-03-12T08:30:00.000Z", 3)).toBe("InvoiceDate ge 2026-03-09T00:00:00Z");
    expect(postedAt("2026-03-12T09:00:00Z", "2026-03-12", Date.parse("2026-03-12T10:00:00Z"))).toBe("2026-03-12T09:00:00.000Z");
    // A post-dated document never moves the watermark past now.
    expect(postedAt(undefined, "2026-03-20", Date.parse("2026-03-12T10:00:00Z"))).toBe("2026-03-12T10:00:00.000Z");
  });
});

const orderLines = indexOrderLines([
  { dataAreaId: "usmf", SalesOrderNumber: "SO-9", InventoryLotId: "000011USMF", LineNumber: 1 },
  { dataAreaId: "usmf", SalesOrderNumber: "SO-9", InventoryLotId: "000012USMF", LineNumber: 2 },
]);
const NOW = Date.parse("2026-03-15T10:00:00Z");

describe("posted packing slips and invoices", () => {
  it("maps a packing slip: lines to order line numbers, tracking numbers to parcels", () => {
    const shipment = toErpShipment({
      header: { dataAreaId: "USMF", PackingSlipId: "PS-1", SalesId: "SO-9", OrderAccount: "BIGBOX", DeliveryDate: "2026-03-14T12:00:00Z", DlvMode: "GRND", ShipCarrierId: "", BillOfLadingId: "", Weight: 12.5, CreatedOn: "2026-03-14T15:00:00Z" },
      lines: [
        { dataAreaId: "usmf", PackingSlipId: "PS-1", SalesId: "SO-9", InventTransId: "000012usmf", ItemId: "B", Qty: 6, SalesUnit: "ea", LineNum: 2 },
        { dataAreaId: "usmf", PackingSlipId: "PS-1", SalesId: "SO-9", InventTransId: "000011USMF", ItemId: "A", Qty: 12, SalesUnit: "ea", LineNum: 1, Name: "Item A" },
        { dataAreaId: "usmf", PackingSlipId: "PS-1", SalesId: "SO-9", InventTransId: "GONE", ItemId: "C", Qty: 1, LineNum: 3 },
      ],
      tracking: [{ TrackingNumber: "1Z2" }, { TrackingNumber: "1Z1" }, { TrackingNumber: "1Z1" }],
      orderLines,
      nowMs: NOW,
    });
    expect(shipment.ok).toBe(true);
    if (!shipment.ok) return;
    expect(shipment.value).toMatchObject({
      shipmentNbr: "PS-1",
      shipped: true,
      shipDate: "2026-03-14",
      customerId: "BIGBOX",
      shipVia: "GRND",
      billOfLading: undefined,
      totalWeight: 12.5,
      orders: [{ orderNbr: "SO-9", orderType: "usmf" }],
      lastModified: "2026-03-14T15:00:00.000Z",
    });
    expect(shipment.value.lines.map((l) => [l.itemId, l.orderLineNbr, l.qty])).toEqual([
      ["A", 1, 12],
      ["B", 2, 6],
      ["C", undefined, 1],
    ]);
    expect(shipment.value.packages).toEqual([
      { packageId: "1Z1", trackingNumber: "1Z1", contents: [] },
      { packageId: "1Z2", trackingNumber: "1Z2", contents: [] },
    ]);
  });

  it("maps an invoice, pairing its lines with the BI lines that name the order line", () => {
    const invoice = toErpInvoice({
      header: { dataAreaId: "usmf", InvoiceNumber: "CIV-1", InvoiceDate: "2026-03-15T12:00:00Z", SalesOrderNumber: "SO-9", InvoiceCustomerAccountNumber: "BIGBOX", CustomersOrderReference: "PO-1", TotalInvoiceAmount: 207, TotalTaxAmount: 0, TotalChargeAmount: 0, CurrencyCode: "USD", PaymentTermsName: "Net30" },
      lines: [
        { LineCreationSequenceNumber: 2, ProductNumber: "A", InvoicedQuantity: 6, SalesPrice: 11.5, LineAmount: 69, SalesUnitSymbol: "ea" },
        { LineCreationSequenceNumber: 1, ProductNumber: "A", InvoicedQuantity: 12, SalesPrice: 11.5, LineAmount: 138, SalesUnitSymbol: "ea" },
      ],
      // The same item on two order lines: quantity and amount tell the BI lines apart.
      biLines: [
        { dataAreaId: "usmf", InvoiceId: "CIV-1", SalesId: "SO-9", InventTransId: "000012USMF", ItemId: "A", Qty: 6, LineAmount: 69 },
        { dataAreaId: "usmf", InvoiceId: "CIV-1", SalesId: "SO-9", InventTransId: "000011USMF", ItemId: "A", Qty: 12, LineAmount: 138 },
      ],
      orderLines,
      nowMs: NOW,
    });
    expect(invoice.ok).toBe(true);
    if (!invoice.ok) return;
    expect(invoice.value).toMatchObject({ invoiceNbr: "CIV-1", invoiceType: "usmf", released: true, credit: false, date: "2026-03-15", customerOrder: "PO-1", terms: "Net30", total: 207, freight: undefined, taxTotal: undefined });
    expect(invoice.value.lines.map((l) => [l.orderLineNbr, l.qty, l.unitPrice, l.amount])).toEqual([
      [1, 12, 11.5, 138],
      [2, 6, 11.5, 69],
    ]);
    // Without the BI entity the lines still map, with no order line number (the flow traces them by item).
    const without = toErpInvoice({ header: { dataAreaId: "usmf", InvoiceNumber: "CIV-1", InvoiceDate: "2026-03-15T12:00:00Z", TotalInvoiceAmount: -5 }, lines: [{ ProductNumber: "A", InvoicedQuantity: 1, SalesPrice: 5, LineAmount: 5 }], biLines: undefined, orderLines, nowMs: NOW });
    expect(without.ok && without.value.lines[0]!.orderLineNbr).toBeUndefined();
    expect(without.ok && without.value.credit).toBe(true);
  });
});

describe("invoice lines joined to their BI lines", () => {
  const line = (seq: number | undefined, item = "GIFTSET-03") => ({ ...(seq === undefined ? {} : { LineCreationSequenceNumber: seq }), InvoiceDate: "2026-03-11T12:00:00Z", ProductNumber: item, InvoicedQuantity: 1, LineAmount: 18 });
  const bi = (seq: number | undefined, lot: string, item = "GIFTSET-03") => ({ ...(seq === undefined ? {} : { LineCreationSequenceNumber: seq }), InvoiceDate: "2026-03-11T12:00:00Z", ItemId: item, Qty: 1, LineAmount: 18, InventTransId: lot });

  it("pairs lines of the same item and quantity by the shared key, whatever order the BI rows come in", () => {
    const { pairs, heuristic } = pairBiLines([line(1), line(2, "DIFFUSER-CIT"), line(3)], [bi(3, "LOT-3"), bi(2, "LOT-2", "DIFFUSER-CIT"), bi(1, "LOT-1")]);
    expect(pairs.map((p) => p?.InventTransId)).toEqual(["LOT-1", "LOT-2", "LOT-3"]);
    expect(heuristic).toBe(0);
  });

  it("falls back to item and quantity only for lines the key does not pair, and counts them", () => {
    const { pairs, heuristic } = pairBiLines([line(undefined), line(undefined, "DIFFUSER-CIT")], [bi(undefined, "LOT-B", "DIFFUSER-CIT"), bi(undefined, "LOT-A")]);
    expect(pairs.map((p) => p?.InventTransId)).toEqual(["LOT-A", "LOT-B"]);
    expect(heuristic).toBe(2);
  });
});
