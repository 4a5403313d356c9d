// Builds the 810 invoice (sps-commerce.md §3.6) from the ERP invoice and the original 850: header and lines
// echo the PO (numbers, dates, identifiers, references), the remit-to comes from the supplier's settings, and
// the PO's payment terms get their due dates from the invoice date. Summary: TotalAmount = merchandise +
// charges − allowances + taxes; which totals a retailer wants is retailer-specific (§3.6), these are the usual.
import { ok } from "../lib/result";
import type { PaymentTerms, Tax } from "./common-groups";
import {
  addressOut,
  carrierOut,
  chargeAllowanceOut,
  fobOut,
  itemIdentifiersOut,
  paymentTermsOut,
  priceInformationOut,
  productAttributesOut,
  productDescriptionOut,
  referenceOut,
  taxOut,
  type AddressInput,
  type CarrierInput,
  type ChargeAllowanceInput,
} from "./echo-groups";
import { INVOICE } from "./invoice-810-elements";
import type { Order850 } from "./order-850";
import { addressByType, linesByKey } from "./order-850-queries";
import { addDays, checkDateTimes, isPositiveQuantity, roundMoney } from "./outbound-values";
import type { RsxOut } from "./rsx-arrange";
import { renderRsxDocument, type BuiltRsxDocument } from "./rsx-document";
import { invalid, type RsxResult } from "./rsx-result";

export interface InvoiceLineInput {
  /** The 850 line (LineSequenceNumber, or 1-based position; see orderLineKey). */
  line: string;
  quantity: number;
  /** Defaults to the 850 line's OrderQtyUOM. */
  uom?: string;
  /** Defaults to the 850 line's PurchasePrice. */
  unitPrice?: number;
  /** Defaults to the invoiced quantity. */
  shipQty?: number;
}

export interface InvoiceInput {
  order: Order850;
  invoiceNumber: string;
  /** YYYY-MM-DD; also the base of the payment terms' due dates. */
  invoiceDate: string;
  /** DR debit/normal (default), CR credit (§3.6). */
  invoiceTypeCode?: string;
  /** 00 original (default). */
  tsetPurposeCode?: string;
  /** The ERP sales order number. */
  internalOrderNumber?: string;
  shipDate?: string;
  billOfLadingNumber?: string;
  carrierProNumber?: string;
  /** The supplier's remit-to (RI), from configuration. */
  remitTo?: AddressInput;
  /** Default: the 850's BT. */
  billTo?: AddressInput;
  /** Default: the 850's ST. */
  shipTo?: AddressInput;
  /** Cross-dock store invoiced separately: a Z7 mark-for. */
  markFor?: AddressInput;
  /** Default: the 850's first PaymentTerms with due dates from the invoice date; null sends none. */
  paymentTerms?: PaymentTerms | null;
  /** Charges (C, e.g. D240 freight) and allowances (A, e.g. C310 discount). */
  chargesAllowances?: ChargeAllowanceInput[];
  taxes?: Tax[];
  carrier?: CarrierInput;
  cartonCount?: number;
  lines: InvoiceLineInput[];
}

const FREIGHT_CODE = "D240"; // §3.6

