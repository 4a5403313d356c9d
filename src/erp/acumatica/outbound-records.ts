// Acumatica Shipment and SalesInvoice records (wrapped, reference/acumatica.md §3, §4, §6c, §6d) mapped
// to the ERP-neutral outbound types, pure. Every Acumatica word this mapping has to guess (status strings,
// the credit memo type, where a carton's SSCC lives) sits in ACUMATICA_OUTBOUND_WORDS and nowhere else.
import { err, ok, type Result } from "../../lib/result";
import type { ErpFulfilmentLine, ErpInvoice, ErpInvoiceLine, ErpPackage, ErpShipment } from "../adapter";
import { numberOf, rowsOf, stringOf } from "./wrapping";

/**
 * The unconfirmed Acumatica vocabulary of the outbound flows, mirroring the sandbox's guesses
 * (sandbox/src/acumatica/unconfirmed.ts). acumatica.md §4 calls the Shipment statuses "inferred" and §6d
 * the SalesInvoice statuses; §8 lists both as open questions. Change them here when a tenant shows the
 * real strings.
 */
export const ACUMATICA_OUTBOUND_WORDS = {
  /** Shipment statuses meaning the goods left: confirmed, then invoiced (unreleased), then completed (released). */
  shippedStatuses: ["Confirmed", "Invoiced", "Completed"],
  /** SalesInvoice statuses of a released invoice (Balanced = prepared, not released). */
  releasedStatuses: ["Open", "Closed"],
  /** SalesInvoice Type values of a credit memo. */
  creditMemoTypes: ["Credit Memo"],
  /** SalesInvoice Type of an ordinary invoice: the first key part of GET SalesInvoice/{Type}/{ReferenceNbr}. */
  invoiceType: "Invoice",
  /**
   * The package field that may hold an SSCC-18 (acumatica.md §4 "Packages": whether CustomRefNbr1 is a
   * reasonable place is inferred; the sandbox ships take `customRefNbr1`).
   */
  ssccField: "CustomRefNbr1",
  /**
   * How a PackageContents row names its shipment line: ShipmentSplitLineNbr equal to the shipment Details
   * LineNbr, as the sandbox does. The real meaning (a split line of that shipment line?) is unconfirmed, so
   * the mapping falls back to InventoryID + OrigOrderNbr when the number does not match a line.
   */
  contentLineField: "ShipmentSplitLineNbr",
} as const;

const SHIPPED: ReadonlySet<string> = new Set(ACUMATICA_OUTBOUND_WORDS.shippedStatuses.map((s) => s.toLowerCase()));
const RELEASED: ReadonlySet<string> = new Set(ACUMATICA_OUTBOUND_WORDS.releasedStatuses.map((s) => s.toLowerCase()));
const CREDIT: ReadonlySet<string> = new Set(ACUMATICA_OUTBOUND_WORDS.creditMemoTypes.map((s) => s.toLowerCase()));

/** Text of a wrapped field; empty and missing (null comes back as `{}`) both read as undefined. */
function textOf(record: unknown, field: string): string | undefined {
  const value = stringOf(record, field)?.trim();
  return value ? value : undefined;
}

/**
 * YYYY-MM-DD of an Acumatica date: the calendar part as the server wrote it ("2025-03-14T00:00:00+00:00"),
 * never shifted to UTC, because document dates are midnight in the server's zone (acumatica.md gotcha 10).
 */
export function acumaticaDate(value: string | undefined): string | undefined {
  const m = value ? /^(\d{4}-\d{2}-\d{2})/.exec(value.trim()) : null;
  return m ? m[1] : undefined;
}

/** An Acumatica timestamp (any offset, up to 7 fraction digits) as an ISO instant; unparseable text is kept. */
export function acumaticaInstant(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(value.trim());
  if (!m) return value;
  const fraction = m[3] ? m[3].slice(0, 4) : "";
  const zone = m[4] ?? "Z";
  const ms = Date.parse(`${m[1]}T${m[2]!.length === 5 ? `${m[2]}:00` : m[2]}${fraction}${zone}`);
  return Number.isNaN(ms) ? value : new Date(ms).toISOString();
}

function byLineNbr(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  // Stable order whatever order the API lists detail rows in, so documents and fingerprints do not churn.
  return rows
    .map((row, index) => ({ row, index, nbr: numberOf(row, "LineNbr") }))
    .sort((a, b) => (a.nbr ?? Number.MAX_SAFE_INTEGER) - (b.nbr ?? Number.MAX_SAFE_INTEGER) || a.index - b.index)
    .map((x) => x.row);
}

function fulfilmentLine(row: Record<string, unknown>, qtyField: string): ErpFulfilmentLine {
  return {
    orderNbr: textOf(row, "OrderNbr") ?? "",
    orderType: textOf(row, "OrderType"),
    orderLineNbr: numberOf(row, "OrderLineNbr"),
    itemId: textOf(row, "InventoryID") ?? "",
    qty: numberOf(row, qtyField) ?? 0,
    uom: textOf(row, "UOM"),
    description: textOf(row, "Description") ?? textOf(row, "TransactionDescr"),
  };
}

