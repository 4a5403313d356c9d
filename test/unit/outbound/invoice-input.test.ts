// The 810 mapping rules: ERP invoice + the 850 → InvoiceInput for each order shape, merged lines of a
// store-split PO, freight / discount / tax as charges, allowances and taxes, credit memos, terms from the
// 850 or the ERP, and invoices that cannot be traced to one 850.
import { describe, expect, it } from "vitest";
import { checkInvoice } from "../../../src/flows/compliance";
import { invoiceInputFrom, type InvoiceDraft, type InvoiceSource } from "../../../src/flows/outbound-invoice";
import { buildInvoice, type InvoiceInput } from "../../../src/rsx";
import { createdFor, fixtureOrder, invoiceOf, linkFor, linksOf, partnerFor, remitTo, SHAPES, shipmentOf } from "./outbound-fixtures";

function sourceFor(overrides: Partial<InvoiceSource> & Pick<InvoiceSource, "invoice" | "orders">): InvoiceSource {
  return { partner: partnerFor(overrides.orders[0]!.order), supplier: { vendor: "V48213", remitTo }, ...overrides };
}

function mapped(source: InvoiceSource): InvoiceDraft {
  const result = invoiceInputFrom(source);
  if (!result.ok) throw new Error(result.error.reasons.join("\n"));
  return result.value;
}

function reasonsOf(source: InvoiceSource): string[] {
  const result = invoiceInputFrom(source);
  if (result.ok) throw new Error("expected the mapping to be invalid");
  return result.error.reasons;
}

function builtJson(input: InvoiceInput) {
  const built = buildInvoice(input);
  if (!built.ok) throw new Error(built.error.reasons.join("\n"));
  return JSON.parse(built.value.json);
}

describe("mapping an invoice of each order shape", () => {
  it.each(SHAPES)("%s: builds, reconciles with the ERP amounts and passes the RSX builder", (shape) => {
    const links = linksOf(shape);
    const draft = mapped(sourceFor({ invoice: invoiceOf(links), orders: links }));
    expect(checkInvoice(draft.input, [links[0]!.order], {}, draft.erpAmounts)).toEqual({ ok: true });
    const doc = builtJson(draft.input);
    const order = links[0]!.order;
    expect(doc.Header.InvoiceHeader).toMatchObject({
      InvoiceNumber: "INV000101",
      InvoiceDate: "2026-03-11",
      PurchaseOrderNumber: order.header.purchaseOrderNumber,
      PurchaseOrderDate: order.header.purchaseOrderDate,
      InvoiceTypeCode: "DR",
      Vendor: "V48213",
    });
    expect(doc.LineItem.map((l: any) => [l.InvoiceLine.LineSequenceNumber, l.InvoiceLine.InvoiceQty])).toEqual(order.lines.map((l) => [l.lineSequenceNumber, l.orderQty]));
    expect(doc.Summary.TotalAmount).toBe(draft.erpAmounts.totalAmount);
    expect(doc.Header.Address[0]).toMatchObject({ AddressTypeCode: "RI", AddressName: "Blue Heron Candle Co." });
  });

  it("merges the store orders of a multi-store PO per 850 line and names one store's ship-to when it bills one", () => {
    const links = linksOf("MultiStore");
    const all = mapped(sourceFor({ invoice: invoiceOf(links), orders: links }));
    expect(all.input.lines).toEqual([
      { line: "1", quantity: 48, unitPrice: 11.5 },
      { line: "2", quantity: 30, unitPrice: 11.5 },
      { line: "3", quantity: 72, unitPrice: 3.2 },
    ]);
    expect(all.input.shipTo).toBeUndefined();
    expect(all.input.internalOrderNumber).toBeUndefined();
    const one = mapped(sourceFor({ invoice: invoiceOf([links[2]!]), orders: [links[2]!] }));
    expect(one.input.shipTo).toMatchObject({ addressLocationNumber: "0030" });
    expect(one.input.internalOrderNumber).toBe("SO-MultiStore-0030");
  });

  it("sends freight as a D240 charge, a discount as a C310 allowance and the tax total as a tax", () => {
    const links = linksOf("BulkImport");
    const base = invoiceOf(links);
    const invoice = { ...base, freight: 25, discountTotal: 10, taxTotal: 4.2, total: Math.round((base.total + 25 - 10 + 4.2) * 100) / 100 };
    const draft = mapped(sourceFor({ invoice, orders: links }));
    expect(draft.input.chargesAllowances).toEqual([
      expect.objectContaining({ allowChrgIndicator: "C", allowChrgCode: "D240", allowChrgAmt: 25 }),
      expect.objectContaining({ allowChrgIndicator: "A", allowChrgCode: "C310", allowChrgAmt: 10 }),
    ]);
    expect(draft.input.taxes).toEqual([{ taxTypeCode: "ST", taxAmount: 4.2 }]);
    expect(checkInvoice(draft.input, [links[0]!.order], {}, draft.erpAmounts)).toEqual({ ok: true });
    const doc = builtJson(draft.input);
    expect(doc.Summary).toMatchObject({ TotalAmount: invoice.total, TotalFreightCharges: 25 });
  });

  it("marks a credit memo CR", () => {
    const links = linksOf("DropShip");
    const draft = mapped(sourceFor({ invoice: invoiceOf(links, { credit: true, invoiceType: "Credit Memo" }), orders: links }));
    expect(draft.input.invoiceTypeCode).toBe("CR");
  });

  it("uses the 850's payment terms, and the ERP's terms and due date when the 850 has none", () => {
    const links = linksOf("CrossDock");
    const withPoTerms = mapped(sourceFor({ invoice: invoiceOf(links), orders: links }));
    expect(withPoTerms.input.paymentTerms).toBeUndefined(); // buildInvoice dates the 850's terms from the invoice date
    expect(builtJson(withPoTerms.input).Header.PaymentTerms[0]).toMatchObject({ TermsDescription: "2% 10 NET 30", TermsNetDueDate: "2026-04-10" });

    const order = fixtureOrder("BulkImport");
    const noTerms = { ...order, paymentTerms: [] };
    const link = linkFor(noTerms, createdFor(noTerms, "SO5"));
    const draft = mapped(sourceFor({ invoice: invoiceOf([link]), orders: [link] }));
    expect(draft.input.paymentTerms).toEqual({ termsDescription: "30D", termsNetDueDate: "2026-04-10" });
  });

  it("takes the ship date, bill of lading and carton count from the invoiced shipments", () => {
    const links = linksOf("DropShip");
    const shipment = shipmentOf(links, { shipDate: "2026-03-09", billOfLading: "BOL1", packages: [{ packageId: "1", contents: [] }, { packageId: "2", contents: [] }] });
    const draft = mapped(sourceFor({ invoice: invoiceOf(links), orders: links, shipments: [shipment] }));
    expect(draft.input).toMatchObject({ shipDate: "2026-03-09", billOfLadingNumber: "BOL1", cartonCount: 2 });
  });

  it("converts ERP quantity and price back to the 850's unit", () => {
    const order = fixtureOrder("DropShip"); // line 2: 2 EA at 11.50
    const created = createdFor(order, "SO9");
    created.lines[1] = { ...created.lines[1]!, qty: 1, uom: "PR", unitPrice: 23 };
    const link = linkFor(order, created);
    const draft = mapped(sourceFor({ invoice: invoiceOf([link]), orders: [link] }));
    expect(draft.input.lines[1]).toEqual({ line: "2", quantity: 2, unitPrice: 11.5 });
    expect(checkInvoice(draft.input, [order], {}, draft.erpAmounts)).toEqual({ ok: true });
  });
});

