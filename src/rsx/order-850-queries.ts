// Small pure questions the flows ask of a parsed 850: who sent it, which PO, what purpose, which dates and
// addresses, and which SPS fulfilment shape it has (sps-commerce.md §3.3 codes).
import type { Address, RsxDate } from "./common-groups";
import type { Order850, OrderLine } from "./order-850";

export const partnerId = (order: Order850): string => order.header.tradingPartnerId;
export const poNumber = (order: Order850): string => order.header.purchaseOrderNumber;

/** TsetPurposeCode meanings (§3.3); anything but "original" needs a person's decision (design.md §3). */
export type PurposeCode = "original" | "cancellation" | "change" | "replace" | "confirmation" | "duplicate" | "other";
const PURPOSES: Record<string, PurposeCode> = {
  "00": "original",
  "01": "cancellation",
  "04": "change",
  "05": "replace",
  "06": "confirmation",
  "07": "duplicate",
};
/** An absent TsetPurposeCode reads as original. */
export function purposeCode(order: Order850): PurposeCode {
  const code = order.header.tsetPurposeCode;
  return code === undefined ? "original" : (PURPOSES[code] ?? "other");
}

/** DateTimeQualifier codes used most (§3.3). */
export const DateQualifier = {
  cancelAfter: "001",
  requestedDelivery: "002",
  requestedShip: "010",
  actualShip: "011",
  estimatedDelivery: "017",
  shipNotBefore: "037",
  shipNoLater: "038",
  deliveryNoLater: "063",
  deliveryNotBefore: "064",
  currentScheduleDelivery: "067",
  scheduledShip: "068",
} as const;

export function datesByQualifier(dates: readonly RsxDate[], qualifier: string): RsxDate[] {
  return dates.filter((d) => d.dateTimeQualifier === qualifier);
}

/** The first date (YYYY-MM-DD) with that qualifier, on the order header or, given a line, on that line. */
export function dateByQualifier(source: Order850 | OrderLine, qualifier: string): string | undefined {
  return datesByQualifier(source.dates, qualifier)[0]?.date;
}

export function addressesByType(order: Order850, typeCode: string): Address[] {
  return order.addresses.filter((a) => a.addressTypeCode === typeCode);
}

/** The first header address of a type: "ST" ship-to, "BT" bill-to, "Z7" mark-for, "BY", "VN", "RI"… */
export function addressByType(order: Order850, typeCode: string): Address | undefined {
  return addressesByType(order, typeCode)[0];
}

export const shipTo = (order: Order850) => addressByType(order, "ST");
export const billTo = (order: Order850) => addressByType(order, "BT");

/** The four fulfilment models of SPS's sample POs (§3.3), also the `{model}` part of SPS file names (§4 item 6). */
export type OrderShape = "BulkImport" | "CrossDock" | "MultiStore" | "DropShip";

/**
 * Meta/OrderManagement when SPS sent it; otherwise the order's content: drop-ship flags or PO type DS,
 * or (as SPS's own drop-ship sample has it: PO type SA, no Meta) a consumer order number with one
 * ship-to that names no location; store-level quantities with a ship-to DC (cross-dock) or without
 * one (multi-store), else a bulk order to one ship-to.
 */
export function orderShape(order: Order850): OrderShape {
  switch (order.meta.orderManagement?.replace(/[^A-Za-z]/g, "").toLowerCase()) {
    case "bulkimport":
      return "BulkImport";
    case "crossdock":
      return "CrossDock";
    case "multistore":
      return "MultiStore";
    case "dropship":
      return "DropShip";
  }
  if (order.meta.isDropShip === true || order.header.primaryPOTypeCode === "DS") return "DropShip";
  const stores = storeLocations(order);
  if (stores.size === 0) {
    const shipTos = addressesByType(order, "ST");
    const consumer = shipTos.length === 1 && !shipTos[0]!.addressLocationNumber && order.header.customerOrderNumber !== undefined;
    return consumer ? "DropShip" : "BulkImport";
  }
  // Cross-dock: one ship-to DC that is not itself one of the stores; multi-store: the stores are the ship-tos.
  const shipTos = addressesByType(order, "ST");
  const dc = shipTos.length === 1 ? shipTos[0]!.addressLocationNumber : undefined;
  if (order.header.primaryPOTypeCode === "KN" || (dc !== undefined && !stores.has(dc))) return "CrossDock";
  return "MultiStore";
}

/** Store numbers named in the lines' store-level quantities (SDQ). */
export function storeLocations(order: Order850): Set<string> {
  const stores = new Set<string>();
  for (const line of order.lines) {
    for (const sdq of line.quantitiesSchedulesLocations) {
      for (const lq of sdq.locationQuantities) if (lq.location !== undefined) stores.add(lq.location);
    }
  }
  return stores;
}

/**
 * How outbound inputs name an 850 line: its LineSequenceNumber, or for a PO that sends none, the line's
 * 1-based position ("1", "2", …).
 */
export function orderLineKey(line: OrderLine, index: number): string {
  return line.lineSequenceNumber ?? String(index + 1);
}

/** The 850 lines by their key (see orderLineKey). */
export function linesByKey(order: Order850): Map<string, OrderLine> {
  const map = new Map<string, OrderLine>();
  order.lines.forEach((line, index) => {
    const key = orderLineKey(line, index);
    if (!map.has(key)) map.set(key, line);
  });
  return map;
}
