// Rules invoice-line-amounts and invoice-totals: the 810 is computed from quantity × price (buildInvoice),
// so it must agree with what the ERP billed, to the cent: each line, and the document total
// (lines + charges − allowances + taxes = TotalAmount, sps-commerce.md §3.6).
import type { InvoiceInput } from "../../rsx";
import { roundMoney } from "../../rsx/outbound-values";
import { linesByKey } from "../../rsx/order-850-queries";
import { money } from "./document-views";
import type { ComplianceRule } from "./types";

const HALF_CENT = 0.005;

function extended(input: InvoiceInput): Map<string, { quantity: number; price: number; amount: number }> {
  const poLines = linesByKey(input.order);
  const out = new Map<string, { quantity: number; price: number; amount: number }>();
  for (const l of input.lines) {
    const price = l.unitPrice ?? poLines.get(l.line)?.purchasePrice;
    if (price === undefined) continue;
    out.set(l.line, { quantity: l.quantity, price, amount: roundMoney(l.quantity * price) });
  }
  return out;
}

export const invoiceLineAmounts: ComplianceRule = {
  id: "invoice-line-amounts",
  description: "Each invoice line's ERP amount equals invoiced quantity × unit price, to the cent.",
  appliesTo: ["810"],
  enabledByDefault: true,
  check(subject) {
    if (subject.documentType !== "810" || subject.erpAmounts === undefined) return [];
    const computed = extended(subject.input);
    const out: string[] = [];
    for (const stated of subject.erpAmounts.lines) {
      const c = computed.get(stated.line);
      if (c === undefined || Math.abs(c.amount - stated.amount) < HALF_CENT) continue;
      out.push(
        `810 line ${stated.line}: the ERP bills ${money(stated.amount)}, but ${c.quantity} × ${c.price} = ${money(c.amount)}; a line discount or rounding in the ERP does not fit an 810 line, correct the price or quantity.`,
      );
    }
    return out;
  },
};

export const invoiceTotals: ComplianceRule = {
  id: "invoice-totals",
  description: "Sum of line amounts + charges − allowances + taxes equals the invoice total the ERP computed, to the cent.",
  appliesTo: ["810"],
  enabledByDefault: true,
  check(subject) {
    if (subject.documentType !== "810" || subject.erpAmounts === undefined) return [];
    const input = subject.input;
    const lines = roundMoney([...extended(input).values()].reduce((s, l) => s + l.amount, 0));
    const charges = roundMoney((input.chargesAllowances ?? []).filter((c) => c.allowChrgIndicator === "C").reduce((s, c) => s + (c.allowChrgAmt ?? 0), 0));
    const allowances = roundMoney((input.chargesAllowances ?? []).filter((c) => c.allowChrgIndicator === "A").reduce((s, c) => s + (c.allowChrgAmt ?? 0), 0));
    const taxes = roundMoney((input.taxes ?? []).reduce((s, t) => s + (t.taxAmount ?? 0), 0));
    const total = roundMoney(lines + charges - allowances + taxes);
    const stated = subject.erpAmounts.totalAmount;
    if (Math.abs(total - stated) < HALF_CENT) return [];
    return [
      `810 TotalAmount: lines ${money(lines)} + charges ${money(charges)} − allowances ${money(allowances)} + taxes ${money(taxes)} = ${money(total)}, but the ERP invoice total is ${money(stated)} (off by ${money(roundMoney(stated - total))}); find the charge, discount or tax the ERP holds that the 810 does not.`,
    ];
  },
};
