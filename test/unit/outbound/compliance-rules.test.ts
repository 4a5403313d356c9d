// Compliance rules as data: each rule fails on the document it is about and passes on a good one, with
// messages naming the line / carton, the field and what was expected; partners switch rules by id and
// allowOverShip lets shipped exceed ordered.
import { describe, expect, it } from "vitest";
import { checkInvoice, checkOrderAck, checkShipNotice, COMPLIANCE_RULES, rulesFor, type ComplianceResult } from "../../../src/flows/compliance";
import { invoiceInputFrom, type InvoiceDraft } from "../../../src/flows/outbound-invoice";
import { orderAckInputFrom } from "../../../src/flows/outbound-order-ack";
import { shipNoticeInputFrom } from "../../../src/flows/outbound-ship-notice";
import type { InvoiceInput, Order850, OrderAckInput, ShipNoticeInput } from "../../../src/rsx";
import { createdFor, fixtureOrder, invoiceOf, linkFor, linksOf, partnerFor, remitTo, shipmentOf, ssccAllocator, supplier } from "./outbound-fixtures";

function shipNotice(shape: "BulkImport" | "CrossDock" = "BulkImport", order?: Order850): { input: ShipNoticeInput; order: Order850 } {
  const links = order ? [linkFor(order, createdFor(order, "SO1"))] : linksOf(shape);
  const result = shipNoticeInputFrom({
    shipment: shipmentOf(links),
    orders: links,
    partner: partnerFor(links[0]!.order),
    supplier,
    ssccFor: ssccAllocator().ssccFor,
    today: "2026-03-10",
  });
  if (!result.ok) throw new Error(result.error.reasons.join("\n"));
  return { input: result.value, order: links[0]!.order };
}

function invoice(): InvoiceDraft & { order: Order850 } {
  const links = linksOf("BulkImport");
  const result = invoiceInputFrom({ invoice: invoiceOf(links), orders: links, partner: partnerFor(links[0]!.order), supplier: { remitTo } });
  if (!result.ok) throw new Error(result.error.reasons.join("\n"));
  return { ...result.value, order: links[0]!.order };
}

function orderAck(): { input: OrderAckInput; order: Order850 } {
  const links = linksOf("DropShip");
  const result = orderAckInputFrom({ order: links[0]!.order, created: [links[0]!.created], today: "2026-03-06" });
  if (!result.ok) throw new Error(result.error.reasons.join("\n"));
  return { input: result.value, order: links[0]!.order };
}

const violations = (result: ComplianceResult) => (result.ok ? [] : result.violations);
const rulesHit = (result: ComplianceResult) => [...new Set(violations(result).map((v) => v.rule))];
const firstCarton = (input: ShipNoticeInput) => input.orders[0]!.cartons![0]!;

/** The SSCC with its check digit turned one up: the classic typo. */
function wrongCheckDigit(sscc: string): string {
  return `${sscc.slice(0, 17)}${(Number(sscc[17]) + 1) % 10}`;
}

describe("the rule table", () => {
  it("lists every rule once with words, document types and a default", () => {
    expect(COMPLIANCE_RULES.map((r) => r.id)).toEqual([
      "required-fields",
      "sscc-check-digit",
      "gtin-check-digit",
      "line-on-po",
      "quantity-within-order",
      "invoice-line-amounts",
      "invoice-totals",
      "dates-in-order",
      "parcel-tracking",
    ]);
    for (const rule of COMPLIANCE_RULES) {
      expect(rule.description.length).toBeGreaterThan(20);
      expect(rule.appliesTo.length).toBeGreaterThan(0);
    }
    expect(rulesFor("855", {}).map((r) => r.id)).toEqual(["required-fields", "gtin-check-digit", "line-on-po", "dates-in-order"]);
  });

  it("passes good documents of every type", () => {
    const sn = shipNotice("CrossDock");
    expect(checkShipNotice(sn.input, [sn.order], {})).toEqual({ ok: true });
    const inv = invoice();
    expect(checkInvoice(inv.input, [inv.order], {}, inv.erpAmounts)).toEqual({ ok: true });
    const ack = orderAck();
    expect(checkOrderAck(ack.input, [ack.order], {})).toEqual({ ok: true });
  });
});

describe("required-fields", () => {
  it("fails an 856 without a carrier SCAC or a ship-from, and an 810 without lines", () => {
    const { input, order } = shipNotice();
    const result = checkShipNotice({ ...input, carrier: { carrierRouting: "Best way" }, shipFrom: { country: "USA" } }, [order], {});
    expect(violations(result)).toEqual([
      { rule: "required-fields", message: expect.stringContaining("CarrierInformation/CarrierAlphaCode (carrier SCAC) is missing") },
      { rule: "required-fields", message: expect.stringContaining("ship-from address (SF) has neither a name nor a street") },
    ]);
    const inv = invoice();
    expect(violations(checkInvoice({ ...inv.input, lines: [] }, [inv.order], {}))).toEqual([
      { rule: "required-fields", message: "810 for PO CRM0091734 has no invoice line." },
    ]);
  });

  it("fails an 855 of a detail type without lines", () => {
    const { input, order } = orderAck();
    expect(violations(checkOrderAck({ ...input, lines: [] }, [order], {}))).toEqual([
      { rule: "required-fields", message: "855 type AD acknowledges lines, but it has none." },
    ]);
  });
});

