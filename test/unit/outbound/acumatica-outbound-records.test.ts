// Acumatica Shipment and SalesInvoice records as the sandbox simulator serves them (wrapped values, null
// as {}, $expand=Packages/PackageContents), mapped to the ERP-neutral types and carried through the 856 /
// 810 mapping rules and builders: a cross-dock shipment packed per store, partial shipments of one order,
// an unconfirmed shipment, released and unreleased invoices, and invoicing that leaves the 856 unchanged.
import { beforeEach, describe, expect, it } from "vitest";
import type { ErpInvoice, ErpShipment } from "../../../src/erp/adapter";
import { toErpInvoice, toErpShipment } from "../../../src/erp/acumatica/outbound-records";
import { checkInvoice, checkShipNotice } from "../../../src/flows/compliance";
import type { CreatedOrderMeta } from "../../../src/flows/order-links";
import { invoiceInputFrom } from "../../../src/flows/outbound-invoice";
import type { OutboundOrderLink } from "../../../src/flows/line-tracing";
import { shipNoticeInputFrom } from "../../../src/flows/outbound-ship-notice";
import { shipmentFingerprint } from "../../../src/flows/record-fingerprint";
import { buildInvoice, buildShipNotice, type Order850 } from "../../../src/rsx";
import { acumaticaFetch, acumaticaTokens, control, createAcumaticaInstance, readJson, type AcumaticaInstanceInfo } from "../../sandbox/sandbox-control";
import { fixtureOrder, linkFor, partnerFor, remitTo, ssccAllocator, supplier } from "./outbound-fixtures";

let instance: AcumaticaInstanceInfo;
let token: string;

beforeEach(async () => {
  instance = await createAcumaticaInstance();
  token = (await acumaticaTokens(instance)).access_token;
});

const ITEMS: Record<string, string> = {
  "BH-LAV-08": "CANDLE-LAV-08",
  "BH-CED-12": "CANDLE-CED-12",
  "BH-GFT-03": "GIFTSET-03",
  "BH-MAT-01": "MATCHES-JAR",
  "BH-DIF-01": "DIFFUSER-BAM",
  "BH-DIF-02": "DIFFUSER-CIT",
};

/** PUTs the sales order the inbound flow would create for a fixture 850, and returns its link. */
async function createOrder(order: Order850, customerId: string, locationId: string): Promise<OutboundOrderLink> {
  const body = {
    OrderType: { value: "SO" },
    CustomerID: { value: customerId },
    LocationID: { value: locationId },
    CustomerOrder: { value: order.header.purchaseOrderNumber },
    ExternalRef: { value: order.header.purchaseOrderNumber },
    Date: { value: `${order.header.purchaseOrderDate}T00:00:00` },
    Details: order.lines.map((l) => ({
      InventoryID: { value: ITEMS[l.vendorPartNumber!] },
      OrderQty: { value: l.orderQty },
      UOM: { value: l.orderQtyUOM },
      UnitPrice: { value: l.purchasePrice },
      ManualPrice: { value: true },
    })),
  };
  const res = await acumaticaFetch(instance, token, "PUT", "SalesOrder?$expand=Details", body);
  expect(res.status).toBe(200);
  const saved = await readJson(res);
  const created: CreatedOrderMeta = {
    reference: saved.OrderNbr.value,
    orderType: "SO",
    linked: false,
    shipToLocation: order.addresses.find((a) => a.addressTypeCode === "ST")?.addressLocationNumber,
    lines: order.lines.map((l, i) => ({
      lineRef: l.lineSequenceNumber!,
      lineNbr: saved.Details[i].LineNbr.value,
      itemId: saved.Details[i].InventoryID.value,
      qty: l.orderQty!,
      uom: l.orderQtyUOM,
      unitPrice: l.purchasePrice,
    })),
  };
  return linkFor(order, created);
}