describe("invoices that cannot be traced to one 850", () => {
  it("names an invoice line that points at no created order line", () => {
    const links = linksOf("BulkImport");
    const invoice = invoiceOf(links);
    invoice.lines.push({ orderNbr: "", itemId: "FREIGHT-SVC", qty: 1, unitPrice: 5, amount: 5 });
    expect(reasonsOf(sourceFor({ invoice, orders: links }))).toEqual([expect.stringContaining("Invoice INV000101 line 5 (item FREIGHT-SVC, sales order (no order)): sales order (none) was not created from any 850")]);
  });

  it("refuses an invoice that bills two purchase orders", () => {
    const links = [...linksOf("BulkImport"), ...linksOf("DropShip")];
    const reasons = reasonsOf(sourceFor({ invoice: invoiceOf(links), orders: links, partner: { partnerId: "CRSALLCRESTMKT", rules: {} } }));
    expect(reasons).toContain("Invoice INV000101 bills 2 purchase orders (CRM0091734, HD10045871); an 810 answers one PO, so invoice each PO separately.");
    expect(reasons).toContain("Invoice INV000101: PO HD10045871 is from trading partner HDOALLHOMEDIRC, not CRSALLCRESTMKT.");
  });

  it("refuses one 850 line billed at two prices", () => {
    const links = linksOf("MultiStore");
    const invoice = invoiceOf(links);
    invoice.lines[0] = { ...invoice.lines[0]!, unitPrice: 11, amount: 132 };
    // Store 0010's line 1 is at 11; stores 0020 and 0030 (invoice lines 4 and 7) bill the same 850 line at 11.50.
    expect(reasonsOf(sourceFor({ invoice, orders: links }))).toEqual([
      expect.stringContaining("Invoice INV000101 line 4: 850 line 1 is billed at 11 and at 11.5"),
      expect.stringContaining("Invoice INV000101 line 7: 850 line 1 is billed at 11 and at 11.5"),
    ]);
  });
});
