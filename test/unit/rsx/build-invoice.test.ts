// The 810 builder: invoice header and lines echo the PO, totals add up, terms get due dates from the
// invoice date, and elements follow RSX 7.7 order.
import { describe, expect, it } from "vitest";
import { buildInvoice, type InvoiceInput } from "../../../src/rsx";
import { childNames, distinct } from "./element-order";
import { fixtureOrder } from "./fixtures";

function invoiceFor(overrides: Partial<InvoiceInput> = {}): InvoiceInput {
  const order = fixtureOrder("CrossDock");
  return {
    order,
    invoiceNumber: "INV2603100784",
    invoiceDate: "2026-03-10",
    shipDate: "2026-03-10",
    billOfLadingNumber: "BOL20260310784",
    remitTo: { addressName: "Blue Heron Candle Co.", address1: "PO Box 5520", city: "Eugene", state: "OR", postalCode: "97405", country: "USA" },
    chargesAllowances: [{ allowChrgIndicator: "C", allowChrgCode: "D240", allowChrgAmt: 25, allowChrgHandlingCode: "06", allowChrgHandlingDescription: "Freight" }],
    cartonCount: 15,
    lines: [
      { line: "1", quantity: 48 },
      { line: "2", quantity: 30 },
      { line: "3", quantity: 12 },
    ],
    ...overrides,
  };
}

function built(input: InvoiceInput) {
  const result = buildInvoice(input);
  if (!result.ok) throw new Error(result.error.reasons.join("; "));
  return result.value;
}

describe("building an 810", () => {
  it("writes the header and lines in schema order", () => {
    const { xml } = built(invoiceFor());
    expect(xml).toContain('<Invoices xmlns="http://www.spscommerce.com/RSX">');
    expect(childNames(xml, ["Invoices", "Invoice", "Header", "InvoiceHeader"])).toEqual([
      "TradingPartnerId",
      "InvoiceNumber",
      "InvoiceDate",
      "PurchaseOrderDate",
      "PurchaseOrderNumber",
      "PrimaryPOTypeCode",
      "ReleaseNumber",
      "InvoiceTypeCode",
      "TsetPurposeCode",
      "BuyersCurrency",
      "Department",
      "Vendor",
      "Division",
      "BillOfLadingNumber",
      "ShipDate",
    ]);
    expect(distinct(childNames(xml, ["Invoices", "Invoice", "Header"]))).toEqual([
      "InvoiceHeader",
      "PaymentTerms",
      "Dates",
      "Address",
      "References",
      "ChargesAllowances",
      "FOBRelatedInstruction",
      "QuantityTotals",
    ]);
    expect(childNames(xml, ["Invoices", "Invoice", "LineItem", "InvoiceLine"])).toEqual([
      "LineSequenceNumber",
      "BuyerPartNumber",
      "VendorPartNumber",
      "ConsumerPackageCode",
      "GTIN",
      "InvoiceQty",
      "InvoiceQtyUOM",
      "PurchasePrice",
      "PurchasePriceBasis",
      "ShipQty",
      "ShipQtyUOM",
      "ExtendedItemTotal",
    ]);
    expect(childNames(xml, ["Invoices", "Invoice", "Summary"])).toEqual([
      "TotalAmount",
      "TotalSalesAmount",
      "TotalFreightCharges",
      "TotalCartonCount",
      "TotalLineItemNumber",
    ]);
  });

  it("adds up merchandise and charges, and dates the terms from the invoice", () => {
    const invoice = JSON.parse(built(invoiceFor()).json);
    expect(invoice.Summary).toEqual({ TotalAmount: 823, TotalSalesAmount: 798, TotalFreightCharges: 25, TotalCartonCount: 15, TotalLineItemNumber: 3 });
    expect(invoice.LineItem.map((l: { InvoiceLine: { ExtendedItemTotal: number } }) => l.InvoiceLine.ExtendedItemTotal)).toEqual([300, 282, 216]);
    expect(invoice.Header.PaymentTerms).toEqual([
      {
        TermsType: "08",
        TermsBasisDateCode: "3",
        TermsDiscountPercentage: 2,
        TermsDiscountDate: "2026-03-20",
        TermsDiscountDueDays: 10,
        TermsNetDueDate: "2026-04-09",
        TermsNetDueDays: 30,
        TermsDiscountAmount: 15.96,
        TermsDescription: "2% 10 NET 30",
      },
    ]);
    expect(invoice.Header.Address.map((a: { AddressTypeCode: string }) => a.AddressTypeCode)).toEqual(["RI", "BT", "ST"]);
    expect(invoice.Header.InvoiceHeader.InvoiceTypeCode).toBe("DR");
  });

  it("subtracts allowances and adds taxes; bills a changed price", () => {
    const invoice = JSON.parse(
      built(
        invoiceFor({
          chargesAllowances: [{ allowChrgIndicator: "A", allowChrgCode: "C310", allowChrgAmt: 10.5 }],
          taxes: [{ taxTypeCode: "ST", taxAmount: 7.25 }],
          lines: [{ line: "1", quantity: 10, unitPrice: 6.1 }],
          paymentTerms: null,
        }),
      ).json,
    );
    expect(invoice.Summary).toMatchObject({ TotalAmount: 57.75, TotalSalesAmount: 61 });
    expect(invoice.Summary.TotalFreightCharges).toBeUndefined();
    expect(invoice.Header.PaymentTerms).toBeUndefined();
    expect(invoice.LineItem[0].InvoiceLine).toMatchObject({ InvoiceQty: 10, PurchasePrice: 6.1, ExtendedItemTotal: 61 });
  });

  it("refuses lines that are not on the PO and invalid quantities", () => {
    const result = buildInvoice(invoiceFor({ invoiceNumber: " ", lines: [{ line: "4", quantity: 1 }, { line: "1", quantity: -2 }] }));
    expect(!result.ok && result.error.reasons).toEqual([
      "InvoiceNumber is empty.",
      "Line 4 is not on PO NW4500124101.",
      "Line 1: quantity -2 is not above zero.",
    ]);
  });
});
