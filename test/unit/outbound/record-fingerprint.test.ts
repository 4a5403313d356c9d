// Record fingerprints: stable over the fields a document is built from, blind to status, lastModified and
// the invoice link that invoicing sets, and changed by any quantity, tracking, carton id, date or amount edit.
import { describe, expect, it } from "vitest";
import { canonicalJson, invoiceFingerprint, shipmentFingerprint } from "../../../src/flows/record-fingerprint";
import { invoiceOf, linksOf, packageOf, shipmentOf } from "./outbound-fixtures";

const links = linksOf("BulkImport");
const link = links[0]!;
const shipment = () =>
  shipmentOf(links, {
    packages: [
      packageOf("1", [{ link, lineNbr: 1, qty: 72 }], { trackingNumber: "1ZA", cartonId: "000812345000000017" }),
      packageOf("2", [], { trackingNumber: "1ZB" }),
    ],
  });

describe("shipment fingerprints", () => {
  it("are the same for the same content, and blind to status, lastModified and the invoice link", () => {
    const base = shipment();
    expect(shipmentFingerprint(shipment())).toBe(shipmentFingerprint(base));
    const invoiced = { ...base, status: "Completed", lastModified: "2026-03-12T10:00:00.000Z", orders: base.orders.map((o) => ({ ...o, invoiceNbr: "INV000101" })) };
    expect(shipmentFingerprint(invoiced)).toBe(shipmentFingerprint(base));
    expect(shipmentFingerprint(base)).toMatch(/^shp1:[0-9a-f]{16}$/);
  });

  it.each([
    ["a shipped quantity", (s: ReturnType<typeof shipment>) => void (s.lines[0]!.qty = 71)],
    ["a tracking number", (s: ReturnType<typeof shipment>) => void (s.packages[1]!.trackingNumber = "1ZC")],
    ["a carton id", (s: ReturnType<typeof shipment>) => void (s.packages[0]!.cartonId = "000812345000000024")],
    ["package contents", (s: ReturnType<typeof shipment>) => void (s.packages[0]!.contents[0]!.qty = 70)],
    ["the ship date", (s: ReturnType<typeof shipment>) => void (s.shipDate = "2026-03-11")],
    ["a package weight", (s: ReturnType<typeof shipment>) => void (s.packages[0]!.weight = 11)],
  ])("change with %s", (_what, edit) => {
    const edited = shipment();
    edit(edited);
    expect(shipmentFingerprint(edited)).not.toBe(shipmentFingerprint(shipment()));
  });
});

describe("invoice fingerprints", () => {
  it("are blind to status, release and lastModified, and change with a quantity, price, freight or date", () => {
    const base = invoiceOf(links);
    expect(invoiceFingerprint({ ...base, status: "Closed", released: true, lastModified: "2026-05-01T00:00:00.000Z" })).toBe(invoiceFingerprint(base));
    expect(invoiceFingerprint({ ...base, status: "Balanced", released: false })).toBe(invoiceFingerprint(base));
    const requantified = invoiceOf(links);
    requantified.lines[0]!.qty = 70;
    expect(invoiceFingerprint(requantified)).not.toBe(invoiceFingerprint(base));
    expect(invoiceFingerprint({ ...base, freight: 5 })).not.toBe(invoiceFingerprint(base));
    expect(invoiceFingerprint({ ...base, date: "2026-03-12" })).not.toBe(invoiceFingerprint(base));
    expect(invoiceFingerprint(base)).toMatch(/^inv1:[0-9a-f]{16}$/);
  });
});

describe("canonical JSON", () => {
  it("ignores key order and undefined members", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: undefined }], c: "z" } })).toBe(canonicalJson({ a: { c: "z", d: [1, { y: 2 }] }, b: 1 }));
    expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] }));
  });
});
