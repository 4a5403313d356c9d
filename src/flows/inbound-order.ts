// The mapping rules of the main flow, pure: a parsed 850 plus the tenant's partner and item
// mappings become ERP-neutral sales order drafts (one per ship-to store for multi-store orders
// unless the partner keeps them together), or the list of mappings that are missing.
import type { ItemMapping } from "./item-matching";
import type { PartnerRules } from "../db/partners";
import type { SalesOrderDraft, SalesOrderLineDraft } from "../erp/adapter";
import { err, ok, type Result } from "../lib/result";
import type { Address } from "../rsx/common-groups";
import { addressByType, addressesByType, dateByQualifier, orderLineKey, orderShape, type OrderShape } from "../rsx/order-850-queries";
import type { Order850, OrderLine } from "../rsx/order-850";
import { describeIdentifiers, matchLine } from "./item-matching";
import { toPostalAddress } from "./postal-address";

export interface PartnerMapping {
  partnerId: string;
  customerId: string;
  customerLocationId: string | null;
  legalEntity: string | null;
  rules: PartnerRules;
}

export interface PlannedLine {
  /** The 850 line key (LineSequenceNumber or position). */
  lineRef: string;
  itemId: string;
  qty: number;
  uom?: string | undefined;
  unitPrice?: number | undefined;
}

export interface PlannedOrder {
  draft: SalesOrderDraft;
  /** Retailer store/DC the order ships to, when split by store. */
  shipToLocation?: string | undefined;
}

export interface SalesOrderPlan {
  shape: OrderShape;
  orders: PlannedOrder[];
  /** Lines left out (zero quantity), for the audit trail. */
  skippedLines: string[];
}

export type PlanFailure = { kind: "needs_mapping"; reasons: string[] } | { kind: "invalid"; reasons: string[] };

/** Requested ship date: 010 requested ship, else 037 ship not before, else 002 requested delivery. */
export function requestedDate(order: Order850): string | undefined {
  return dateByQualifier(order, "010") ?? dateByQualifier(order, "037") ?? dateByQualifier(order, "002");
}

function round(n: number, places: number): number {
  const f = 10 ** places;
  return Math.round(n * f) / f;
}

interface MappedLine {
  line: OrderLine;
  lineRef: string;
  mapping: ItemMapping;
}

function toDraftLine(m: MappedLine, qty: number): SalesOrderLineDraft {
  const factor = m.mapping.uomFactor ?? 1;
  const description = m.line.productDescriptions.find((d) => d.productDescription)?.productDescription;
  return {
    lineRef: m.lineRef,
    itemId: m.mapping.erpItemId,
    qty: round(qty * factor, 6),
    uom: m.mapping.uom ?? m.line.orderQtyUOM,
    unitPrice: m.line.purchasePrice !== undefined ? round(m.line.purchasePrice / factor, 6) : undefined,
    description: description ?? (m.line.buyerPartNumber ? `Buyer item ${m.line.buyerPartNumber}` : undefined),
    requestedOn: dateByQualifier(m.line, "010") ?? dateByQualifier(m.line, "037") ?? m.line.shipDate,
  };
}

/** The ship-to of a location number: a mapped customer location, else the 850's address for it. */
function shipToFor(
  order: Order850,
  partner: PartnerMapping,
  location: string | undefined,
  address: Address | undefined,
): Result<{ customerLocationId?: string | undefined; address?: Address | undefined }, string> {
  const mapped = location ? partner.rules.shipToLocations?.[location] : undefined;
  if (mapped) return ok({ customerLocationId: mapped });
  if (address && (address.address1 || address.city)) return ok({ customerLocationId: partner.customerLocationId ?? undefined, address });
  if (!location) return ok({ customerLocationId: partner.customerLocationId ?? undefined });
  return err(
    `Ship-to location ${location} of PO ${order.header.purchaseOrderNumber} has no address in the 850 and no customer location; add it to the partner's rules.shipToLocations`,
  );
}

