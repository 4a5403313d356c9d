// F&O posted documents mapped to the ERP-neutral outbound types, pure (reference/dynamics-365-fo.md
// §3d–3f, §8 gotcha 2). A packing slip (CustPackingSlipJourBiEntities + its Trans lines + its
// PackingSlipTrackingInformation rows) becomes an ErpShipment; an invoice (SalesInvoiceHeadersV2 with
// its SalesInvoiceLinesV2, joined to CustInvoiceTransBiEntities for each line's InventTransId) an
// ErpInvoice; a confirmation journal an ErpOrderConfirmation. Lines lead back to the sales order line
// through InventTransId = the line's InventoryLotId, and take that line's LineNumber, the number the
// 850's CreatedOrderMeta recorded. Posted journals are final: shipped / released are always true.
import { err, ok, type Result } from "../../lib/result";
import type { ErpFulfilmentLine, ErpInvoice, ErpInvoiceLine, ErpOrderConfirmation, ErpPackage, ErpShipment } from "../adapter";
import { DYNAMICS_OUTBOUND_WORDS } from "./entities";
import { calendarDate } from "./sales-orders";

type Row = Record<string, unknown>;

const text = (row: Row, field: string): string | undefined => {
  const v = row[field];
  return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
};
const number = (row: Row, field: string): number | undefined => {
  const v = row[field];
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
};
const company = (row: Row): string => (text(row, "dataAreaId") ?? "").toLowerCase();
const same = (a: string | undefined, b: string | undefined) => (a ?? "").toLowerCase() === (b ?? "").toLowerCase();

/** Sales order lines by "company|InventoryLotId" (lower-case), to find a line's LineNumber. */
export type OrderLineIndex = Map<string, Row>;

export function indexOrderLines(lines: readonly Row[]): OrderLineIndex {
  return new Map(lines.map((l) => [`${company(l)}|${(text(l, "InventoryLotId") ?? "").toLowerCase()}`, l]));
}

function orderLineOf(index: OrderLineIndex, dataAreaId: string, inventTransId: string | undefined): Row | undefined {
  return inventTransId === undefined ? undefined : index.get(`${dataAreaId}|${inventTransId.toLowerCase()}`);
}

/**
 * The change time of a posted document for the poll's watermark: its creation stamp when F&O gives
 * one, else its document date at noon, never later than `nowMs` (a post-dated document must not
 * move the watermark past records still to come).
 */
export function postedAt(createdOn: unknown, documentDate: string | undefined, nowMs: number): string {
  const stamp = typeof createdOn === "string" && !createdOn.startsWith("1900-") ? Date.parse(createdOn) : Number.NaN;
  const fallback = documentDate ? Date.parse(`${documentDate}T12:00:00Z`) : nowMs;
  const ms = Number.isNaN(stamp) ? fallback : stamp;
  return new Date(Math.min(ms, nowMs)).toISOString();
}

export interface PackingSlipSource {
  header: Row;
  /** CustPackingSlipTransBiEntities rows of this packing slip. */
  lines: Row[];
  /** PackingSlipTrackingInformation rows of this packing slip. */
  tracking: Row[];
  orderLines: OrderLineIndex;
  nowMs: number;
}