async function ship(link: OutboundOrderLink, body: Record<string, unknown> = {}): Promise<string> {
  const reply = await control("POST", `/acumatica/${instance.host}/orders/SO/${link.created.reference}/ship`, body);
  expect(reply.status).toBe(201);
  return reply.json.shipment.ShipmentNbr;
}

async function readShipment(nbr: string): Promise<ErpShipment> {
  const res = await acumaticaFetch(instance, token, "GET", `Shipment/${nbr}?$expand=Details,Packages,Packages/PackageContents,Orders`);
  expect(res.status).toBe(200);
  const mapped = toErpShipment(await readJson(res));
  if (!mapped.ok) throw new Error(mapped.error);
  return mapped.value;
}

async function readInvoice(nbr: string): Promise<ErpInvoice> {
  const res = await acumaticaFetch(instance, token, "GET", `SalesInvoice/Invoice/${nbr}?$expand=Details`);
  expect(res.status).toBe(200);
  const mapped = toErpInvoice(await readJson(res));
  if (!mapped.ok) throw new Error(mapped.error);
  return mapped.value;
}

function shipNotice(shipment: ErpShipment, link: OutboundOrderLink, ssccFor = ssccAllocator().ssccFor) {
  const input = shipNoticeInputFrom({ shipment, orders: [link], partner: partnerFor(link.order), supplier, ssccFor, today: "2026-03-10" });
  if (!input.ok) throw new Error(input.error.reasons.join("\n"));
  expect(checkShipNotice(input.value, [link.order], {})).toEqual({ ok: true });
  const built = buildShipNotice(input.value);
  if (!built.ok) throw new Error(built.error.reasons.join("\n"));
  return { input: input.value, doc: JSON.parse(built.value.json) };
}

