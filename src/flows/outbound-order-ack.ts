// The 855 mapping rules, pure and ERP-neutral: the 850 and what the ERP orders made from it accepted
// (CreatedOrderMeta: item, quantity and price per 850 line) become the OrderAckInput of rsx buildOrderAck
// (sps-commerce.md §3.4). deriveAckLines decides accepted / changed / rejected per line; a line the ERP
// orders do not carry is rejected (IR). Store-split orders add up per 850 line.
import { err, ok, type Result } from "../lib/result";
import type { AcceptedLine, OrderAckInput, RsxInvalid } from "../rsx";
import { deriveAckLines } from "../rsx/order-ack-lines";
import type { Order850 } from "../rsx/order-850";
import { linesByKey } from "../rsx/order-850-queries";
import type { CreatedOrderMeta } from "./order-links";
import { unitFactor } from "./line-tracing";

export interface OrderAckSource {
  order: Order850;
  /** Every ERP order created (or linked) from this 850. */
  created: CreatedOrderMeta[];
  /** YYYY-MM-DD: the acknowledgment date. */
  today: string;
  time?: string | undefined;
  supplier?: { vendor?: string | undefined } | undefined;
}

export function orderAckInputFrom(source: OrderAckSource): Result<OrderAckInput, RsxInvalid> {
  const { order } = source;
  const po = order.header.purchaseOrderNumber;
  const poLines = linesByKey(order);
  const reasons: string[] = [];
  const accepted: AcceptedLine[] = [];
  for (const created of source.created) {
    for (const line of created.lines) {
      const poLine = poLines.get(line.lineRef);
      if (poLine === undefined) {
        reasons.push(`Sales order ${created.reference} line ${line.lineNbr ?? "?"} (item ${line.itemId}) points at 850 line ${line.lineRef}, which PO ${po} does not have.`);
        continue;
      }
      // Back to the 850's unit when the item mapping converted units at order creation.
      const factor = unitFactor(line, poLine, created);
      accepted.push({
        lineSequenceNumber: line.lineRef,
        quantity: Math.round((line.qty / factor) * 1e6) / 1e6,
        ...(poLine.orderQtyUOM !== undefined ? { uom: poLine.orderQtyUOM } : line.uom !== undefined ? { uom: line.uom } : {}),
        ...(line.unitPrice !== undefined ? { unitPrice: Math.round(line.unitPrice * factor * 1e6) / 1e6 } : {}),
      });
    }
  }
  if (reasons.length > 0) return err({ kind: "invalid", reasons });

  const derived = deriveAckLines(order, accepted);
  const references = [...new Set(source.created.map((c) => c.reference))];
  const vendor = source.supplier?.vendor;
  return ok({
    order: order.header.vendor !== undefined || vendor === undefined ? order : { ...order, header: { ...order.header, vendor } },
    acknowledgementType: derived.acknowledgementType,
    acknowledgementDate: source.today,
    ...(source.time ? { acknowledgementTime: source.time } : {}),
    // One ERP order: its number identifies the acknowledgment; a store-split PO has several, so none is named.
    ...(references.length === 1 ? { acknowledgementNumber: references[0]!, internalOrderNumber: references[0]! } : {}),
    lines: derived.lines,
  });
}
