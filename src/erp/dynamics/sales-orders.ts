// ERP-neutral sales order drafts as F&O writes, and F&O order records as ErpOrders, pure
// (reference/dynamics-365-fo.md §3a, §3b, §7, §9b, §9c). One changeset: the header, then each line
// posted to the header's SalesOrderLines navigation (`$1/SalesOrderLines`), every body carrying
// dataAreaId. The PO goes to CustomersOrderReference, the order key (PO or "PO/store") to
// CustomerRequisitionNumber (entities.ts ORDER_KEY_FIELDS); ErpOrder.orderType is the legal entity and
// each line's number is F&O's LineNumber, which packing slips and invoices lead back to through the
// line's InventoryLotId (outbound-records.ts).
import { ConnectorError } from "../../lib/errors";
import { err, ok, type Result } from "../../lib/result";
import type { ErpOrder, ErpOrderLine, PostalAddress, SalesOrderDraft, SalesOrderLineDraft } from "../adapter";
import type { BatchOperation } from "./batch";
import { EMPTY_DATE_PREFIX, ENTITY_SETS, ORDER_KEY_FIELDS, ORDER_LINES_NAVIGATION, PRICE_LOCK_FIELD } from "./entities";

/** F&O keeps 3-letter country/region ids (fact sheet "Small facts": USA, inferred); the flows hand over ISO alpha-2. */
const ALPHA2_TO_ALPHA3: Record<string, string> = {
  US: "USA", CA: "CAN", MX: "MEX", GB: "GBR", IE: "IRL", AU: "AUS", NZ: "NZL", DE: "DEU", FR: "FRA",
  ES: "ESP", IT: "ITA", NL: "NLD", BE: "BEL", CH: "CHE", AT: "AUT", SE: "SWE", NO: "NOR", DK: "DNK",
  FI: "FIN", PL: "POL", PT: "PRT", CN: "CHN", JP: "JPN", KR: "KOR", IN: "IND", BR: "BRA", PR: "PRI",
};

export function countryRegionId(country: string | undefined): string | undefined {
  const c = country?.trim().toUpperCase();
  if (!c) return undefined;
  return c.length === 2 ? (ALPHA2_TO_ALPHA3[c] ?? c) : c;
}