export function planSalesOrders(order: Order850, partner: PartnerMapping, mappings: ItemMapping[]): Result<SalesOrderPlan, PlanFailure> {
  const po = order.header.purchaseOrderNumber;
  const shape = orderShape(order);
  const missing: string[] = [];
  const mapped: MappedLine[] = [];
  const skippedLines: string[] = [];
  order.lines.forEach((line, index) => {
    const lineRef = orderLineKey(line, index);
    if (!line.orderQty || line.orderQty <= 0) {
      skippedLines.push(lineRef);
      return;
    }
    const mapping = matchLine(line, partner.partnerId, partner.legalEntity, mappings);
    if (!mapping) {
      missing.push(`Line ${lineRef} (${describeIdentifiers(line)}) matches no item mapping; PUT /v1/tenants/…/items with one of these identifiers`);
      return;
    }
    mapped.push({ line, lineRef, mapping });
  });
  if (missing.length > 0) return err({ kind: "needs_mapping", reasons: missing });
  if (mapped.length === 0) return err({ kind: "invalid", reasons: [`PO ${po} has no line with a quantity above zero`] });

  const header = {
    customerId: partner.customerId,
    legalEntity: partner.legalEntity ?? undefined,
    customerOrder: po,
    orderDate: order.header.purchaseOrderDate ?? undefined,
    requestedOn: requestedDate(order),
    cancelBy: dateByQualifier(order, "001") ?? dateByQualifier(order, "038"),
    currency: order.header.buyersCurrency,
    financialDimensions: partner.rules.financialDimensions,
    note: order.notes.map((n) => n.note).filter(Boolean).join("\n") || undefined,
  };
  const describe = (suffix: string) => `EDI 850 ${shape} PO ${po}${suffix}`;
  const headerShipTo = addressByType(order, "ST");
  const contact = order.contacts.find((c) => c.contactTypeCode === "RE" || c.contactTypeCode === "SC") ?? undefined;

  const splitByStore = shape === "MultiStore" && partner.rules.splitByShipTo !== false;
  if (!splitByStore) {
    const shipTo = shipToFor(order, partner, headerShipTo?.addressLocationNumber, headerShipTo);
    if (!shipTo.ok) return err({ kind: "needs_mapping", reasons: [shipTo.error] });
    const dropShip = shape === "DropShip";
    return ok({
      shape,
      skippedLines,
      orders: [
        {
          draft: {
            ...header,
            orderKey: po,
            orderDate: header.orderDate ?? "",
            description: describe(dropShip && order.header.customerOrderNumber ? ` consumer order ${order.header.customerOrderNumber}` : ""),
            customerLocationId: shipTo.value.customerLocationId,
            shipTo: shipTo.value.address ? toPostalAddress(shipTo.value.address, dropShip ? undefined : contact) : undefined,
            lines: mapped.map((m) => toDraftLine(m, m.line.orderQty!)),
          },
          shipToLocation: headerShipTo?.addressLocationNumber,
        },
      ],
    });
  }

  // Multi-store: one order per store, each line with that store's quantity (SDQ).
  const byStore = new Map<string, { m: MappedLine; qty: number }[]>();
  const unsplit: string[] = [];
  for (const m of mapped) {
    const locations = m.line.quantitiesSchedulesLocations.flatMap((s) => s.locationQuantities);
    if (locations.length === 0) {
      unsplit.push(m.lineRef);
      continue;
    }
    for (const lq of locations) {
      if (!lq.location || !lq.qty || lq.qty <= 0) continue;
      const list = byStore.get(lq.location) ?? [];
      list.push({ m, qty: lq.qty });
      byStore.set(lq.location, list);
    }
  }
  if (unsplit.length > 0) {
    return err({ kind: "invalid", reasons: unsplit.map((l) => `Line ${l} of multi-store PO ${po} has no store quantities (QuantitiesSchedulesLocations)`) });
  }
  const storeAddresses = addressesByType(order, "ST");
  const orders: PlannedOrder[] = [];
  const problems: string[] = [];
  for (const [store, lines] of [...byStore.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const address = storeAddresses.find((a) => a.addressLocationNumber === store);
    const shipTo = shipToFor(order, partner, store, address);
    if (!shipTo.ok) {
      problems.push(shipTo.error);
      continue;
    }
    orders.push({
      shipToLocation: store,
      draft: {
        ...header,
        orderKey: `${po}/${store}`,
        orderDate: header.orderDate ?? "",
        description: describe(` store ${store}`),
        customerLocationId: shipTo.value.customerLocationId,
        shipTo: shipTo.value.address ? toPostalAddress(shipTo.value.address) : undefined,
        lines: lines.map(({ m, qty }) => toDraftLine(m, qty)),
      },
    });
  }
  if (problems.length > 0) return err({ kind: "needs_mapping", reasons: problems });
  return ok({ shape, orders, skippedLines });
}
