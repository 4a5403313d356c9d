// Fingerprints of ERP shipments and invoices over the fields their 856 / 810 is built from, pure and
// synchronous: a record that changed only in status or LastModifiedDateTime (invoicing a shipment bumps
// both: sandbox/README.md "Shipping and invoicing") keeps its fingerprint, so a poll that sees it
// again can tell "same document" from "changed after delivery" (design.md §3 `held`).
import type { ErpFulfilmentLine, ErpInvoice, ErpShipment } from "../erp/adapter";

/** JSON with object keys sorted and undefined members dropped: equal data, equal text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? "null" : canonicalJson(v))).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK64 = 0xffffffffffffffffn;

/** FNV-1a 64 over UTF-8, as 16 hex digits: a change detector, not a security hash. */
function fnv1a64(text: string): string {
  let hash = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * FNV_PRIME) & MASK64;
  }
  return hash.toString(16).padStart(16, "0");
}

function lineFields(l: ErpFulfilmentLine) {
  return { orderNbr: l.orderNbr, orderType: l.orderType, orderLineNbr: l.orderLineNbr, itemId: l.itemId, qty: l.qty, uom: l.uom };
}

/** What an 856 is built from: dates, carrier, weights, lines, packages (tracking, carton id, contents), orders. Not status, lastModified or invoice links. */
export function shipmentContent(s: ErpShipment): unknown {
  return {
    shipmentNbr: s.shipmentNbr,
    shipDate: s.shipDate,
    customerId: s.customerId,
    shipVia: s.shipVia,
    carrierCode: s.carrierCode,
    billOfLading: s.billOfLading,
    proNumber: s.proNumber,
    totalWeight: s.totalWeight,
    weightUom: s.weightUom,
    lines: s.lines.map(lineFields),
    packages: s.packages.map((p) => ({
      packageId: p.packageId,
      trackingNumber: p.trackingNumber,
      cartonId: p.cartonId,
      weight: p.weight,
      weightUom: p.weightUom,
      boxType: p.boxType,
      contents: p.contents.map(lineFields),
    })),
    // The invoice number on an order link is set by invoicing and is not part of the 856.
    orders: s.orders.map((o) => ({ orderNbr: o.orderNbr, orderType: o.orderType })),
  };
}

/** What an 810 is built from: number, type, dates, terms, lines with prices and amounts, freight, tax, discount, total. Not status, released or lastModified. */
export function invoiceContent(i: ErpInvoice): unknown {
  return {
    invoiceNbr: i.invoiceNbr,
    invoiceType: i.invoiceType,
    credit: i.credit,
    date: i.date,
    dueDate: i.dueDate,
    customerId: i.customerId,
    customerOrder: i.customerOrder,
    terms: i.terms,
    currency: i.currency,
    lines: i.lines.map((l) => ({ ...lineFields(l), shipmentNbr: l.shipmentNbr, unitPrice: l.unitPrice, amount: l.amount })),
    freight: i.freight,
    taxTotal: i.taxTotal,
    discountTotal: i.discountTotal,
    total: i.total,
  };
}

export function shipmentFingerprint(s: ErpShipment): string {
  return `shp1:${fnv1a64(canonicalJson(shipmentContent(s)))}`;
}

export function invoiceFingerprint(i: ErpInvoice): string {
  return `inv1:${fnv1a64(canonicalJson(invoiceContent(i)))}`;
}
