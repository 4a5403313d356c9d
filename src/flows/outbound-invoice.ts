// The 810 mapping rules, pure: an ERP invoice and the 850 it bills become the InvoiceInput of rsx
// buildInvoice (sps-commerce.md §3.6), plus the amounts the ERP itself stated so the compliance rules can
// reconcile them, or the reasons it cannot. Lines find their 850 line through CreatedOrderMeta (as the 856
// does); lines of several ERP orders of one PO (a store-split multi-store order) merge per 850 line.
import type { ErpInvoice, ErpShipment } from "../erp/adapter";
import { err, ok, type Result } from "../lib/result";
import type { Address, ChargeAllowance, PaymentTerms, Tax } from "../rsx/common-groups";
import type { AddressInput, ChargeAllowanceInput, InvoiceInput, InvoiceLineInput, RsxInvalid } from "../rsx";
import { orderLineKey, orderShape } from "../rsx/order-850-queries";
import { splitByShipTo } from "../rsx/ship-to-split";
import type { ErpInvoiceAmounts } from "./compliance";
import { traceErpLine, type OutboundOrderLink, type OutboundPartner } from "./line-tracing";

export interface InvoiceSupplier {
  vendor?: string | undefined;
  /** The remit-to address (RI), from the tenant's settings. */
  remitTo?: AddressInput | undefined;
}

export interface InvoiceSource {
  invoice: ErpInvoice;
  /** One per ERP order the invoice bills (resolved by the caller from the lines' order numbers). */
  orders: OutboundOrderLink[];
  partner: OutboundPartner;
  supplier: InvoiceSupplier;
  /** The shipments the invoice bills, when the caller has them: ship date and carton count come from them. */
  shipments?: ErpShipment[] | undefined;
}

export interface InvoiceDraft {
  input: InvoiceInput;
  /** What the ERP says the lines and the document amount to (for the invoice-amount compliance rules). */
  erpAmounts: ErpInvoiceAmounts;
}

/** SPS §3.6: D240 freight is a charge, C310 a discount allowance. */
const FREIGHT: Pick<ChargeAllowance, "allowChrgIndicator" | "allowChrgCode" | "allowChrgHandlingDescription"> = {
  allowChrgIndicator: "C",
  allowChrgCode: "D240",
  allowChrgHandlingDescription: "Freight",
};
const DISCOUNT: Pick<ChargeAllowance, "allowChrgIndicator" | "allowChrgCode" | "allowChrgHandlingDescription"> = {
  allowChrgIndicator: "A",
  allowChrgCode: "C310",
  allowChrgHandlingDescription: "Discount",
};
/**
 * TaxTypeCode for the ERP's tax total. The ERP gives one total, not its kinds; ST (state sales tax) is
 * the usual US case among the codes sps-commerce.md §3.6 confirms. A retailer needing another code is a
 * partner rule to add.
 */
export const INVOICE_TAX_TYPE_CODE = "ST";

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;
const cents = (n: number) => Math.round(n * 100) / 100;

interface MergedLine {
  line: string;
  quantity: number;
  unitPrice: number;
  amount: number;
}

function latest(dates: Array<string | undefined>): string | undefined {
  return dates.filter((d): d is string => d !== undefined).sort().at(-1);
}

/** The ship-to the invoice names: the store of a store-split multi-store order, else the 850's own. */
function storeShipTo(links: readonly OutboundOrderLink[]): Address | undefined {
  const order = links[0]!.order;
  if (orderShape(order) !== "MultiStore") return undefined;
  const stores = new Set(links.map((l) => l.created.shipToLocation));
  if (stores.size !== 1) return undefined;
  const store = [...stores][0];
  return store === undefined ? undefined : splitByShipTo(order).groups.find((g) => g.locationNumber === store)?.shipTo;
}

function termsOf(invoice: ErpInvoice, hasPoTerms: boolean): PaymentTerms | undefined {
  // The 850's terms win (buildInvoice dates them from the invoice date); the ERP's are the fallback.
  if (hasPoTerms || invoice.terms === undefined) return undefined;
  return { termsDescription: invoice.terms, ...(invoice.dueDate ? { termsNetDueDate: invoice.dueDate } : {}) };
}