export function buildInvoice(input: InvoiceInput): RsxResult<BuiltRsxDocument> {
  const { order } = input;
  const lines = linesByKey(order);
  const reasons: string[] = [];
  if (input.invoiceNumber.trim() === "") reasons.push("InvoiceNumber is empty.");
  checkDateTimes(
    [
      ["InvoiceDate", input.invoiceDate, "date"],
      ["ShipDate", input.shipDate, "date"],
    ],
    reasons,
  );
  if (input.lines.length === 0) reasons.push("The invoice has no line.");
  const seen = new Set<string>();
  for (const l of input.lines) {
    const poLine = lines.get(l.line);
    if (poLine === undefined) reasons.push(`Line ${l.line} is not on PO ${order.header.purchaseOrderNumber}.`);
    else if (l.unitPrice === undefined && poLine.purchasePrice === undefined) {
      reasons.push(`Line ${l.line} has no price: the PO gives none and the invoice line has none.`);
    }
    if (seen.has(l.line)) reasons.push(`Line ${l.line} is invoiced twice; give its total in one line.`);
    seen.add(l.line);
    if (!isPositiveQuantity(l.quantity)) reasons.push(`Line ${l.line}: quantity ${l.quantity} is not above zero.`);
    if (l.unitPrice !== undefined && (!Number.isFinite(l.unitPrice) || l.unitPrice < 0)) reasons.push(`Line ${l.line}: price ${l.unitPrice} is not a price.`);
  }
  for (const c of input.chargesAllowances ?? []) {
    if (c.allowChrgAmt !== undefined && !Number.isFinite(c.allowChrgAmt)) reasons.push(`Charge ${c.allowChrgCode ?? ""}: amount is not a number.`);
  }
  if (reasons.length > 0) return invalid(reasons);

  const lineItems: RsxOut[] = [];
  let merchandise = 0;
  let units = 0;
  const uoms = new Set<string | undefined>();
  for (const l of input.lines) {
    const poLine = lines.get(l.line)!;
    const price = l.unitPrice ?? poLine.purchasePrice!;
    const extended = roundMoney(l.quantity * price);
    merchandise += extended;
    units += l.quantity;
    uoms.add(l.uom ?? poLine.orderQtyUOM);
    lineItems.push({
      InvoiceLine: {
        ...itemIdentifiersOut(poLine),
        InvoiceQty: l.quantity,
        InvoiceQtyUOM: l.uom ?? poLine.orderQtyUOM,
        PurchasePrice: price,
        PurchasePriceBasis: poLine.purchasePriceBasis,
        ShipQty: l.shipQty ?? l.quantity,
        ShipQtyUOM: l.uom ?? poLine.orderQtyUOM,
        ExtendedItemTotal: extended,
        ...productAttributesOut(poLine),
      },
      PriceInformation: poLine.priceInformation.map(priceInformationOut),
      ProductOrItemDescription: poLine.productDescriptions.map(productDescriptionOut),
      References: poLine.references.map(referenceOut),
    });
  }
  merchandise = roundMoney(merchandise);

  const charges = input.chargesAllowances ?? [];
  const signed = (c: ChargeAllowanceInput) => (c.allowChrgIndicator === "A" ? -1 : c.allowChrgIndicator === "C" ? 1 : 0) * (c.allowChrgAmt ?? 0);
  const chargeTotal = roundMoney(charges.reduce((s, c) => s + signed(c), 0));
  const freight = roundMoney(charges.filter((c) => c.allowChrgIndicator === "C" && c.allowChrgCode === FREIGHT_CODE).reduce((s, c) => s + (c.allowChrgAmt ?? 0), 0));
  const taxTotal = roundMoney((input.taxes ?? []).reduce((s, t) => s + (t.taxAmount ?? 0), 0));
  const terms = input.paymentTerms === null ? undefined : (input.paymentTerms ?? termsFromOrder(order, input.invoiceDate, merchandise));

  const h = order.header;
  const billTo = input.billTo ?? addressByType(order, "BT");
  const shipTo = input.shipTo ?? addressByType(order, "ST");
  const content: RsxOut = {
    Header: {
      InvoiceHeader: {
        TradingPartnerId: h.tradingPartnerId,
        InvoiceNumber: input.invoiceNumber,
        InvoiceDate: input.invoiceDate,
        PurchaseOrderDate: h.purchaseOrderDate,
        PurchaseOrderNumber: h.purchaseOrderNumber,
        PrimaryPOTypeCode: h.primaryPOTypeCode,
        ReleaseNumber: h.releaseNumber,
        InvoiceTypeCode: input.invoiceTypeCode ?? "DR",
        TsetPurposeCode: input.tsetPurposeCode ?? "00",
        BuyersCurrency: h.buyersCurrency,
        InternalOrderNumber: input.internalOrderNumber,
        Department: h.department,
        Vendor: h.vendor,
        Division: h.division,
        CustomerAccountNumber: h.customerAccountNumber,
        CustomerOrderNumber: h.customerOrderNumber,
        CarrierProNumber: input.carrierProNumber,
        BillOfLadingNumber: input.billOfLadingNumber,
        ShipDate: input.shipDate,
      },
      PaymentTerms: terms ? [paymentTermsOut(terms)] : [],
      Dates: input.shipDate ? [{ DateTimeQualifier: "011", Date: input.shipDate }] : [],
      Address: [
        input.remitTo && addressOut({ ...input.remitTo, addressTypeCode: "RI" }),
        billTo && addressOut({ ...billTo, addressTypeCode: "BT" }),
        shipTo && addressOut({ ...shipTo, addressTypeCode: "ST" }),
        input.markFor && addressOut({ ...input.markFor, addressTypeCode: "Z7" }),
      ],
      // Retailers typically want back whatever References the PO carried (§4 item 10).
      References: order.references.map(referenceOut),
      Taxes: (input.taxes ?? []).map(taxOut),
      ChargesAllowances: charges.map(chargeAllowanceOut),
      FOBRelatedInstruction: order.fobRelatedInstructions.map(fobOut),
      CarrierInformation: input.carrier ? [carrierOut(input.carrier)] : [],
      QuantityTotals: [
        { QuantityTotalsQualifier: "SQT", Quantity: units, QuantityUOM: uoms.size === 1 ? [...uoms][0] : undefined },
      ],
    },
    LineItem: lineItems,
    Summary: {
      TotalAmount: roundMoney(merchandise + chargeTotal + taxTotal),
      TotalSalesAmount: merchandise,
      TotalFreightCharges: freight > 0 ? freight : undefined,
      TotalCartonCount: input.cartonCount,
      TotalLineItemNumber: lineItems.length,
    },
  };
  return ok(renderRsxDocument(INVOICE, "Invoices", content));
}

/**
 * The PO's first PaymentTerms, with discount and net due dates counted from the invoice date when the terms
 * run from it (TermsBasisDateCode 3, or none given), and the discount amount on the merchandise.
 */
export function termsFromOrder(order: Order850, invoiceDate: string, merchandise: number): PaymentTerms | undefined {
  const po = order.paymentTerms[0];
  if (po === undefined) return undefined;
  const fromInvoice = po.termsBasisDateCode === undefined || po.termsBasisDateCode === "3";
  return {
    ...po,
    termsDiscountDate: po.termsDiscountDate ?? (fromInvoice && po.termsDiscountDueDays !== undefined ? addDays(invoiceDate, po.termsDiscountDueDays) : undefined),
    termsNetDueDate: po.termsNetDueDate ?? (fromInvoice && po.termsNetDueDays !== undefined ? addDays(invoiceDate, po.termsNetDueDays) : undefined),
    termsDiscountAmount:
      po.termsDiscountPercentage !== undefined ? roundMoney((merchandise * po.termsDiscountPercentage) / 100) : po.termsDiscountAmount,
  };
}
