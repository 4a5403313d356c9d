// Rule dates-in-order: nothing is shipped, invoiced or acknowledged before the PO was issued (a date
// before the PurchaseOrderDate is a typo in the ERP or a document for the wrong PO). Dates are
// YYYY-MM-DD (sps-commerce.md §3.1), so they compare as text.
import { orderFor } from "./document-views";
import type { ComplianceRule } from "./types";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function before(date: string | undefined, poDate: string | undefined): boolean {
  return date !== undefined && poDate !== undefined && DATE.test(date) && DATE.test(poDate) && date < poDate;
}

export const datesInOrder: ComplianceRule = {
  id: "dates-in-order",
  description: "Ship date (856, 810), invoice date (810) and acknowledgment date (855) are not before the PO date.",
  appliesTo: ["856", "810", "855"],
  enabledByDefault: true,
  check(subject) {
    const out: string[] = [];
    const poDateOf = (po: string, fallback: string | undefined) => orderFor(subject.orders, po)?.header.purchaseOrderDate ?? fallback;
    switch (subject.documentType) {
      case "856": {
        const seen = new Set<string>();
        for (const o of subject.input.orders) {
          const po = o.order.header.purchaseOrderNumber;
          if (seen.has(po)) continue;
          seen.add(po);
          const poDate = poDateOf(po, o.order.header.purchaseOrderDate);
          if (before(subject.input.shipDate, poDate)) out.push(`856 ShipDate ${subject.input.shipDate} is before PO ${po}'s date ${poDate}; correct the shipment date in the ERP.`);
        }
        return out;
      }
      case "810": {
        const po = subject.input.order.header.purchaseOrderNumber;
        const poDate = poDateOf(po, subject.input.order.header.purchaseOrderDate);
        if (before(subject.input.invoiceDate, poDate)) out.push(`810 InvoiceDate ${subject.input.invoiceDate} is before PO ${po}'s date ${poDate}; correct the invoice date in the ERP.`);
        if (before(subject.input.shipDate, poDate)) out.push(`810 ShipDate ${subject.input.shipDate} is before PO ${po}'s date ${poDate}; correct the shipment date in the ERP.`);
        return out;
      }
      case "855": {
        const po = subject.input.order.header.purchaseOrderNumber;
        const poDate = poDateOf(po, subject.input.order.header.purchaseOrderDate);
        if (before(subject.input.acknowledgementDate, poDate)) out.push(`855 AcknowledgementDate ${subject.input.acknowledgementDate} is before PO ${po}'s date ${poDate}.`);
        return out;
      }
    }
  },
};