describe("sscc-check-digit", () => {
  it("names the carton, the wrong check digit and the one expected", () => {
    const { input, order } = shipNotice();
    const carton = firstCarton(input);
    const bad = wrongCheckDigit(carton.sscc);
    carton.sscc = bad;
    const expected = (Number(bad[17]) + 9) % 10;
    expect(violations(checkShipNotice(input, [order], {}))).toEqual([
      {
        rule: "sscc-check-digit",
        message: `856 carton 1 (PO CRM0091734): ShippingSerialID ${bad} ends in check digit ${bad[17]}, expected ${expected}; correct the SSCC on the package (and its label) in the ERP.`,
      },
    ]);
  });

  it("fails a 20-digit id without the 00 prefix and an SSCC used twice, and passes the 00-prefixed form", () => {
    const { input, order } = shipNotice("CrossDock");
    const [a, b, c] = input.orders.map((o) => o.cartons![0]!);
    a!.sscc = `00${a!.sscc}`;
    b!.sscc = `10${b!.sscc}`;
    c!.sscc = a!.sscc.slice(2);
    const messages = violations(checkShipNotice(input, [order], {})).map((v) => v.message);
    expect(messages).toEqual([
      expect.stringContaining("carton 2 (PO NW4500124101 store 0127): ShippingSerialID \"10"),
      expect.stringContaining(`carton 3 (PO NW4500124101 store 0134): SSCC ${c!.sscc} is also on carton 1`),
    ]);
  });
});

describe("gtin-check-digit", () => {
  const badUpcOrder = () => {
    const order = fixtureOrder("BulkImport");
    const lines = order.lines.map((l, i) => (i === 1 ? { ...l, consumerPackageCode: "081234501021" } : l));
    return { ...order, lines };
  };

  it("names the PO line, the identifier and the expected check digit", () => {
    const order = badUpcOrder();
    const { input } = shipNotice("BulkImport", order);
    expect(violations(checkShipNotice(input, [order], {}))).toEqual([
      { rule: "gtin-check-digit", message: expect.stringContaining("856 PO CRM0091734 line 2: UPC (ConsumerPackageCode) 081234501021 ends in check digit 1, expected 0") },
    ]);
  });

  it("can be switched off for a partner", () => {
    const order = badUpcOrder();
    const { input } = shipNotice("BulkImport", order);
    expect(checkShipNotice(input, [order], { compliance: { "gtin-check-digit": false } })).toEqual({ ok: true });
  });
});

describe("line-on-po", () => {
  it("fails an item line that is not on the 850, and a PO that is not among the 850s", () => {
    const { input, order } = shipNotice();
    firstCarton(input).items.push({ line: "9", quantity: 1 });
    expect(violations(checkShipNotice(input, [order], {}))).toEqual([
      { rule: "line-on-po", message: "856 carton 1 (PO CRM0091734): line 9 is not on PO CRM0091734; every line must point at an 850 line." },
    ]);
    expect(violations(checkShipNotice(input, [fixtureOrder("DropShip")], {})).map((v) => v.message)).toContain(
      "856 names PO CRM0091734, which is not one of the 850s this document answers.",
    );
  });

  it("fails an invoice line that is not on the 850", () => {
    const inv = invoice();
    const input: InvoiceInput = { ...inv.input, lines: [...inv.input.lines, { line: "5", quantity: 1, unitPrice: 1 }] };
    expect(violations(checkInvoice(input, [inv.order], {})).filter((v) => v.rule === "line-on-po")).toEqual([
      { rule: "line-on-po", message: "810 invoice line 5: line 5 is not on PO CRM0091734; every line must point at an 850 line." },
    ]);
  });
});

