// Derives 855 acknowledgment lines by comparing the 850 with what the ERP order accepted: a quantity change is
// IQ, a price change IP, both IC, a line the ERP does not have IR, otherwise IA; the header is AD when nothing
// changed, RD when every line was rejected, AC otherwise (the convention in sps-commerce.md §3.4).
import type { Order850, OrderLine } from "./order-850";
import { orderLineKey } from "./order-850-queries";
import type { AcknowledgementType, OrderAckLineInput } from "./order-ack-855";
import { toGtin14 } from "./gs1";

/** One line of the ERP sales order, identified the ways an ERP can know a PO line. */
export interface AcceptedLine {
  /** The 850 line key (LineSequenceNumber) when the ERP kept it; the surest match. */
  lineSequenceNumber?: string;
  buyerPartNumber?: string;
  vendorPartNumber?: string;
  /** UPC, EAN or GTIN; compared as GTIN-14. */
  gtin?: string;
  quantity: number;
  uom?: string;
  unitPrice?: number;
  /** When the supplier expects to ship it (YYYY-MM-DD), sent as ItemScheduleDate. */
  scheduleDate?: string;
}

export interface DerivedAck {
  acknowledgementType: AcknowledgementType;
  lines: OrderAckLineInput[];
}

export interface DeriveAckOptions {
  /** Qualifier for scheduleDate (default 068 scheduled ship). */
  scheduleQualifier?: string;
  /** Prices closer than this count as unchanged (default half a cent). */
  priceTolerance?: number;
}

export function deriveAckLines(order: Order850, accepted: readonly AcceptedLine[], options: DeriveAckOptions = {}): DerivedAck {
  const tolerance = options.priceTolerance ?? 0.005;
  const matches = matchAcceptedLines(order, accepted);
  let changed = false;
  let rejected = 0;
  const lines = order.lines.map((line, index): OrderAckLineInput => {
    const key = orderLineKey(line, index);
    const erp = matches.get(index) ?? [];
    const ordered = line.orderQty ?? 0;
    if (erp.length === 0) {
      changed = true;
      rejected++;
      return { line: key, acknowledgements: [{ itemStatusCode: "IR", quantity: ordered }] };
    }
    const quantity = erp.reduce((sum, l) => sum + l.quantity, 0);
    const price = erp.find((l) => l.unitPrice !== undefined)?.unitPrice;
    const scheduleDate = erp.find((l) => l.scheduleDate !== undefined)?.scheduleDate;
    const qtyChanged = Math.abs(quantity - ordered) > 1e-9;
    const priceChanged = price !== undefined && line.purchasePrice !== undefined && Math.abs(price - line.purchasePrice) > tolerance;
    const status = qtyChanged && priceChanged ? "IC" : qtyChanged ? "IQ" : priceChanged ? "IP" : "IA";
    if (status !== "IA") changed = true;
    const uom = erp.find((l) => l.uom !== undefined)?.uom;
    return {
      line: key,
      acknowledgements: [
        {
          itemStatusCode: status,
          quantity,
          ...(uom !== undefined ? { uom } : {}),
          ...(scheduleDate !== undefined ? { scheduleDate, scheduleQualifier: options.scheduleQualifier ?? "068" } : {}),
          ...(priceChanged ? { unitPrice: price } : {}),
        },
      ],
    };
  });
  const acknowledgementType: AcknowledgementType =
    lines.length > 0 && rejected === lines.length ? "RD" : changed ? "AC" : "AD";
  return { acknowledgementType, lines };
}

/** Which ERP lines belong to which 850 line (by index): by line key first, then by item identifiers. */
function matchAcceptedLines(order: Order850, accepted: readonly AcceptedLine[]): Map<number, AcceptedLine[]> {
  const result = new Map<number, AcceptedLine[]>();
  const add = (index: number, line: AcceptedLine) => result.set(index, [...(result.get(index) ?? []), line]);
  const keys = order.lines.map((line, index) => orderLineKey(line, index));
  const unmatched: AcceptedLine[] = [];
  for (const line of accepted) {
    const index = line.lineSequenceNumber === undefined ? -1 : keys.indexOf(line.lineSequenceNumber);
    if (index >= 0) add(index, line);
    else unmatched.push(line);
  }
  for (const line of unmatched) {
    // Prefer a PO line nothing has claimed yet, so two PO lines of the same item each get one ERP line.
    const candidates = order.lines.map((poLine, index) => ({ poLine, index })).filter(({ poLine }) => sameItem(poLine, line));
    const pick = candidates.find(({ index }) => !result.has(index)) ?? candidates[0];
    if (pick) add(pick.index, line);
  }
  return result;
}

function sameItem(poLine: OrderLine, erp: AcceptedLine): boolean {
  if (erp.buyerPartNumber !== undefined && erp.buyerPartNumber === poLine.buyerPartNumber) return true;
  if (erp.vendorPartNumber !== undefined && erp.vendorPartNumber === poLine.vendorPartNumber) return true;
  if (erp.gtin !== undefined) {
    const wanted = toGtin14(erp.gtin);
    if (wanted === undefined) return false;
    return [poLine.gtin, poLine.consumerPackageCode, poLine.ean].some((code) => code !== undefined && toGtin14(code) === wanted);
  }
  return false;
}
