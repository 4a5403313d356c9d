// The compliance rule table: every rule the connector checks before sending, in the order violations are
// reported. Documentation (docs, the operator UI) lists this table; partners switch rules by id.
import { gtinCheckDigit, ssccCheckDigit } from "./check-digits";
import { datesInOrder } from "./dates-in-order";
import { invoiceLineAmounts, invoiceTotals } from "./invoice-amounts";
import { lineOnPo, quantityWithinOrder } from "./order-lines";
import { parcelTracking } from "./parcel-tracking";
import { requiredFields } from "./required-fields";
import type { ComplianceRule } from "./types";

export const COMPLIANCE_RULES: readonly ComplianceRule[] = [
  requiredFields,
  ssccCheckDigit,
  gtinCheckDigit,
  lineOnPo,
  quantityWithinOrder,
  invoiceLineAmounts,
  invoiceTotals,
  datesInOrder,
  parcelTracking,
];