describe("quantity-within-order", () => {
  it("fails an over-shipment unless the partner allows it", () => {
    const { input, order } = shipNotice();
    firstCarton(input).items[0]!.quantity = 80; // line 1 ordered 72
    expect(violations(checkShipNotice(input, [order], {}))).toEqual([
      {
        rule: "quantity-within-order",
        message: "856 PO CRM0091734 line 1: shipped 80 EA, ordered 72 EA; the partner does not accept more than ordered (set allowOverShip in its rules to allow it).",
      },
    ]);
    expect(checkShipNotice(input, [order], { allowOverShip: true })).toEqual({ ok: true });
  });

  it("compares a cross-dock store's cartons with that store's share", () => {
    const { input, order } = shipNotice("CrossDock");
    input.orders[1]!.cartons![0]!.items[0]!.quantity = 13; // store 0127 ordered 12 of line 1
    expect(violations(checkShipNotice(input, [order], {})).map((v) => v.message)).toEqual([
      "856 PO NW4500124101 line 1 for store 0127: shipped 13 EA, ordered 12 EA; the partner does not accept more than ordered (set allowOverShip in its rules to allow it).",
    ]);
  });

  it("fails an invoice for more than was ordered", () => {
    const inv = invoice();
    const input: InvoiceInput = { ...inv.input, lines: inv.input.lines.map((l) => (l.line === "3" ? { ...l, quantity: 25 } : l)) };
    expect(violations(checkInvoice(input, [inv.order], {})).map((v) => v.message)).toEqual([expect.stringContaining("810 PO CRM0091734 line 3: invoiced 25 EA, ordered 24 EA")]);
  });
});

describe("invoice-line-amounts and invoice-totals", () => {
  it("fails a line whose ERP amount is not quantity × price, naming both", () => {
    const inv = invoice();
    const erpAmounts = { ...inv.erpAmounts, lines: inv.erpAmounts.lines.map((l) => (l.line === "2" ? { ...l, amount: 445.2 } : l)) };
    expect(violations(checkInvoice(inv.input, [inv.order], {}, { ...erpAmounts, totalAmount: inv.erpAmounts.totalAmount }))).toEqual([
      { rule: "invoice-line-amounts", message: expect.stringContaining("810 line 2: the ERP bills 445.20, but 48 × 9.4 = 451.20") },
    ]);
  });

  it("fails totals that do not reconcile, with every part of the sum", () => {
    const inv = invoice();
    const result = checkInvoice(inv.input, [inv.order], {}, { ...inv.erpAmounts, totalAmount: inv.erpAmounts.totalAmount + 25 });
    expect(violations(result)).toEqual([
      {
        rule: "invoice-totals",
        message: expect.stringContaining("810 TotalAmount: lines 1,640.40 + charges 0.00 − allowances 0.00 + taxes 0.00 = 1,640.40, but the ERP invoice total is 1,665.40 (off by 25.00)"),
      },
    ]);
  });
});

describe("dates-in-order", () => {
  it("fails a ship date before the PO date", () => {
    const { input, order } = shipNotice();
    expect(violations(checkShipNotice({ ...input, shipDate: "2026-03-01" }, [order], {}))).toEqual([
      { rule: "dates-in-order", message: "856 ShipDate 2026-03-01 is before PO CRM0091734's date 2026-03-04; correct the shipment date in the ERP." },
    ]);
  });

  it("fails an invoice date and an acknowledgment date before the PO date", () => {
    const inv = invoice();
    expect(rulesHit(checkInvoice({ ...inv.input, invoiceDate: "2026-03-03" }, [inv.order], {}, inv.erpAmounts))).toEqual(["dates-in-order"]);
    const ack = orderAck();
    expect(violations(checkOrderAck({ ...ack.input, acknowledgementDate: "2026-03-04" }, [ack.order], {}))).toEqual([
      { rule: "dates-in-order", message: "855 AcknowledgementDate 2026-03-04 is before PO HD10045871's date 2026-03-05." },
    ]);
  });
});

describe("parcel-tracking", () => {
  it("is off by default and, switched on for a partner, wants a tracking number on every carton", () => {
    const { input, order } = shipNotice("CrossDock");
    expect(checkShipNotice(input, [order], {})).toEqual({ ok: true });
    const on = { compliance: { "parcel-tracking": true } };
    expect(violations(checkShipNotice(input, [order], on)).map((v) => v.message)).toEqual([
      "856 carton 1 (PO NW4500124101 store 0112): CarrierPackageID (tracking number) is missing; enter the package's tracking number in the ERP.",
      "856 carton 2 (PO NW4500124101 store 0127): CarrierPackageID (tracking number) is missing; enter the package's tracking number in the ERP.",
      "856 carton 3 (PO NW4500124101 store 0134): CarrierPackageID (tracking number) is missing; enter the package's tracking number in the ERP.",
    ]);
    input.orders.forEach((o, i) => (o.cartons![0]!.trackingNumber = `1ZTRACK${i}`));
    expect(checkShipNotice(input, [order], on)).toEqual({ ok: true });
  });
});

describe("partner overrides", () => {
  it("switches a default rule off by id and leaves the others on", () => {
    const { input, order } = shipNotice();
    const broken = { ...input, shipDate: "2026-03-01", carrier: {} };
    expect(rulesHit(checkShipNotice(broken, [order], {}))).toEqual(["required-fields", "dates-in-order"]);
    expect(rulesHit(checkShipNotice(broken, [order], { compliance: { "dates-in-order": false } }))).toEqual(["required-fields"]);
    expect(checkShipNotice(broken, [order], { compliance: { "dates-in-order": false, "required-fields": false } })).toEqual({ ok: true });
  });
});
