// Ship and invoice through the control API, then read the records the outbound 856 / 810 flows
// read (acumatica.md 4, 6c, 6d): shipments with details, packages and order links; invoices with
// lines linked to order line and shipment; edits and backdating of LastModifiedDateTime.
import { beforeEach, describe, expect, it } from "vitest";
import { acumaticaFetch, acumaticaTokens, control, createAcumaticaInstance, readJson, salesOrderBody, type AcumaticaInstanceInfo } from "./sandbox-control";

let instance: AcumaticaInstanceInfo;
let token: string;
let orderNbr: string;

beforeEach(async () => {
  instance = await createAcumaticaInstance();
  token = (await acumaticaTokens(instance)).access_token;
  const order = await readJson(await acumaticaFetch(instance, token, "PUT", "SalesOrder", salesOrderBody("BB-PO-777")));
  orderNbr = order.OrderNbr.value;
});

const get = (pathAndQuery: string) => acumaticaFetch(instance, token, "GET", pathAndQuery);
const ship = (body: unknown = {}) => control("POST", `/acumatica/${instance.host}/orders/SO/${orderNbr}/ship`, body);
const isUpsTracking = (value: string) => {
  const body = value.slice(2, 17);
  let sum = 0;
  [...body].forEach((ch, i) => {
    const digit = /\d/.test(ch) ? Number(ch) : (ch.charCodeAt(0) - 63) % 10;
    sum += i % 2 === 0 ? digit : 2 * digit;
  });
  return /^1Z[0-9A-Z]{16}$/.test(value) && Number(value[17]) === (10 - (sum % 10)) % 10;
};

describe("shipping an order", () => {
  it("creates a Confirmed shipment the 856 poll finds, with details, packed cartons and the order link", async () => {
    const before = new Date(Date.now() - 1000).toISOString();
    const reply = await ship();
    expect(reply.status).toBe(201);
    const shipmentNbr = reply.json.shipment.ShipmentNbr;
    expect(shipmentNbr).toBe("000001");

    const filter = encodeURIComponent(`LastModifiedDateTime gt datetimeoffset'${before}'`);
    const shipments = await readJson(await get(`Shipment?$filter=${filter}&$expand=Details,Packages,Orders`));
    expect(shipments).toHaveLength(1);
    const shipment = shipments[0];
    expect(shipment).toMatchObject({ ShipmentNbr: { value: "000001" }, Type: { value: "Shipment" }, Status: { value: "Confirmed" }, CustomerID: { value: "BIGBOX" }, LocationID: { value: "ST0010" }, ShippedQty: { value: 42 }, PackageCount: { value: 2 } });
    expect(shipment.Details.map((d: any) => [d.InventoryID.value, d.ShippedQty.value, d.OrderType.value, d.OrderNbr.value, d.OrderLineNbr.value])).toEqual([
      ["DIFFUSER-BAM", 30, "SO", orderNbr, 1],
      ["DIFFUSER-CIT", 12, "SO", orderNbr, 2],
    ]);
    expect(shipment.Packages).toHaveLength(2);
    for (const pkg of shipment.Packages) {
      expect(isUpsTracking(pkg.TrackingNbr.value)).toBe(true);
      expect(pkg.Confirmed).toEqual({ value: true });
      expect(pkg.PackageContents).toBeUndefined();
    }
    expect(shipment.Orders).toEqual([expect.objectContaining({ OrderNbr: { value: orderNbr }, ShipmentNbr: { value: "000001" }, InvoiceNbr: {} })]);

    const withContents = await readJson(await get(`Shipment/${shipmentNbr}?$expand=Packages/PackageContents`));
    const contents = withContents.Packages.flatMap((p: any) => p.PackageContents.map((c: any) => [c.InventoryID.value, c.Quantity.value]));
    expect(contents).toEqual([["DIFFUSER-BAM", 24], ["DIFFUSER-BAM", 6], ["DIFFUSER-CIT", 12]]);

    const order = await readJson(await get(`SalesOrder/SO/${orderNbr}?$expand=Shipments,Details`));
    expect(order.Status).toEqual({ value: "Completed" });
    expect(order.Shipments.map((s: any) => s.ShipmentNbr.value)).toEqual(["000001"]);
    expect(order.Details.map((d: any) => d.OpenQty.value)).toEqual([0, 0]);
  });

  it("allows partial shipments with given packages and refuses to ship more than is open", async () => {
    const first = await ship({
      lines: [{ lineNbr: 1, qty: 10 }],
      packages: [{ trackingNbr: "1Z999AA10123456784", weight: 9.5, customRefNbr1: "00008123450000045017", contents: [{ lineNbr: 1, qty: 10 }] }],
      shipVia: "FEDEXGROUND",
    });
    expect(first.status).toBe(201);
    expect(first.json.shipment.Packages[0]).toMatchObject({ TrackingNbr: "1Z999AA10123456784", Weight: 9.5, CustomRefNbr1: "00008123450000045017" });
    expect(first.json.shipment.ShipVia).toBe("FEDEXGROUND");
    const partial = await readJson(await get(`SalesOrder/SO/${orderNbr}?$expand=Details`));
    expect(partial.Status).toEqual({ value: "Back Order" });
    expect(partial.Details[0].OpenQty).toEqual({ value: 20 });

    expect((await ship({ lines: [{ lineNbr: 1, qty: 21 }] })).status).toBe(409);
    const second = await ship();
    expect(second.status).toBe(201);
    expect(second.json.shipment.Details.map((d: any) => [d.OrderLineNbr, d.ShippedQty])).toEqual([[1, 20], [2, 12]]);
    expect((await ship()).status).toBe(409);
    const shipments = await control("GET", `/acumatica/${instance.host}/shipments`);
    expect(shipments.json.shipments.map((s: any) => s.ShipmentNbr)).toEqual(["000001", "000002"]);
  });
});

