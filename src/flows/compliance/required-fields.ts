// Rule required-fields: what SPS and retailers need on every 856, 810 and 855 before it is worth sending
// (sps-commerce.md §3.4–3.6 required elements, plus the fields retailers reject documents without, §4 item 10).
import type { InvoiceInput, OrderAckInput, ShipNoticeInput } from "../../rsx";
import { linesByKey } from "../../rsx/order-850-queries";
import { cartonsOf, orderLevelLabel } from "./document-views";
import type { ComplianceRule } from "./types";

const blank = (v: string | undefined) => v === undefined || v.trim() === "";

function shipNoticeGaps(input: ShipNoticeInput): string[] {
  const out: string[] = [];
  if (blank(input.shipmentId)) out.push("856 ShipmentIdentification is empty: the ERP shipment number is expected.");
  if (blank(input.shipDate)) out.push("856 ShipDate is missing: the date the goods left is expected.");
  if (blank(input.shipNoticeDate)) out.push("856 ShipNoticeDate is missing.");
  if (blank(input.carrier?.carrierAlphaCode)) {
    out.push("856 CarrierInformation/CarrierAlphaCode (carrier SCAC) is missing: the 850 names no carrier and the ERP ship-via maps to no SCAC; add the ship-via → SCAC mapping.");
  }
  if (blank(input.shipFrom.addressName) && blank(input.shipFrom.address1)) out.push("856 ship-from address (SF) has neither a name nor a street: configure the supplier's warehouse address.");
  const cartons = cartonsOf(input);
  if (cartons.length === 0) out.push("856 has no carton: at least one PackLevel with an SSCC-18 is expected.");
  for (const { carton, label } of cartons) if (blank(carton.sscc)) out.push(`856 ${label}: ShippingSerialID (SSCC-18) is missing.`);
  for (const o of input.orders) {
    if (blank(o.order.header.purchaseOrderNumber)) out.push("856 OrderLevel without PurchaseOrderNumber.");
    if (blank(o.order.header.purchaseOrderDate)) out.push(`856 ${orderLevelLabel(o)}: PurchaseOrderDate is missing (the 850 carried none).`);
  }
  return out;
}

function invoiceGaps(input: InvoiceInput): string[] {
  const out: string[] = [];
  const po = input.order.header.purchaseOrderNumber;
  if (blank(input.invoiceNumber)) out.push("810 InvoiceNumber is empty: the ERP invoice number is expected.");
  if (blank(input.invoiceDate)) out.push("810 InvoiceDate is missing.");
  if (blank(po)) out.push("810 PurchaseOrderNumber is empty.");
  if (blank(input.order.header.purchaseOrderDate)) out.push(`810 for PO ${po}: PurchaseOrderDate is missing (the 850 carried none).`);
  if (input.lines.length === 0) out.push(`810 for PO ${po} has no invoice line.`);
  const poLines = linesByKey(input.order);
  let total = 0;
  for (const [i, l] of input.lines.entries()) {
    const price = l.unitPrice ?? poLines.get(l.line)?.purchasePrice;
    if (price === undefined) out.push(`810 invoice line ${i + 1} (850 line ${l.line}): PurchasePrice is missing in the ERP invoice and the 850.`);
    else total += l.quantity * price;
  }
  if (input.lines.length > 0 && !(total > 0)) out.push(`810 for PO ${po}: TotalAmount would be ${total.toFixed(2)}; a positive total is expected.`);
  return out;
}

function orderAckGaps(input: OrderAckInput): string[] {
  const out: string[] = [];
  if (blank(input.order.header.purchaseOrderNumber)) out.push("855 PurchaseOrderNumber is empty.");
  if (blank(input.acknowledgementType)) out.push("855 AcknowledgementType is missing.");
  if (blank(input.acknowledgementDate)) out.push("855 AcknowledgementDate is missing.");
  if (!["AK", "RJ"].includes(input.acknowledgementType) && input.lines.length === 0) {
    out.push(`855 type ${input.acknowledgementType} acknowledges lines, but it has none.`);
  }
  return out;
}

export const requiredFields: ComplianceRule = {
  id: "required-fields",
  description:
    "Required fields are present: 856 shipment id, ship date, carrier SCAC, ship-from, PO number and date, at least one carton with an SSCC; 810 invoice number and date, PO number and date, lines with prices, a positive total; 855 PO number, type, date and lines.",
  appliesTo: ["856", "810", "855"],
  enabledByDefault: true,
  check(subject) {
    switch (subject.documentType) {
      case "856":
        return shipNoticeGaps(subject.input);
      case "810":
        return invoiceGaps(subject.input);
      case "855":
        return orderAckGaps(subject.input);
    }
  },
};
