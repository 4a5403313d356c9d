// The outbound 846 feed, pure: the items mapped for a partner, the ERP's available quantity per item
// and warehouse, and the partner's rules (warehouses that count, safety stock, a maximum, discontinued
// items at 0) → the quantity advertised per item, with the retailer's identifiers for the file.
import type { ErpAvailability } from "../erp/adapter";
import type { InventoryFeedRules } from "../db/partners";
import type { ItemMapping } from "./item-matching";

export interface FeedItem {
  erpItemId: string;
  buyerPartNumber?: string | undefined;
  vendorPartNumber?: string | undefined;
  /** UPC-A when the stored GTIN-14 is one (two leading zeros), else the GTIN-14. */
  upc?: string | undefined;
  gtin?: string | undefined;
}

export interface FeedLine extends FeedItem {
  /** Available in the warehouses that count, before the rules. */
  available: number;
  /** What the 846 advertises. */
  quantity: number;
  /** Why the quantity differs from `available`, for the document page. */
  note?: string | undefined;
}

/** The items mapped for the partner (its own and "any" mappings), one entry per ERP item. */
export function feedItemsOf(mappings: ItemMapping[], partnerId: string): FeedItem[] {
  const byItem = new Map<string, FeedItem>();
  for (const m of mappings) {
    if (m.partnerId !== partnerId && m.partnerId !== "*") continue;
    const item = byItem.get(m.erpItemId) ?? { erpItemId: m.erpItemId };
    if (m.kind === "buyer_part" && m.partnerId === partnerId) item.buyerPartNumber ??= m.value;
    if (m.kind === "vendor_part") item.vendorPartNumber ??= m.value;
    if (m.kind === "gtin") {
      if (m.value.startsWith("00")) item.upc ??= m.value.slice(2);
      else item.gtin ??= m.value;
    }
    byItem.set(m.erpItemId, item);
  }
  return [...byItem.values()].sort((a, b) => a.erpItemId.localeCompare(b.erpItemId));
}

export function planInventoryFeed(items: FeedItem[], availability: ErpAvailability[], rules: InventoryFeedRules): FeedLine[] {
  const counts = rules.warehouses && rules.warehouses.length > 0 ? new Set(rules.warehouses.map((w) => w.toUpperCase())) : undefined;
  const totals = new Map<string, number>();
  for (const a of availability) {
    if (counts && !counts.has(a.warehouse.toUpperCase())) continue;
    totals.set(a.itemId, (totals.get(a.itemId) ?? 0) + Math.max(0, a.available));
  }
  const discontinued = new Set(rules.discontinued ?? []);
  return items.map((item) => {
    const available = totals.get(item.erpItemId) ?? 0;
    if (discontinued.has(item.erpItemId)) return { ...item, available, quantity: 0, note: "discontinued" };
    const notes: string[] = [];
    let quantity = available;
    if (rules.safetyStock) {
      quantity = Math.max(0, quantity - rules.safetyStock);
      notes.push(`safety stock ${rules.safetyStock}`);
    }
    if (rules.maxAdvertised !== undefined && quantity > rules.maxAdvertised) {
      quantity = rules.maxAdvertised;
      notes.push(`capped at ${rules.maxAdvertised}`);
    }
    return { ...item, available, quantity: Math.floor(quantity), ...(notes.length ? { note: notes.join(", ") } : {}) };
  });
}

/** The run a time falls in: one 846 per partner per run (the dedup key with the partner). */
export function feedRunOf(nowMs: number, everyHours: number): { run: string; startsAt: number } {
  const period = everyHours * 3_600_000;
  const startsAt = Math.floor(nowMs / period) * period;
  return { run: new Date(startsAt).toISOString().slice(0, 16).replace(/[-:]/g, ""), startsAt };
}