/** A PackageContents row as a fulfilment line, linked to its order line through the shipment line it packs. */
function contentLine(row: Record<string, unknown>, details: Record<string, unknown>[]): ErpFulfilmentLine {
  const itemId = textOf(row, "InventoryID") ?? "";
  const origOrderNbr = textOf(row, "OrigOrderNbr");
  const origOrderType = textOf(row, "OrigOrderType");
  const splitLine = numberOf(row, ACUMATICA_OUTBOUND_WORDS.contentLineField);
  const sameItem = (d: Record<string, unknown>) =>
    textOf(d, "InventoryID") === itemId && (origOrderNbr === undefined || textOf(d, "OrderNbr") === origOrderNbr);
  const byNumber = splitLine === undefined ? undefined : details.find((d) => numberOf(d, "LineNbr") === splitLine && sameItem(d));
  const candidates = details.filter(sameItem);
  const detail = byNumber ?? (candidates.length === 1 ? candidates[0] : undefined);
  return {
    orderNbr: (detail && textOf(detail, "OrderNbr")) ?? origOrderNbr ?? "",
    orderType: (detail && textOf(detail, "OrderType")) ?? origOrderType,
    // Undefined when two shipment lines of the same order carry this item: the flow then says so.
    orderLineNbr: detail ? numberOf(detail, "OrderLineNbr") : undefined,
    itemId,
    qty: numberOf(row, "Quantity") ?? 0,
    uom: textOf(row, "UOM"),
  };
}

function shipmentPackage(row: Record<string, unknown>, details: Record<string, unknown>[], index: number): ErpPackage {
  return {
    packageId: textOf(row, "LineNbr") ?? `row${index + 1}`,
    trackingNumber: textOf(row, "TrackingNbr"),
    cartonId: textOf(row, ACUMATICA_OUTBOUND_WORDS.ssccField),
    weight: numberOf(row, "Weight"),
    weightUom: textOf(row, "UOM"),
    boxType: textOf(row, "BoxID"),
    contents: rowsOf(row, "PackageContents").map((c) => contentLine(c, details)),
  };
}

/** A Shipment read with `$expand=Details,Packages,Packages/PackageContents,Orders` (acumatica.md §4, §6c). */
export function toErpShipment(record: Record<string, unknown>): Result<ErpShipment, string> {
  const shipmentNbr = textOf(record, "ShipmentNbr");
  if (shipmentNbr === undefined) return err("Acumatica returned a Shipment record without ShipmentNbr");
  const status = textOf(record, "Status") ?? "";
  const details = byLineNbr(rowsOf(record, "Details"));
  return ok({
    shipmentNbr,
    status,
    shipped: SHIPPED.has(status.toLowerCase()),
    shipDate: acumaticaDate(textOf(record, "ShipmentDate")),
    customerId: textOf(record, "CustomerID"),
    shipVia: textOf(record, "ShipVia"),
    // The Default endpoint has no SCAC, bill of lading or PRO number on Shipment (acumatica.md §4).
    carrierCode: undefined,
    billOfLading: undefined,
    proNumber: undefined,
    totalWeight: numberOf(record, "ShippedWeight") ?? numberOf(record, "PackageWeight"),
    weightUom: undefined,
    lines: details.map((d) => fulfilmentLine(d, "ShippedQty")),
    packages: byLineNbr(rowsOf(record, "Packages")).map((p, i) => shipmentPackage(p, details, i)),
    orders: rowsOf(record, "Orders").map((o) => ({
      orderNbr: textOf(o, "OrderNbr") ?? "",
      orderType: textOf(o, "OrderType"),
      invoiceNbr: textOf(o, "InvoiceNbr"),
    })),
    lastModified: acumaticaInstant(textOf(record, "LastModifiedDateTime")) ?? "",
  });
}

function invoiceLine(row: Record<string, unknown>): ErpInvoiceLine {
  const qty = numberOf(row, "Qty") ?? 0;
  const unitPrice = numberOf(row, "UnitPrice") ?? 0;
  return {
    ...fulfilmentLine(row, "Qty"),
    description: textOf(row, "TransactionDescr") ?? textOf(row, "Description"),
    shipmentNbr: textOf(row, "ShipmentNbr"),
    unitPrice,
    // The ERP's own amount (after any line discount): compliance compares it with qty × price.
    amount: numberOf(row, "Amount") ?? qty * unitPrice,
  };
}

/** A SalesInvoice read with `$expand=Details` (acumatica.md §4 "SalesInvoice", §6d). */
export function toErpInvoice(record: Record<string, unknown>): Result<ErpInvoice, string> {
  const invoiceNbr = textOf(record, "ReferenceNbr");
  if (invoiceNbr === undefined) return err("Acumatica returned a SalesInvoice record without ReferenceNbr");
  const status = textOf(record, "Status") ?? "";
  const type = textOf(record, "Type");
  const date = acumaticaDate(textOf(record, "Date"));
  if (date === undefined) return err(`Acumatica SalesInvoice ${invoiceNbr} has no Date`);
  return ok({
    invoiceNbr,
    invoiceType: type,
    status,
    released: RELEASED.has(status.toLowerCase()),
    credit: type !== undefined && CREDIT.has(type.toLowerCase()),
    date,
    dueDate: acumaticaDate(textOf(record, "DueDate")),
    customerId: textOf(record, "CustomerID"),
    customerOrder: textOf(record, "CustomerOrder"),
    // SalesInvoice has no Terms in any Default version (checked-facts 7a): outbound-source.ts reads them from the order or customer.
    currency: textOf(record, "Currency") ?? textOf(record, "CurrencyID"),
    lines: byLineNbr(rowsOf(record, "Details")).map(invoiceLine),
    freight: numberOf(record, "FreightPrice"),
    taxTotal: numberOf(record, "TaxTotal"),
    discountTotal: numberOf(record, "DiscountTotal"),
    total: numberOf(record, "Amount") ?? 0,
    lastModified: acumaticaInstant(textOf(record, "LastModifiedDateTime")) ?? "",
  });
}