export function toErpShipment(source: PackingSlipSource): Result<ErpShipment, string> {
  const { header } = source;
  const shipmentNbr = text(header, "PackingSlipId");
  if (shipmentNbr === undefined) return err("F&O returned a packing slip without PackingSlipId");
  const dataAreaId = company(header);
  const salesId = text(header, "SalesId") ?? "";
  const lines: ErpFulfilmentLine[] = [...source.lines]
    .sort((a, b) => (number(a, "LineNum") ?? 0) - (number(b, "LineNum") ?? 0) || (text(a, "InventTransId") ?? "").localeCompare(text(b, "InventTransId") ?? ""))
    .map((l) => {
      const orderLine = orderLineOf(source.orderLines, dataAreaId, text(l, "InventTransId"));
      return {
        orderNbr: text(l, "SalesId") ?? salesId,
        orderType: dataAreaId,
        // Unknown when the order line is gone; the flow then falls back to the item.
        orderLineNbr: orderLine ? number(orderLine, "LineNumber") : undefined,
        itemId: text(l, "ItemId") ?? "",
        qty: number(l, "Qty") ?? 0,
        uom: text(l, "SalesUnit"),
        description: text(l, "Name"),
      };
    });
  // F&O's packing slip says nothing about cartons; each tracking number is one parcel whose contents
  // the flow assigns (outbound-ship-notice.ts "Packing when the ERP does not say").
  const trackingNumbers = [...new Set(source.tracking.map((t) => text(t, "TrackingNumber")).filter((t): t is string => t !== undefined))].sort();
  const packages: ErpPackage[] = trackingNumbers.map((trackingNumber) => ({ packageId: trackingNumber, trackingNumber, contents: [] }));
  const weight = number(header, "Weight");
  const shipDate = calendarDate(header.DeliveryDate);
  const orderNbrs = [...new Set([salesId, ...lines.map((l) => l.orderNbr)].filter(Boolean))];
  return ok({
    shipmentNbr,
    status: DYNAMICS_OUTBOUND_WORDS.posted,
    shipped: true,
    shipDate,
    customerId: text(header, "OrderAccount"),
    // The carrier when the packing slip names one, else the mode of delivery (both map through the
    // tenant's carrierScacByShipVia).
    shipVia: text(header, "ShipCarrierId") ?? text(header, "DlvMode"),
    carrierCode: undefined,
    billOfLading: text(header, "BillOfLadingId"),
    proNumber: undefined,
    totalWeight: weight !== undefined && weight > 0 ? weight : undefined,
    weightUom: undefined,
    lines,
    packages,
    orders: orderNbrs.map((orderNbr) => ({ orderNbr, orderType: dataAreaId })),
    lastModified: postedAt(header.CreatedOn, shipDate, source.nowMs),
  });
}

export interface InvoiceSource {
  header: Row;
  /** SalesInvoiceLinesV2 of the header (no link to the order line). */
  lines: Row[];
  /** CustInvoiceTransBiEntities rows of this invoice, when the tenant has the entity (with InventTransId). */
  biLines: Row[] | undefined;
  orderLines: OrderLineIndex;
  nowMs: number;
  /** CreatedOn of the invoice's journal (CustInvoiceJourBiEntities) when the poll read it: the watermark. */
  postedOn?: unknown;
}

/**
 * Pairs each invoice line with its BI line (CustInvoiceTransBiEntities, which carries InventTransId).
 * Exactly, first: SalesInvoiceV2Lines and the BI entity share the key parts dataAreaId, invoice
 * number, InvoiceDate and LineCreationSequenceNumber (published $metadata; that the two sequence
 * numbers are equal is inferred, docs/erp-facts.md). A line the key does not pair (a build without
 * the field, or numbers that differ) falls back to a heuristic: same item with the same quantity and
 * amount, then the same quantity, then any. `heuristic` counts those lines, and the audit says so.
 */
export function pairBiLines(lines: Row[], biLines: Row[]): { pairs: (Row | undefined)[]; heuristic: number } {
  const unused = [...biLines];
  const take = (pred: (b: Row) => boolean): Row | undefined => {
    const i = unused.findIndex(pred);
    return i < 0 ? undefined : unused.splice(i, 1)[0];
  };
  const pairs: (Row | undefined)[] = lines.map((l) => {
    const seq = number(l, "LineCreationSequenceNumber");
    const date = calendarDate(l.InvoiceDate);
    if (seq === undefined) return undefined;
    return take((b) => number(b, "LineCreationSequenceNumber") === seq && (date === undefined || calendarDate(b.InvoiceDate) === undefined || calendarDate(b.InvoiceDate) === date));
  });
  let heuristic = 0;
  const passes: ((l: Row, b: Row) => boolean)[] = [
    (l, b) => number(l, "InvoicedQuantity") === number(b, "Qty") && number(l, "LineAmount") === number(b, "LineAmount"),
    (l, b) => number(l, "InvoicedQuantity") === number(b, "Qty"),
    () => true,
  ];
  for (const pass of passes) {
    lines.forEach((l, i) => {
      if (pairs[i] !== undefined) return;
      pairs[i] = take((b) => same(text(b, "ItemId"), text(l, "ProductNumber")) && pass(l, b));
      if (pairs[i] !== undefined) heuristic++;
    });
  }
  return { pairs, heuristic };
}

