// Carton packing for the 856, pure: the OrderLevels a shipment's cartons belong to (orders, or stores
// of a cross-dock order), and the cartons themselves, from the ERP packages.
//
// Packing when the ERP does not say what is in a carton (no PackageContents):
//   1. Quantities the package contents do not cover are this rule's to place ("the remainder").
//   2. Cross-dock: the remainder of each 850 line is given to the stores in the 850's store order, each up
//      to its store quantity (SDQ) less what content-listed cartons already brought it; anything beyond
//      every store's share (over-shipment) goes to the last store that ordered the line.
//   3. The packages without contents are dealt to the OrderLevels (orders, or stores) that still have
//      units: one each first, then one at a time to the OrderLevel with the most units per carton.
//      Fewer such packages than OrderLevels is invalid (a carton belongs to one PO and one store).
//   4. Within an OrderLevel its units, in 850 line order, fill its cartons one after the other, each
//      carton taking an equal share of the units (the first ones one more when they do not divide).
//      More cartons than units is invalid.
//   5. A shipment without any package gets one carton per OrderLevel (package id "auto:{orderLevel}").
//   Packages left empty because contents elsewhere cover everything are ignored.
import type { ErpPackage } from "../erp/adapter";
import type { Address } from "../rsx/common-groups";
import { shippingSerialId } from "../rsx/gs1";
import type { CartonInput } from "../rsx";
import type { Order850, OrderLine } from "../rsx/order-850";
import { addressByType, orderLineKey, orderShape } from "../rsx/order-850-queries";
import { splitByShipTo } from "../rsx/ship-to-split";
import { EPSILON, round6, type OutboundOrderLink } from "./line-tracing";

// ---- OrderLevels ------------------------------------------------------------------------------------

export interface OrderLevelPlan {
  key: string;
  link: OutboundOrderLink;
  markFor?: Address | undefined;
  shipTo?: Address | undefined;
  /** Cross-dock: what each 850 line may still bring this store. */
  room: Map<string, number>;
  /** Units this rule must still place in cartons, by 850 line key. */
  pending: Map<string, number>;
  cartons: Array<{ order: number; carton: CartonInput }>;
}

export function keyOf(order: Order850, line: OrderLine): string {
  return orderLineKey(line, order.lines.indexOf(line));
}

export function orderLevelsOf(link: OutboundOrderLink): OrderLevelPlan[] {
  const { order, created } = link;
  const shape = orderShape(order);
  if (shape === "CrossDock") {
    return splitByShipTo(order).groups.map((g) => ({
      key: `${link.orderKey}@${g.locationNumber ?? "shipto"}`,
      link,
      markFor: g.markFor,
      room: new Map(g.lines.map((l) => [keyOf(order, l.line), l.quantity])),
      pending: new Map(),
      cartons: [],
    }));
  }
  // Store-split multi-store orders ship to their store; everything else to the 850's header ship-to.
  const storeGroup =
    shape === "MultiStore" && created.shipToLocation !== undefined
      ? splitByShipTo(order).groups.find((g) => g.locationNumber === created.shipToLocation)
      : undefined;
  return [{ key: link.orderKey, link, shipTo: storeGroup?.shipTo ?? (shape === "MultiStore" ? addressByType(order, "ST") : undefined), room: new Map(), pending: new Map(), cartons: [] }];
}

export function add(map: Map<string, number>, key: string, qty: number): void {
  map.set(key, round6((map.get(key) ?? 0) + qty));
}

// ---- Cartons ----------------------------------------------------------------------------------------

const SSCC_SHAPED = /^(00)?\d{18}$/;

/** The package's own SSCC when it holds one; a digit string shaped like an SSCC is kept even with a bad check digit. */
export function ownSscc(pkg: ErpPackage | undefined): string | undefined {
  const id = pkg?.cartonId?.trim();
  if (id === undefined || id === "") return undefined;
  if (shippingSerialId(id) !== undefined) return id;
  // Kept so the sscc-check-digit rule names it: the label on the carton may already carry this number,
  // and sending another one would make label and ASN disagree.
  return SSCC_SHAPED.test(id) ? id : undefined;
}

/** LB or KG (sps-commerce.md §3.5 QuantityAndWeight WeightUOM); undefined for other units. */
export function rsxWeightUom(uom: string | undefined): "LB" | "KG" | undefined {
  const u = uom?.trim().toUpperCase();
  if (u === undefined || u === "") return undefined;
  if (["LB", "LBS", "LBR", "POUND", "POUNDS"].includes(u)) return "LB";
  if (["KG", "KGS", "KGM", "KILOGRAM", "KILOGRAMS"].includes(u)) return "KG";
  return undefined;
}

export function cartonFrom(pkg: ErpPackage | undefined, packageId: string, items: Map<string, number>, ssccFor: (id: string) => string, fallbackWeight?: number): CartonInput {
  const weight = pkg?.weight ?? fallbackWeight;
  const unit = pkg?.weightUom === undefined ? "LB" : rsxWeightUom(pkg.weightUom);
  return {
    sscc: ownSscc(pkg) ?? ssccFor(packageId),
    ...(pkg?.trackingNumber ? { trackingNumber: pkg.trackingNumber } : {}),
    // A weight in a unit RSX has no code for is left out rather than sent as pounds.
    ...(weight !== undefined && weight > 0 && unit !== undefined ? { weight, weightUOM: unit } : {}),
    items: [...items].map(([line, quantity]) => ({ line, quantity })),
  };
}

/** Splits `units` (in 850 line order) into `count` cartons of equal unit counts. */
export function fillCartons(units: Array<[string, number]>, count: number): Array<Map<string, number>> {
  const total = units.reduce((s, [, q]) => s + q, 0);
  const whole = Math.floor(total + EPSILON);
  const base = Math.floor(whole / count);
  const sizes = Array.from({ length: count }, (_, i) => base + (i < whole % count ? 1 : 0));
  sizes[count - 1] = round6(sizes[count - 1]! + (total - whole)); // a fractional rest rides in the last carton
  const queue = units.map(([line, qty]) => ({ line, qty }));
  return sizes.map((size) => {
    const carton = new Map<string, number>();
    let room = size;
    while (room > EPSILON && queue.length > 0) {
      const head = queue[0]!;
      const take = Math.min(room, head.qty);
      add(carton, head.line, take);
      head.qty = round6(head.qty - take);
      room = round6(room - take);
      if (head.qty <= EPSILON) queue.shift();
    }
    return carton;
  });
}

export function pendingUnits(level: OrderLevelPlan): number {
  return [...level.pending.values()].reduce((s, q) => s + q, 0);
}

/** How many of `count` packages each OrderLevel gets: one each, then to the most units per carton. */
export function dealPackages(levels: OrderLevelPlan[], count: number): number[] {
  const counts = levels.map(() => 1);
  for (let left = count - levels.length; left > 0; left--) {
    let best = 0;
    levels.forEach((level, i) => {
      if (pendingUnits(level) / counts[i]! > pendingUnits(levels[best]!) / counts[best]! + EPSILON) best = i;
    });
    counts[best]!++;
  }
  return counts;
}