export function invoiceInputFrom(source: InvoiceSource): Result<InvoiceDraft, RsxInvalid> {
  const { invoice, partner, supplier } = source;
  const label = `Invoice ${invoice.invoiceNbr}`;
  const reasons: string[] = [];
  const fail = () => err<RsxInvalid>({ kind: "invalid", reasons });

  if (source.orders.length === 0) {
    reasons.push(`${label} bills no sales order the connector created from an 850.`);
    return fail();
  }
  for (const link of source.orders) {
    const tp = link.order.header.tradingPartnerId;
    if (tp !== partner.partnerId) reasons.push(`${label}: PO ${link.order.header.purchaseOrderNumber} is from trading partner ${tp}, not ${partner.partnerId}.`);
  }

  const merged = new Map<string, MergedLine>();
  const links = new Set<OutboundOrderLink>();
  invoice.lines.forEach((erp, i) => {
    if (!(erp.qty > 0) && erp.amount === 0) return;
    const traced = traceErpLine(erp, source.orders, `${label} line ${i + 1}`);
    if (!traced.ok) return reasons.push(traced.error);
    const t = traced.value;
    links.add(t.link);
    // Back to the 850's unit: quantity ÷ factor, price × factor (the amount does not change).
    const unitPrice = round6(erp.unitPrice * t.factor);
    const existing = merged.get(t.line);
    if (existing === undefined) {
      merged.set(t.line, { line: t.line, quantity: t.quantity, unitPrice, amount: erp.amount });
      return;
    }
    if (Math.abs(existing.unitPrice - unitPrice) > 0.000001) {
      reasons.push(`${label} line ${i + 1}: 850 line ${t.line} is billed at ${existing.unitPrice} and at ${unitPrice}; an 810 line has one price, so correct the price in the ERP.`);
      return;
    }
    existing.quantity = round6(existing.quantity + t.quantity);
    existing.amount = cents(existing.amount + erp.amount);
  });
  const pos = new Set([...links].map((l) => l.order.header.purchaseOrderNumber));
  if (pos.size > 1) reasons.push(`${label} bills ${pos.size} purchase orders (${[...pos].join(", ")}); an 810 answers one PO, so invoice each PO separately.`);
  if (reasons.length > 0) return fail();
  if (merged.size === 0) {
    reasons.push(`${label} has no line with a quantity.`);
    return fail();
  }

  const billed = [...links];
  const first = billed[0]!;
  const order = first.order;
  const withVendor = order.header.vendor !== undefined || supplier.vendor === undefined ? order : { ...order, header: { ...order.header, vendor: supplier.vendor } };
  // 850 line order, whatever order the ERP listed its lines in.
  const keys = order.lines.map((l, index) => orderLineKey(l, index));
  const lines = [...merged.values()].sort((a, b) => keys.indexOf(a.line) - keys.indexOf(b.line));
  const invoiceLines: InvoiceLineInput[] = lines.map((l) => ({ line: l.line, quantity: l.quantity, unitPrice: l.unitPrice }));

  const charges: ChargeAllowanceInput[] = [];
  if ((invoice.freight ?? 0) > 0) charges.push({ ...FREIGHT, allowChrgAmt: cents(invoice.freight!) });
  if ((invoice.discountTotal ?? 0) > 0) charges.push({ ...DISCOUNT, allowChrgAmt: cents(invoice.discountTotal!) });
  const taxes: Tax[] = (invoice.taxTotal ?? 0) > 0 ? [{ taxTypeCode: INVOICE_TAX_TYPE_CODE, taxAmount: cents(invoice.taxTotal!) }] : [];

  const billedShipments = (source.shipments ?? []).filter((s) => invoice.lines.some((l) => l.shipmentNbr === s.shipmentNbr));
  const shipDate = latest(billedShipments.map((s) => s.shipDate));
  const cartonCount = billedShipments.reduce((n, s) => n + s.packages.length, 0);
  const references = new Set(billed.map((l) => l.created.reference));
  const terms = termsOf(invoice, order.paymentTerms.length > 0);
  const shipTo = storeShipTo(billed);

  const input: InvoiceInput = {
    order: withVendor,
    invoiceNumber: invoice.invoiceNbr,
    invoiceDate: invoice.date,
    invoiceTypeCode: invoice.credit ? "CR" : "DR",
    ...(references.size === 1 ? { internalOrderNumber: [...references][0]! } : {}),
    ...(shipDate ? { shipDate } : {}),
    ...(billedShipments.length === 1 && billedShipments[0]!.billOfLading ? { billOfLadingNumber: billedShipments[0]!.billOfLading } : {}),
    ...(supplier.remitTo ? { remitTo: supplier.remitTo } : {}),
    ...(shipTo ? { shipTo } : {}),
    ...(terms ? { paymentTerms: terms } : {}),
    ...(charges.length > 0 ? { chargesAllowances: charges } : {}),
    ...(taxes.length > 0 ? { taxes } : {}),
    ...(cartonCount > 0 ? { cartonCount } : {}),
    lines: invoiceLines,
  };
  return ok({
    input,
    erpAmounts: { lines: lines.map((l) => ({ line: l.line, amount: l.amount })), totalAmount: invoice.total },
  });
}