export function toErpInvoice(source: InvoiceSource): Result<ErpInvoice, string> {
  const { header } = source;
  const invoiceNbr = text(header, "InvoiceNumber");
  if (invoiceNbr === undefined) return err("F&O returned an invoice without InvoiceNumber");
  const date = calendarDate(header.InvoiceDate);
  if (date === undefined) return err(`F&O invoice ${invoiceNbr} has no InvoiceDate`);
  const dataAreaId = company(header);
  const orderNbr = text(header, "SalesOrderNumber") ?? "";
  const ordered = [...source.lines].sort((a, b) => (number(a, "LineCreationSequenceNumber") ?? 0) - (number(b, "LineCreationSequenceNumber") ?? 0));
  const paired = source.biLines ? pairBiLines(ordered, source.biLines) : { pairs: ordered.map(() => undefined), heuristic: 0 };
  const bi = paired.pairs;
  const notes: string[] = [];
  if (paired.heuristic > 0) {
    notes.push(`${paired.heuristic} of ${ordered.length} invoice lines were tied to their order lines by item and quantity: F&O's invoice lines and CustInvoiceTransBiEntities did not share LineCreationSequenceNumber for them`);
  }
  if (!source.biLines && ordered.length > 0) notes.push("CustInvoiceTransBiEntities is not published: invoice lines are tied to order lines by item only");
  const lines: ErpInvoiceLine[] = ordered.map((l, i) => {
    const biLine = bi[i];
    const orderLine = orderLineOf(source.orderLines, dataAreaId, biLine ? text(biLine, "InventTransId") : undefined);
    const qty = number(l, "InvoicedQuantity") ?? 0;
    const unitPrice = number(l, "SalesPrice") ?? 0;
    return {
      orderNbr: (biLine && text(biLine, "SalesId")) ?? orderNbr,
      orderType: dataAreaId,
      orderLineNbr: orderLine ? number(orderLine, "LineNumber") : undefined,
      itemId: text(l, "ProductNumber") ?? "",
      qty,
      uom: text(l, "SalesUnitSymbol"),
      description: text(l, "ProductDescription") ?? text(l, "ProductName"),
      // F&O invoice lines name no packing slip (§3f): the 810 goes without ship date and carton count.
      shipmentNbr: undefined,
      unitPrice,
      amount: number(l, "LineAmount") ?? Math.round(qty * unitPrice * 100) / 100,
    };
  });
  const total = number(header, "TotalInvoiceAmount") ?? 0;
  const positive = (n: number | undefined) => (n !== undefined && n > 0 ? n : undefined);
  return ok({
    invoiceNbr,
    // The legal entity: what getInvoice needs besides the number (adapter.ts ErpInvoice.invoiceType).
    invoiceType: dataAreaId,
    status: DYNAMICS_OUTBOUND_WORDS.posted,
    released: true,
    credit: total < 0,
    date,
    dueDate: undefined,
    customerId: text(header, "InvoiceCustomerAccountNumber"),
    customerOrder: text(header, "CustomersOrderReference"),
    terms: text(header, "PaymentTermsName"),
    currency: text(header, "CurrencyCode"),
    lines,
    freight: positive(number(header, "TotalChargeAmount")),
    taxTotal: positive(number(header, "TotalTaxAmount")),
    discountTotal: positive(number(header, "TotalDiscountAmount")),
    total,
    lastModified: postedAt(source.postedOn, date, source.nowMs),
    ...(notes.length ? { notes } : {}),
  });
}

export function toErpOrderConfirmation(row: Row, nowMs: number): Result<ErpOrderConfirmation, string> {
  const confirmationNbr = text(row, "ConfirmationNumber");
  const orderNbr = text(row, "SalesOrderNumber");
  const date = calendarDate(row.ConfirmationDate);
  if (confirmationNbr === undefined || orderNbr === undefined || date === undefined) return err("F&O returned a confirmation without number, order or date");
  return ok({ confirmationNbr, orderNbr, orderType: company(row), date, lastModified: postedAt(undefined, date, nowMs) });
}
