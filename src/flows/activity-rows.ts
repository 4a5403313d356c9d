// Inbound 846/852 → activity rows, pure: one row per location, item, period and measure, with the
// retailer's codes kept and the ERP item filled in where the tenant's item mappings know it. The
// qualifier → measure tables are in docs/erp-facts.md ("SPS 846/852 qualifiers") with their source.
import type { InventoryLine, ItemRegistry846 } from "../rsx/inventory-846";
import type { ProductActivity852, ReportLine } from "../rsx/product-activity-852";
import type { Address, RsxDate } from "../rsx/common-groups";
import { itemKeysOf, matchLine, type ItemKey, type ItemMapping } from "./item-matching";

export const MEASURES = ["sold", "on_hand", "on_order", "received", "returned"] as const;
export type Measure = (typeof MEASURES)[number];

/**
 * 852 `ProductActivityReporting/ActivityCode` → measure (ProductActivities.json enumDescriptions:
 * QS "Quantity Sold", QA "Current Inventory Quantity Available for Shipment or Sale", QP "Quantity On
 * Order, Not Yet Received", QR "Quantity Received", QU "Quantity Returned By Consumer").
 */
export const MEASURE_BY_852_CODE: Record<string, Measure> = { QS: "sold", QA: "on_hand", QP: "on_order", QR: "received", QU: "returned" };

/**
 * 846 `QuantitiesSchedulesLocations/QuantityQualifier` → measure (ItemRegistries.json
 * enumDescriptions: 33 "Quantity Available for Sale [Stock Quantity]: on hand for sale or use" (the
 * SPS sample's qualifier), 32 "Quantity Sold", OOR "On Order Quantity", RET "Return Quantity").
 */
export const MEASURE_BY_846_QUALIFIER: Record<string, Measure> = { "33": "on_hand", "32": "sold", OOR: "on_order", RET: "returned" };

/** A qualifier with no measure above is kept under its own code, e.g. "852:QT", never dropped. */
export function measureOf(type: "846" | "852", code: string | undefined): string {
  const table = type === "846" ? MEASURE_BY_846_QUALIFIER : MEASURE_BY_852_CODE;
  const c = (code ?? "").trim();
  return table[c] ?? `${type}:${c || "none"}`;
}

export interface ActivityRow {
  locationCode: string;
  itemCode: string;
  erpItemId: string | null;
  periodStart: string;
  periodEnd: string;
  measure: string;
  quantity: number;
  uom: string | null;
}

export interface ReportPeriod {
  start: string;
  end: string;
}

/** The item's stored code: the first of buyer part, vendor part and GTIN-14, prefixed by its kind. */
export function itemCodeOf(keys: ItemKey[]): string {
  const k = keys[0];
  if (!k) return "none";
  return `${k.kind === "buyer_part" ? "bp" : k.kind === "vendor_part" ? "vp" : "gtin"}:${k.value}`;
}

/** The ItemKey an item code names (for re-mapping stored rows). */
export function itemKeyOfCode(code: string): ItemKey | undefined {
  const m = /^(bp|vp|gtin):(.+)$/.exec(code);
  if (!m) return undefined;
  return { kind: m[1] === "bp" ? "buyer_part" : m[1] === "vp" ? "vendor_part" : "gtin", value: m[2]! };
}

function isoDate(d: string | undefined): string | undefined {
  const t = d?.trim();
  if (!t) return undefined;
  const m = /^(\d{4})-?(\d{2})-?(\d{2})/.exec(t);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

function dated(dates: RsxDate[], qualifier: string): string | undefined {
  return isoDate(dates.find((d) => d.dateTimeQualifier === qualifier)?.date);
}

/** 852: ReportStartDate..ReportEndDate (the end defaults to the start). */
export function periodOf852(report: Pick<ProductActivity852, "header">): ReportPeriod | undefined {
  const start = isoDate(report.header.reportStartDate);
  if (!start) return undefined;
  return { start, end: isoDate(report.header.reportEndDate) ?? start };
}

/** 846: header dates 196 (start) / 197 (end), else InventoryDate (a snapshot: start = end). */
export function periodOf846(registry: Pick<ItemRegistry846, "header" | "dates">): ReportPeriod | undefined {
  const start = dated(registry.dates, "196") ?? isoDate(registry.header.inventoryDate);
  if (!start) return undefined;
  return { start, end: dated(registry.dates, "197") ?? isoDate(registry.header.inventoryDate) ?? start };
}

/** The 846's reporting location when its quantities name none: the WH, else RL, address number. */
export function reportLocationOf846(addresses: Address[]): string {
  for (const type of ["WH", "RL"]) {
    const a = addresses.find((x) => x.addressTypeCode === type && x.addressLocationNumber);
    if (a?.addressLocationNumber) return a.addressLocationNumber.trim();
  }
  return "";
}

export interface Mapper {
  partnerId: string;
  legalEntity: string | null;
  mappings: ItemMapping[];
}

function resolve(line: InventoryLine | ReportLine, mapper: Mapper): { itemCode: string; erpItemId: string | null } {
  const keys = itemKeysOf(line);
  const hit = matchLine(line, mapper.partnerId, mapper.legalEntity, mapper.mappings);
  return { itemCode: itemCodeOf(keys), erpItemId: hit?.erpItemId ?? null };
}

/** The rows of some 852 lines (a slice: the caller pages through a large report). */
export function activityRowsOf852Lines(lines: ReportLine[], period: ReportPeriod, mapper: Mapper): ActivityRow[] {
  const out: ActivityRow[] = [];
  for (const line of lines) {
    const item = resolve(line, mapper);
    for (const act of line.activities) {
      const measure = measureOf("852", act.activityCode);
      const base = { ...item, periodStart: period.start, periodEnd: period.end, measure };
      if (act.locations.length === 0) {
        if (act.totalQty !== undefined) out.push({ ...base, locationCode: "", quantity: act.totalQty, uom: act.totalQtyUOM ?? null });
        continue;
      }
      for (const loc of act.locations) {
        if (loc.locationQty === undefined) continue;
        out.push({ ...base, locationCode: (loc.location ?? "").trim(), quantity: loc.locationQty, uom: loc.locationQtyUOM ?? act.totalQtyUOM ?? null });
      }
    }
  }
  return out;
}

/** The rows of some 846 lines. */
export function activityRowsOf846Lines(lines: InventoryLine[], period: ReportPeriod, reportLocation: string, mapper: Mapper): ActivityRow[] {
  const out: ActivityRow[] = [];
  for (const line of lines) {
    const item = resolve(line, mapper);
    for (const q of line.quantitiesSchedulesLocations) {
      const measure = measureOf("846", q.quantityQualifier);
      const base = { ...item, periodStart: period.start, periodEnd: period.end, measure, uom: q.totalQtyUOM ?? null };
      const located = q.locationQuantities.filter((l) => l.qty !== undefined);
      if (located.length === 0) {
        if (q.totalQty !== undefined) out.push({ ...base, locationCode: reportLocation, quantity: q.totalQty });
        continue;
      }
      for (const l of located) out.push({ ...base, locationCode: (l.location ?? "").trim() || reportLocation, quantity: l.qty! });
    }
  }
  return out;
}

/** The identifiers a slice of lines offers, for one mapping lookup per slice. */
export function itemKeysOfLines(lines: (InventoryLine | ReportLine)[]): ItemKey[] {
  return lines.flatMap((l) => itemKeysOf(l));
}
