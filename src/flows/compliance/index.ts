// Checking outbound documents before they leave, so a retailer never receives one it would charge back for: run every compliance rule that applies to the
// document type and is switched on for the partner (PartnerRules.compliance overrides the default by rule
// id), and report every violation with the rule that found it.
import type { PartnerRules } from "../../db/partners";
import type { InvoiceInput, OrderAckInput, ShipNoticeInput } from "../../rsx";
import type { Order850 } from "../../rsx/order-850";
import { COMPLIANCE_RULES } from "./rule-table";
import type { ComplianceDocumentType, ComplianceResult, ComplianceRule, ComplianceSubject, ErpInvoiceAmounts } from "./types";

export { COMPLIANCE_RULES } from "./rule-table";
export type { ComplianceDocumentType, ComplianceResult, ComplianceRule, ComplianceSubject, ComplianceViolation, ErpInvoiceAmounts } from "./types";

/** Whether a rule runs for a partner: its override when it has one, else the rule's default. */
export function ruleEnabled(rule: ComplianceRule, rules: PartnerRules): boolean {
  return rules.compliance?.[rule.id] ?? rule.enabledByDefault;
}

/** The rules that run for a document type and partner, in table order. */
export function rulesFor(documentType: ComplianceDocumentType, rules: PartnerRules): ComplianceRule[] {
  return COMPLIANCE_RULES.filter((rule) => rule.appliesTo.includes(documentType) && ruleEnabled(rule, rules));
}

export function checkDocument(subject: ComplianceSubject, rules: PartnerRules): ComplianceResult {
  const violations = rulesFor(subject.documentType, rules).flatMap((rule) => rule.check(subject, rules).map((message) => ({ rule: rule.id, message })));
  return violations.length === 0 ? { ok: true } : { ok: false, violations };
}

export function checkShipNotice(input: ShipNoticeInput, orders: readonly Order850[], rules: PartnerRules): ComplianceResult {
  return checkDocument({ documentType: "856", input, orders }, rules);
}

/** `erpAmounts` (from invoiceInputFrom) lets the amount rules compare the 810 with what the ERP billed. */
export function checkInvoice(input: InvoiceInput, orders: readonly Order850[], rules: PartnerRules, erpAmounts?: ErpInvoiceAmounts): ComplianceResult {
  return checkDocument({ documentType: "810", input, orders, erpAmounts }, rules);
}

export function checkOrderAck(input: OrderAckInput, orders: readonly Order850[], rules: PartnerRules): ComplianceResult {
  return checkDocument({ documentType: "855", input, orders }, rules);
}