describe("an Acumatica shipment", () => {
  it("maps a confirmed cross-dock shipment packed per store, SSCC from CustomRefNbr1, into an 856", async () => {
    const link = await createOrder(fixtureOrder("CrossDock"), "NORTHWIND", "DC0451");
    const own = ssccAllocator(700).ssccFor("own");
    const [l1, l2, l3] = link.created.lines.map((l) => l.lineNbr!);
    const nbr = await ship(link, {
      shipmentDate: "2026-03-10",
      shipVia: "HERONLTL",
      packages: [
        { trackingNbr: "PRO-1", weight: 22.5, customRefNbr1: own, contents: [{ lineNbr: l1, qty: 24 }, { lineNbr: l2, qty: 12 }, { lineNbr: l3, qty: 6 }] },
        { weight: 18, customRefNbr1: "LABEL-2", contents: [{ lineNbr: l1, qty: 12 }, { lineNbr: l2, qty: 12 }, { lineNbr: l3, qty: 6 }] },
        { weight: 11, contents: [{ lineNbr: l1, qty: 12 }, { lineNbr: l2, qty: 6 }] },
      ],
    });
    const shipment = await readShipment(nbr);
    expect(shipment).toMatchObject({ shipmentNbr: nbr, status: "Confirmed", shipped: true, shipDate: "2026-03-10", customerId: "NORTHWIND", shipVia: "HERONLTL", totalWeight: 51.5 });
    expect(shipment.lastModified).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(shipment.lines.map((l) => [l.orderNbr, l.orderLineNbr, l.itemId, l.qty, l.uom])).toEqual([
      [link.created.reference, l1, "CANDLE-LAV-08", 48, "EA"],
      [link.created.reference, l2, "CANDLE-CED-12", 30, "EA"],
      [link.created.reference, l3, "GIFTSET-03", 12, "EA"],
    ]);
    expect(shipment.packages.map((p) => [p.packageId, p.trackingNumber?.startsWith("1Z") ? "1Z…" : p.trackingNumber, p.cartonId, p.weight, p.weightUom])).toEqual([
      ["1", "PRO-1", own, 22.5, "LB"],
      ["2", "1Z…", "LABEL-2", 18, "LB"],
      ["3", "1Z…", undefined, 11, "LB"],
    ]);
    expect(shipment.packages[2]!.contents.map((c) => [c.orderNbr, c.orderLineNbr, c.itemId, c.qty])).toEqual([
      [link.created.reference, l1, "CANDLE-LAV-08", 12],
      [link.created.reference, l2, "CANDLE-CED-12", 6],
    ]);
    // Null values arrive as {} and read as absent.
    expect(shipment.orders).toEqual([{ orderNbr: link.created.reference, orderType: "SO", invoiceNbr: undefined }]);

    const sscc = ssccAllocator(1);
    const { input, doc } = shipNotice(shipment, link, sscc.ssccFor);
    expect(input.orders.map((o) => [o.markFor?.addressLocationNumber, o.cartons!.length])).toEqual([["0112", 1], ["0127", 1], ["0134", 1]]);
    expect(input.orders[0]!.cartons![0]!.sscc).toBe(own);
    expect([...sscc.given.keys()]).toEqual(["2", "3"]); // "LABEL-2" is not an SSCC
    expect(doc.Header.ShipmentHeader).toMatchObject({ ShipmentIdentification: nbr, ShipDate: "2026-03-10" });
    expect(doc.OrderLevel[0].PackLevel[0].Pack).toMatchObject({ PackLevelType: "P", ShippingSerialID: `00${own}`, CarrierPackageID: "PRO-1" });
  });

  it("maps two partial shipments of one order, each into its own 856 with its own quantities", async () => {
    const link = await createOrder(fixtureOrder("BulkImport"), "CREST", "MAIN");
    const [l1, l2, l3, l4] = link.created.lines.map((l) => l.lineNbr!);
    const first = await ship(link, { lines: [{ lineNbr: l1, qty: 48 }, { lineNbr: l4, qty: 96 }] });
    const second = await ship(link); // everything still open, packed 24 units a carton by the simulator
    const a = await readShipment(first);
    const b = await readShipment(second);
    expect(a.lines.map((l) => [l.orderLineNbr, l.qty])).toEqual([[l1, 48], [l4, 96]]);
    expect(b.lines.map((l) => [l.orderLineNbr, l.qty])).toEqual([[l1, 24], [l2, 48], [l3, 24]]);
    expect(b.packages.map((p) => p.contents.reduce((s, c) => s + c.qty, 0))).toEqual([24, 24, 24, 24]);

    const shipped = (doc: any) =>
      doc.OrderLevel.flatMap((o: any) => o.PackLevel.flatMap((p: any) => p.ItemLevel.map((i: any) => [i.ShipmentLine.LineSequenceNumber, i.ShipmentLine.ShipQty])));
    expect(shipped(shipNotice(a, link).doc)).toEqual([["1", 24], ["1", 24], ["4", 24], ["4", 24], ["4", 24], ["4", 24]]);
    const secondDoc = shipNotice(b, link).doc;
    expect(secondDoc.Header.QuantityAndWeight[0].LadingQuantity).toBe(4);
    expect(secondDoc.Header.QuantityTotals[0].Quantity).toBe(96);
  });

  it("maps an unconfirmed (Open) shipment as not shipped", async () => {
    const link = await createOrder(fixtureOrder("DropShip"), "HOMEDIRECT", "MAIN");
    const shipment = await readShipment(await ship(link, { status: "Open" }));
    expect(shipment).toMatchObject({ status: "Open", shipped: false });
  });
});