/** An EDI calendar date as F&O stores dates: that day at 12:00:00Z (a zone is required, §4). */
export function foDate(date: string | undefined): string | undefined {
  return date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T12:00:00Z` : undefined;
}

/** F&O's date back as YYYY-MM-DD; the 1900-01-01 "empty" date (gotcha 4) reads as none. */
export function calendarDate(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(value.trim());
  if (!m || m[1]!.startsWith(EMPTY_DATE_PREFIX)) return undefined;
  return m[1];
}

function defined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined && v !== ""));
}

function deliveryAddress(shipTo: PostalAddress | undefined, locationId: string | undefined): Record<string, unknown> {
  if (shipTo && (shipTo.address1 || shipTo.city)) {
    return {
      IsDeliveryAddressOrderSpecific: "Yes",
      DeliveryAddressName: shipTo.name?.slice(0, 100),
      // F&O's street is one multi-line field.
      DeliveryAddressStreet: [shipTo.address1, shipTo.address2].filter(Boolean).join("\n").slice(0, 250) || undefined,
      DeliveryAddressCity: shipTo.city?.slice(0, 60),
      DeliveryAddressStateId: shipTo.state?.slice(0, 10),
      DeliveryAddressZipCode: shipTo.postalCode?.slice(0, 10),
      DeliveryAddressCountryRegionId: countryRegionId(shipTo.country),
    };
  }
  // A mapped customer location: the customer's own address with that location id.
  return locationId ? { DeliveryAddressLocationId: locationId } : {};
}

/** Int32 CustomersLineNumber from the 850 LineSequenceNumber (PO1-01, §3b), when it is a number. */
function customersLineNumber(lineRef: string, index: number): number {
  const n = Number(lineRef);
  return Number.isInteger(n) && n > 0 && n <= 2_147_483_647 ? n : index + 1;
}

/** The header body of an order (dataAreaId always; the order number only when the connector supplies it). */
function headerBody(draft: SalesOrderDraft, company: string, orderNumber?: string): Record<string, unknown> {
  return defined({
    dataAreaId: company,
    SalesOrderNumber: orderNumber,
    OrderingCustomerAccountNumber: draft.customerId,
    [ORDER_KEY_FIELDS.po]: draft.customerOrder,
    [ORDER_KEY_FIELDS.orderKey]: draft.orderKey,
    CurrencyCode: draft.currency,
    RequestedShippingDate: foDate(draft.requestedOn),
    DefaultLedgerDimensionDisplayValue: draft.financialDimensions,
    ...deliveryAddress(draft.shipTo, draft.customerLocationId),
  });
}

/** A line body; `orderNumber` when the line is posted flat to SalesOrderLines (it names its header). */
function lineBody(draft: SalesOrderDraft, company: string, line: SalesOrderLineDraft, index: number, orderNumber?: string): Record<string, unknown> {
  return defined({
    dataAreaId: company,
    SalesOrderNumber: orderNumber,
    ItemNumber: line.itemId,
    OrderedSalesQuantity: line.qty,
    SalesUnitSymbol: line.uom,
    SalesPrice: line.unitPrice,
    // Keep the EDI price (no re-pricing from trade agreements).
    ...(line.unitPrice !== undefined ? { [PRICE_LOCK_FIELD.name]: "Yes" } : {}),
    LineDescription: line.description?.slice(0, 1000),
    CustomersLineNumber: customersLineNumber(line.lineRef, index),
    RequestedShippingDate: foDate(line.requestedOn ?? draft.requestedOn),
  });
}

export function legalEntityOf(draft: Pick<SalesOrderDraft, "legalEntity">): Result<string, string> {
  const company = draft.legalEntity?.trim().toLowerCase();
  return company ? ok(company) : err("the trading partner has no legal entity (dataAreaId); set legalEntity on the partner");
}

/**
 * The sales order number "own-number" supplies: the prefix, then 10 characters derived from the
 * legal entity and order key (FNV-1a 64-bit, base 36). The same order always gets the same number,
 * so a second header for it is refused by F&O as a duplicate key even if every lookup missed it.
 */
export function ownOrderNumber(prefix: string, company: string, orderKey: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(`${company}\u0000${orderKey}`)) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return `${prefix.toUpperCase()}${hash.toString(36).toUpperCase().padStart(13, "0").slice(-10)}`;
}

/**
 * One changeset writing the whole order: Content-ID 1 the header, 2… the lines in draft order.
 * "navigation" posts the lines to `$1/SalesOrderLines`; "own-number" names the order itself and
 * posts the lines flat with that number. Fails (a value) when the partner has no legal entity.
 */
export function oneCallOperations(draft: SalesOrderDraft, dataUrl: string, form: { mode: "navigation" } | { mode: "own-number"; orderNumber: string }): Result<BatchOperation[], string> {
  const company = legalEntityOf(draft);
  if (!company.ok) return company;
  const orderNumber = form.mode === "own-number" ? form.orderNumber : undefined;
  const operations: BatchOperation[] = [{ method: "POST", url: `${dataUrl}/${ENTITY_SETS.salesOrderHeaders.name}`, contentId: "1", body: headerBody(draft, company.value, orderNumber) }];
  draft.lines.forEach((line, index) => {
    operations.push({
      method: "POST",
      url: form.mode === "navigation" ? `$1/${ORDER_LINES_NAVIGATION}` : `${dataUrl}/${ENTITY_SETS.salesOrderLines.name}`,
      contentId: String(index + 2),
      body: lineBody(draft, company.value, line, index, orderNumber),
    });
  });
  return ok(operations);
}

/** Two-step, first call: the header alone (Content-ID 1); F&O numbers it. */
export function headerOperations(draft: SalesOrderDraft, dataUrl: string): Result<BatchOperation[], string> {
  const company = legalEntityOf(draft);
  if (!company.ok) return company;
  return ok([{ method: "POST", url: `${dataUrl}/${ENTITY_SETS.salesOrderHeaders.name}`, contentId: "1", body: headerBody(draft, company.value) }]);
}

/**
 * Two-step, second call (and the completion of a header whose lines never arrived): the given draft
 * lines (by draft index), each posted flat to SalesOrderLines with the header's number; Content-ID
 * n+1 is the n-th operation.
 */
export function lineOperations(draft: SalesOrderDraft, dataUrl: string, orderNumber: string, indexes: readonly number[]): Result<BatchOperation[], string> {
  const company = legalEntityOf(draft);
  if (!company.ok) return company;
  return ok(
    indexes.map((index, n) => ({
      method: "POST" as const,
      url: `${dataUrl}/${ENTITY_SETS.salesOrderLines.name}`,
      contentId: String(n + 1),
      body: lineBody(draft, company.value, draft.lines[index]!, index, orderNumber),
    })),
  );
}

/**
 * Pairs the draft's lines with the lines an order already has in F&O, by CustomersLineNumber and
 * item (each F&O line used once; ErpOrderLine.lineRef carries CustomersLineNumber): `matched[i]` is draft line i's F&O line, `missing` the draft
 * indexes with none. What completes a header whose lines call was lost: only `missing` is posted.
 */
export function matchLines(draft: SalesOrderDraft, existing: readonly ErpOrderLine[]): { matched: (ErpOrderLine | undefined)[]; missing: number[] } {
  const free = [...existing];
  const matched = draft.lines.map((line, index) => {
    const want = String(customersLineNumber(line.lineRef, index));
    const at = free.findIndex((l) => l.lineRef === want && l.itemId.toLowerCase() === line.itemId.toLowerCase());
    return at < 0 ? undefined : free.splice(at, 1)[0];
  });
  return { matched, missing: matched.flatMap((m, i) => (m ? [] : [i])) };
}

const text = (record: Record<string, unknown>, field: string): string | undefined => {
  const v = record[field];
  return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
};
const number = (record: Record<string, unknown>, field: string): number | undefined => {
  const v = record[field];
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
};

export function toErpOrderLine(line: Record<string, unknown>): ErpOrderLine {
  const priceQuantity = number(line, "SalesPriceQuantity") || 1;
  const price = number(line, "SalesPrice");
  const customersLine = number(line, "CustomersLineNumber");
  return {
    // The 850 line it was written from (CustomersLineNumber): what completing a header matches on.
    lineRef: customersLine === undefined ? undefined : String(customersLine),
    lineNbr: number(line, "LineNumber"),
    itemId: text(line, "ItemNumber") ?? "",
    qty: number(line, "OrderedSalesQuantity") ?? 0,
    uom: text(line, "SalesUnitSymbol"),
    unitPrice: price === undefined ? undefined : price / priceQuantity,
  };
}

/** A header (with its lines, in creation order) as an ErpOrder. */
export function toErpOrder(header: Record<string, unknown>, lines: Record<string, unknown>[]): ErpOrder {
  const ordered = [...lines].sort((a, b) => (number(a, "LineCreationSequenceNumber") ?? 0) - (number(b, "LineCreationSequenceNumber") ?? 0));
  return {
    reference: text(header, "SalesOrderNumber") ?? "",
    orderType: text(header, "dataAreaId")?.toLowerCase(),
    orderKey: text(header, ORDER_KEY_FIELDS.orderKey),
    status: text(header, "SalesOrderStatus"),
    lines: ordered.map(toErpOrderLine),
  };
}

/**
 * The order the changeset created, from its parts' 201 bodies (header, then lines by Content-ID).
 * Anything missing means F&O stored something we cannot describe: uncertain, so a retry looks it up.
 */
export function orderFromChangeset(parts: { contentId: string | undefined; body: Record<string, unknown> }[], lineCount: number, what: string): ErpOrder {
  const byId = new Map(parts.map((p) => [p.contentId, p.body]));
  const header = byId.get("1");
  const lines = Array.from({ length: lineCount }, (_, i) => byId.get(String(i + 2)));
  if (!header || !text(header, "SalesOrderNumber") || lines.some((l) => l === undefined)) {
    throw new ConnectorError("internal", `${what}: F&O answered the changeset without the order number or every line`, { system: "dynamics", uncertain: true });
  }
  const order = toErpOrder(header, []);
  // Draft order, not creation order: Content-ID n+2 is draft line n (toMeta pairs them by index).
  return { ...order, lines: (lines as Record<string, unknown>[]).map(toErpOrderLine) };
}
