// Splits an 850 into what goes to each location: multi-store and cross-dock POs carry per-store quantities in
// LineItem/QuantitiesSchedulesLocations/LocationQuantity (SDQ, sps-commerce.md §3.2); a plain PO is one group
// for its header ship-to. Cross-dock ships everything to the DC (header ST) marked for each store (Z7).
import type { Address } from "./common-groups";
import type { Order850, OrderLine } from "./order-850";
import { addressByType, orderShape, type OrderShape } from "./order-850-queries";

export interface ShipToLine {
  line: OrderLine;
  quantity: number;
  uom?: string;
}

export interface ShipToGroup {
  /** The location this group is for: the store number on SDQ orders, else the header ST location (may be absent, e.g. drop ship). */
  locationNumber?: string;
  /** Where the goods physically go: the store itself (multi-store) or the header ST DC (cross-dock, bulk, drop ship). */
  shipTo?: Address;
  /** Cross-dock only: the store the DC forwards the goods to (Z7 mark-for). */
  markFor?: Address;
  lines: ShipToLine[];
}

export interface ShipToSplit {
  shape: OrderShape;
  groups: ShipToGroup[];
  /**
   * Store-split lines whose LocationQuantity values do not add up to their OrderQty: the difference (positive:
   * ordered but given to no store; negative: stores get more than ordered). Empty for a consistent PO.
   */
  mismatches: ShipToLine[];
}

export function splitByShipTo(order: Order850): ShipToSplit {
  const shape = orderShape(order);
  const headerShipTo = addressByType(order, "ST");
  const byLocation = new Map<string, ShipToLine[]>();
  const withoutStores: ShipToLine[] = [];
  const qualifierOf = new Map<string, string | undefined>();
  const mismatches: ShipToLine[] = [];

  for (const line of order.lines) {
    const stores = line.quantitiesSchedulesLocations.filter((q) => q.locationQuantities.length > 0);
    if (stores.length === 0) {
      if (line.orderQty !== undefined && line.orderQty > 0) withoutStores.push(lineShare(line, line.orderQty, line.orderQtyUOM));
      continue;
    }
    let assigned = 0;
    for (const sdq of stores) {
      for (const lq of sdq.locationQuantities) {
        if (lq.location === undefined || lq.qty === undefined || lq.qty <= 0) continue;
        assigned += lq.qty;
        const list = byLocation.get(lq.location) ?? [];
        const existing = list.find((l) => l.line === line);
        if (existing) existing.quantity += lq.qty;
        else list.push(lineShare(line, lq.qty, sdq.totalQtyUOM ?? line.orderQtyUOM));
        byLocation.set(lq.location, list);
        if (!qualifierOf.has(lq.location)) qualifierOf.set(lq.location, sdq.locationCodeQualifier);
      }
    }
    const difference = (line.orderQty ?? 0) - assigned;
    if (Math.abs(difference) > 1e-9) mismatches.push(lineShare(line, difference, line.orderQtyUOM));
  }

  const groups: ShipToGroup[] = [];
  for (const [location, lines] of byLocation) {
    const store = storeAddress(order, location, qualifierOf.get(location));
    groups.push(
      shape === "CrossDock"
        ? compact({ locationNumber: location, shipTo: headerShipTo, markFor: { ...store, addressTypeCode: "Z7" }, lines })
        : compact({ locationNumber: location, shipTo: { ...store, addressTypeCode: "ST" }, lines }),
    );
  }
  // Lines without store quantities (and every line of a plain PO) go to the header ship-to.
  if (withoutStores.length > 0) {
    groups.push(compact({ locationNumber: headerShipTo?.addressLocationNumber, shipTo: headerShipTo, lines: withoutStores }));
  }
  return { shape, groups, mismatches };
}

function lineShare(line: OrderLine, quantity: number, uom: string | undefined): ShipToLine {
  return uom === undefined ? { line, quantity } : { line, quantity, uom };
}

/** The fullest address the PO gives for a store number (a Z7/ST header or line address), else just the number. */
function storeAddress(order: Order850, location: string, qualifier: string | undefined): Address {
  const known =
    order.addresses.find((a) => a.addressLocationNumber === location) ??
    order.lines.flatMap((l) => l.addresses).find((a) => a.addressLocationNumber === location);
  if (known) return known;
  return { locationCodeQualifier: qualifier ?? "92", addressLocationNumber: location, references: [], contacts: [], dates: [] };
}

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