describe("an Acumatica sales invoice", () => {
  it("maps a released invoice with freight into an 810 that reconciles with Acumatica's total", async () => {
    const link = await createOrder(fixtureOrder("BulkImport"), "CREST", "MAIN");
    const shipmentNbr = await ship(link, { shipmentDate: "2026-03-10" });
    const reply = await control("POST", `/acumatica/${instance.host}/shipments/${shipmentNbr}/invoice`, { freight: 25, date: "2026-03-11" });
    expect(reply.status).toBe(201);
    const invoice = await readInvoice(reply.json.invoice.ReferenceNbr);
    expect(invoice).toMatchObject({
      invoiceType: "Invoice",
      status: "Open",
      released: true,
      credit: false,
      date: "2026-03-11",
      dueDate: "2026-04-10",
      customerId: "CREST",
      customerOrder: "CRM0091734",
      currency: "USD",
      freight: 25,
      taxTotal: 0,
      total: 1665.4,
    });
    // SalesInvoice has no Terms (checked-facts 7a): the outbound source reads the order's or the customer's.
    expect(invoice.terms).toBeUndefined();
    expect(invoice.lines.map((l) => [l.orderNbr, l.orderLineNbr, l.itemId, l.qty, l.unitPrice, l.amount, l.shipmentNbr])).toEqual(
      link.created.lines.map((c) => [link.created.reference, c.lineNbr, c.itemId, c.qty, c.unitPrice, Math.round(c.qty * c.unitPrice! * 100) / 100, shipmentNbr]),
    );

    const draft = invoiceInputFrom({ invoice, orders: [link], partner: partnerFor(link.order), supplier: { remitTo }, shipments: [await readShipment(shipmentNbr)] });
    if (!draft.ok) throw new Error(draft.error.reasons.join("\n"));
    expect(checkInvoice(draft.value.input, [link.order], {}, draft.value.erpAmounts)).toEqual({ ok: true });
    const built = buildInvoice(draft.value.input);
    if (!built.ok) throw new Error(built.error.reasons.join("\n"));
    const doc = JSON.parse(built.value.json);
    expect(doc.Summary).toMatchObject({ TotalAmount: 1665.4, TotalSalesAmount: 1640.4, TotalFreightCharges: 25 });
    expect(doc.Header.InvoiceHeader).toMatchObject({ InvoiceNumber: invoice.invoiceNbr, InternalOrderNumber: link.created.reference, ShipDate: "2026-03-10" });
  });

  it("maps an unreleased (Balanced) invoice as not released, and released once Acumatica releases it", async () => {
    const link = await createOrder(fixtureOrder("DropShip"), "HOMEDIRECT", "MAIN");
    await ship(link);
    const reply = await control("POST", `/acumatica/${instance.host}/orders/SO/${link.created.reference}/invoice`, { release: false });
    const nbr = reply.json.invoice.ReferenceNbr;
    expect(await readInvoice(nbr)).toMatchObject({ status: "Balanced", released: false });
    await control("POST", `/acumatica/${instance.host}/invoices/Invoice/${nbr}/release`);
    expect(await readInvoice(nbr)).toMatchObject({ status: "Open", released: true });
  });

  it("invoicing moves the shipment's status and LastModifiedDateTime but not its fingerprint", async () => {
    const link = await createOrder(fixtureOrder("DropShip"), "HOMEDIRECT", "MAIN");
    const nbr = await ship(link);
    await control("PATCH", `/acumatica/${instance.host}/shipments/${nbr}`, { lastModified: "2026-02-01T00:00:00Z" });
    const before = await readShipment(nbr);
    await control("POST", `/acumatica/${instance.host}/shipments/${nbr}/invoice`, {});
    const after = await readShipment(nbr);
    expect(after.status).toBe("Completed");
    expect(after.orders[0]!.invoiceNbr).toMatch(/^INV/);
    expect(Date.parse(after.lastModified)).toBeGreaterThan(Date.parse(before.lastModified));
    expect(shipmentFingerprint(after)).toBe(shipmentFingerprint(before));

    await control("PATCH", `/acumatica/${instance.host}/shipments/${nbr}`, { packages: [{ lineNbr: 1, fields: { TrackingNbr: "1Z999AA10123456784" } }] });
    expect(shipmentFingerprint(await readShipment(nbr))).not.toBe(shipmentFingerprint(after));
  });
});
