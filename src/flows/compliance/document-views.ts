// Read-only views of builder inputs shared by the compliance rules: the 850 an OrderLevel or invoice
// answers, every carton and pallet with a label an operator can find, the 850 lines a document names,
// and the quantity a store (or the whole PO) ordered of a line.
import type { CartonInput, ShipmentOrderInput, ShipNoticeInput } from "../../rsx";
import type { Order850, OrderLine } from "../../rsx/order-850";
import { linesByKey } from "../../rsx/order-850-queries";
import type { ComplianceSubject } from "./types";

/** The authoritative 850 for a PO number, from the orders the check was given. */
export function orderFor(orders: readonly Order850[], poNumber: string): Order850 | undefined {
  return orders.find((o) => o.header.purchaseOrderNumber === poNumber);
}

/** "PO NW4500124101 store 0112" / "PO CRM0091734": how an operator finds an OrderLevel. */
export function orderLevelLabel(o: ShipmentOrderInput): string {
  const store = o.markFor?.addressLocationNumber ?? o.markFor?.addressName;
  return `PO ${o.order.header.purchaseOrderNumber}${store ? ` store ${store}` : ""}`;
}

export interface CartonView {
  orderLevel: ShipmentOrderInput;
  carton: CartonInput;
  /** "carton 3 (PO X store 0112, tracking 1Z…)": 1-based across the document. */
  label: string;
}

export function cartonsOf(input: ShipNoticeInput): CartonView[] {
  const out: CartonView[] = [];
  for (const o of input.orders) {
    for (const carton of [...(o.cartons ?? []), ...(o.pallets ?? []).flatMap((p) => p.cartons)]) {
      const tracking = carton.trackingNumber ? `, tracking ${carton.trackingNumber}` : "";
      out.push({ orderLevel: o, carton, label: `carton ${out.length + 1} (${orderLevelLabel(o)}${tracking})` });
    }
  }
  return out;
}

export function palletsOf(input: ShipNoticeInput): Array<{ sscc: string; label: string }> {
  let n = 0;
  return input.orders.flatMap((o) => (o.pallets ?? []).map((p) => ({ sscc: p.sscc, label: `pallet ${++n} (${orderLevelLabel(o)})` })));
}

/** One 850 line a document names, with where it is named. */
export interface NamedLine {
  poNumber: string;
  line: string;
  /** "PO X store 0112 carton 2", "invoice line 3", "acknowledgment line 1". */
  where: string;
  /** The 850 that should hold it, undefined when the PO is not among the check's orders. */
  order: Order850 | undefined;
  quantity?: number | undefined;
  uom?: string | undefined;
  /** The store the quantity is for (mark-for, or a store ship-to). */
  location?: string | undefined;
}

export function namedLines(subject: ComplianceSubject): NamedLine[] {
  switch (subject.documentType) {
    case "856":
      return cartonsOf(subject.input).flatMap(({ orderLevel, carton, label }) =>
        carton.items.map((item) => ({
          poNumber: orderLevel.order.header.purchaseOrderNumber,
          line: item.line,
          where: label,
          order: orderFor(subject.orders, orderLevel.order.header.purchaseOrderNumber),
          quantity: item.quantity,
          uom: item.uom,
          location: orderLevel.markFor?.addressLocationNumber ?? subject.input.shipTo?.addressLocationNumber,
        })),
      );
    case "810": {
      const po = subject.input.order.header.purchaseOrderNumber;
      return subject.input.lines.map((l, i) => ({
        poNumber: po,
        line: l.line,
        where: `invoice line ${i + 1}`,
        order: orderFor(subject.orders, po),
        quantity: l.quantity,
        uom: l.uom,
        location: subject.input.markFor?.addressLocationNumber ?? subject.input.shipTo?.addressLocationNumber,
      }));
    }
    case "855": {
      const po = subject.input.order.header.purchaseOrderNumber;
      return subject.input.lines.map((l, i) => ({ poNumber: po, line: l.line, where: `acknowledgment line ${i + 1}`, order: orderFor(subject.orders, po) }));
    }
  }
}

export function poLine(order: Order850 | undefined, line: string): OrderLine | undefined {
  return order === undefined ? undefined : linesByKey(order).get(line);
}

/** What was ordered of a line for a location: its store quantity (SDQ) when the line has one for it, else the line's. */
export function orderedFor(line: OrderLine, location: string | undefined): number | undefined {
  if (location !== undefined) {
    const shares = line.quantitiesSchedulesLocations.flatMap((q) => q.locationQuantities).filter((lq) => lq.location === location && lq.qty !== undefined);
    if (shares.length > 0) return shares.reduce((s, lq) => s + lq.qty!, 0);
  }
  return line.orderQty;
}

/** Money as an operator reads it: 1234.5 → "1,234.50". */
export function money(n: number): string {
  return n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
