// The shapes of compliance checking before sending: a rule is data (id, words,
// document types, default on/off) plus a pure check that returns what is wrong in words an operator can
// act on; partners switch rules on or off by id (PartnerRules.compliance).
import type { PartnerRules } from "../../db/partners";
import type { InvoiceInput, OrderAckInput, ShipNoticeInput } from "../../rsx";
import type { Order850 } from "../../rsx/order-850";

export type ComplianceDocumentType = "856" | "810" | "855";

/** What the ERP itself says an invoice amounts to; the 810 is computed from quantities and prices. */
export interface ErpInvoiceAmounts {
  /** Per 850 line key: the ERP's line amount (several ERP lines of one 850 line added up). */
  lines: Array<{ line: string; amount: number }>;
  /** The ERP's document total. */
  totalAmount: number;
}

/** A built document's input, with the 850s it answers (the authority for lines, quantities and dates). */
export type ComplianceSubject =
  | { documentType: "856"; input: ShipNoticeInput; orders: readonly Order850[] }
  | { documentType: "810"; input: InvoiceInput; orders: readonly Order850[]; erpAmounts?: ErpInvoiceAmounts | undefined }
  | { documentType: "855"; input: OrderAckInput; orders: readonly Order850[] };

export interface ComplianceRule {
  /** Stable id, the key of PartnerRules.compliance. */
  id: string;
  /** One sentence for the rule table in the docs and the operator UI. */
  description: string;
  appliesTo: readonly ComplianceDocumentType[];
  enabledByDefault: boolean;
  /** Every violation as a sentence naming the line / carton, the field and what was expected. */
  check(subject: ComplianceSubject, rules: PartnerRules): string[];
}

export interface ComplianceViolation {
  rule: string;
  message: string;
}

export type ComplianceResult = { ok: true } | { ok: false; violations: ComplianceViolation[] };