describe("invoicing", () => {
  it("invoices a shipment: released, lines linked to order and shipment, amounts from the order price", async () => {
    const shipmentNbr = (await ship()).json.shipment.ShipmentNbr;
    await control("PATCH", `/acumatica/${instance.host}/shipments/${shipmentNbr}`, { lastModified: "2026-02-01T00:00:00Z" });
    const reply = await control("POST", `/acumatica/${instance.host}/shipments/${shipmentNbr}/invoice`, { freight: 25 });
    expect(reply.status).toBe(201);
    expect(reply.json.invoice.ReferenceNbr).toBe("INV000001");

    const filter = encodeURIComponent("Status eq 'Open' and LastModifiedDateTime gt datetimeoffset'2026-01-01T00:00:00Z'");
    const invoices = await readJson(await get(`SalesInvoice?$filter=${filter}&$expand=Details`));
    expect(invoices).toHaveLength(1);
    const invoice = invoices[0];
    expect(invoice).toMatchObject({
      Type: { value: "Invoice" },
      ReferenceNbr: { value: "INV000001" },
      Status: { value: "Open" },
      CustomerID: { value: "BIGBOX" },
      CustomerOrder: { value: "BB-PO-777" },
      DetailTotal: { value: 445.5 },
      FreightPrice: { value: 25 },
      Amount: { value: 470.5 },
      TaxTotal: { value: 0 },
    });
    expect(invoice.Details.map((d: any) => [d.InventoryID.value, d.Qty.value, d.UnitPrice.value, d.Amount.value, d.OrderNbr.value, d.OrderLineNbr.value, d.ShipmentNbr.value])).toEqual([
      ["DIFFUSER-BAM", 30, 10.25, 307.5, orderNbr, 1, shipmentNbr],
      ["DIFFUSER-CIT", 12, 11.5, 138, orderNbr, 2, shipmentNbr],
    ]);
    const byKey = await get("SalesInvoice/Invoice/INV000001");
    expect(byKey.status).toBe(200);
    await byKey.arrayBuffer();

    const shipmentAfter = await readJson(await get(`Shipment/${shipmentNbr}?$expand=Orders`));
    expect(shipmentAfter.Orders[0].InvoiceNbr).toEqual({ value: "INV000001" });
    // Invoicing changes the shipment (status, invoice link), so its LastModifiedDateTime moves.
    expect(Date.parse(shipmentAfter.LastModifiedDateTime.value)).toBeGreaterThan(Date.parse("2026-02-01T00:00:00Z"));
    expect(shipmentAfter.Status).toEqual({ value: "Completed" });
    expect((await control("POST", `/acumatica/${instance.host}/shipments/${shipmentNbr}/invoice`, {})).status).toBe(409);
  });

  it("keeps an unreleased invoice Balanced until it is released", async () => {
    await ship({ lines: [{ lineNbr: 2, qty: 12 }] });
    const reply = await control("POST", `/acumatica/${instance.host}/orders/SO/${orderNbr}/invoice`, { release: false });
    expect(reply.json.invoice).toMatchObject({ Status: "Balanced", Amount: 138 });
    const open = await readJson(await get(`SalesInvoice?$filter=${encodeURIComponent("Status eq 'Open'")}`));
    expect(open).toEqual([]);
    const released = await control("POST", `/acumatica/${instance.host}/invoices/Invoice/${reply.json.invoice.ReferenceNbr}/release`);
    expect(released.json.invoice.Status).toBe("Open");
  });
});

describe("editing records", () => {
  it("bumps LastModifiedDateTime on an edit and sets it on a backdate", async () => {
    const shipmentNbr = (await ship()).json.shipment.ShipmentNbr;
    const backdated = await control("PATCH", `/acumatica/${instance.host}/shipments/${shipmentNbr}`, { lastModified: "2026-02-01T08:30:00Z" });
    expect(backdated.json.LastModifiedDateTime).toBe("2026-02-01T08:30:00+00:00");
    const edited = await control("PATCH", `/acumatica/${instance.host}/shipments/${shipmentNbr}`, {
      fields: { ShipVia: "FEDEX2DAY" },
      packages: [{ lineNbr: 1, fields: { TrackingNbr: "1Z999AA10123456793" } }],
    });
    expect(edited.status).toBe(200);
    expect(Date.parse(edited.json.LastModifiedDateTime)).toBeGreaterThan(Date.parse("2026-02-01T08:30:00Z"));
    const shipment = await readJson(await get(`Shipment/${shipmentNbr}?$expand=Packages`));
    expect(shipment.ShipVia).toEqual({ value: "FEDEX2DAY" });
    expect(shipment.Packages[0].TrackingNbr).toEqual({ value: "1Z999AA10123456793" });
    const bad = await control("PATCH", `/acumatica/${instance.host}/shipments/${shipmentNbr}`, { fields: { NoSuchField: 1 } });
    expect(bad.status).toBe(400);
  });

  it("backdates a sales order's LastModified", async () => {
    const reply = await control("PATCH", `/acumatica/${instance.host}/orders/SO/${orderNbr}`, { lastModified: "2025-12-31T23:59:59.5Z" });
    expect(reply.json.LastModified).toBe("2025-12-31T23:59:59.5+00:00");
    const order = await readJson(await get(`SalesOrder/SO/${orderNbr}`));
    expect(order.LastModified).toEqual({ value: "2025-12-31T23:59:59.5+00:00" });
  });
});
