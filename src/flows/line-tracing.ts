// Tracing an ERP fulfilment line (shipped or invoiced) back to the 850 line it answers, pure: the
// ERP order it belongs to, the 850 line through CreatedOrderMeta (ERP line number ↔ 850 line key), and
// the quantity in the 850's unit. The 856, 810 and 855 mappings all start here.
import type { ErpFulfilmentLine } from "../erp/adapter";
import { err, ok, type Result } from "../lib/result";
import type { OrderLine } from "../rsx/order-850";
import { linesByKey } from "../rsx/order-850-queries";
import type { PartnerRules } from "../db/partners";
import type { Order850 } from "../rsx/order-850";
import type { CreatedOrderMeta } from "./order-links";

/** One ERP order of the record and the 850 it was created from (the caller resolves it by ERP order number). */
export interface OutboundOrderLink {
  order: Order850;
  created: CreatedOrderMeta;
  orderKey: string;
  documentId: string;
}

export interface OutboundPartner {
  partnerId: string;
  rules: PartnerRules;
}

export interface TracedLine {
  link: OutboundOrderLink;
  /** The 850 line key (LineSequenceNumber or position, see orderLineKey). */
  line: string;
  poLine: OrderLine;
  quantity: number;
  /** ERP units per 850 unit (1 unless the item mapping converted units at order creation). */
  factor: number;
}

export const EPSILON = 1e-9;

export function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

export function sameText(a: string | undefined, b: string | undefined): boolean {
  return (a ?? "").trim().toUpperCase() === (b ?? "").trim().toUpperCase();
}

/** What the ERP order was asked to supply of this 850 line: the store's share on a store-split order, else the line's quantity. */
export function orderedShare(poLine: OrderLine, created: CreatedOrderMeta): number {
  const store = created.shipToLocation;
  if (store !== undefined) {
    const shares = poLine.quantitiesSchedulesLocations.flatMap((q) => q.locationQuantities).filter((lq) => lq.location === store && lq.qty !== undefined);
    if (shares.length > 0) return shares.reduce((s, lq) => s + lq.qty!, 0);
  }
  return poLine.orderQty ?? 0;
}

/**
 * ERP units per 850 unit for a created line: 1 when the units agree, else what the order was created
 * with divided by what the 850 asked (inbound-order's uomFactor, which CreatedOrderMeta does not keep).
 */
export function unitFactor(createdLine: CreatedOrderMeta["lines"][number], poLine: OrderLine, created: CreatedOrderMeta): number {
  if (createdLine.uom === undefined || poLine.orderQtyUOM === undefined || sameText(createdLine.uom, poLine.orderQtyUOM)) return 1;
  const share = orderedShare(poLine, created);
  return share > 0 && createdLine.qty > 0 ? createdLine.qty / share : 1;
}

function describeErpLine(erp: ErpFulfilmentLine): string {
  const order = `${erp.orderType ? `${erp.orderType} ` : ""}${erp.orderNbr || "(no order)"}`;
  return `item ${erp.itemId || "(none)"}, sales order ${order}${erp.orderLineNbr !== undefined ? ` line ${erp.orderLineNbr}` : ""}`;
}

export function linkOf(erp: ErpFulfilmentLine, links: readonly OutboundOrderLink[]): OutboundOrderLink | undefined {
  return links.find(
    (l) => l.created.reference === erp.orderNbr && (erp.orderType === undefined || l.created.orderType === undefined || l.created.orderType === erp.orderType),
  );
}

/** Follows an ERP line to the 850 line it fulfils; the reason names the line and what is missing. */
export function traceErpLine(erp: ErpFulfilmentLine, links: readonly OutboundOrderLink[], where: string): Result<TracedLine, string> {
  const at = `${where} (${describeErpLine(erp)})`;
  const link = linkOf(erp, links);
  if (link === undefined) {
    return err(`${at}: sales order ${erp.orderNbr || "(none)"} was not created from any 850 this document answers; only orders made by the connector can be sent`);
  }
  const created = link.created;
  const numbered = erp.orderLineNbr === undefined ? undefined : created.lines.filter((l) => l.lineNbr === erp.orderLineNbr);
  let createdLine = numbered?.[0];
  if (createdLine === undefined) {
    // No line number to follow (or the meta kept none): fall back to the item, when only one line has it.
    const byItem = created.lines.filter((l) => sameText(l.itemId, erp.itemId));
    const numbersKnown = created.lines.some((l) => l.lineNbr !== undefined);
    if (erp.orderLineNbr !== undefined && numbersKnown) {
      const known = created.lines.map((l) => l.lineNbr).filter((n) => n !== undefined).join(", ");
      return err(`${at}: sales order line ${erp.orderLineNbr} was not created from PO ${link.order.header.purchaseOrderNumber} (the connector created lines ${known}); a line added in the ERP cannot be reported to the retailer`);
    }
    if (byItem.length !== 1) {
      return err(
        byItem.length === 0
          ? `${at}: item ${erp.itemId} is on no line the connector created for PO ${link.order.header.purchaseOrderNumber}`
          : `${at}: item ${erp.itemId} is on ${byItem.length} lines of the order and the ERP did not say which; give the shipment line its order line number`,
      );
    }
    createdLine = byItem[0]!;
  }
  if (erp.itemId && !sameText(createdLine.itemId, erp.itemId)) {
    return err(`${at}: the order line was created for item ${createdLine.itemId} (850 line ${createdLine.lineRef}) but now ships ${erp.itemId}; the 850's identifiers would describe the wrong item`);
  }
  const poLine = linesByKey(link.order).get(createdLine.lineRef);
  if (poLine === undefined) return err(`${at}: 850 line ${createdLine.lineRef} is not on PO ${link.order.header.purchaseOrderNumber}`);
  const factor = unitFactor(createdLine, poLine, created);
  return ok({ link, line: createdLine.lineRef, poLine, quantity: round6(erp.qty / factor), factor });
}

