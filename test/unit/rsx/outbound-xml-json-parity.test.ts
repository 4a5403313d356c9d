// The XML and JSON forms of every built document carry the same elements: the XML read back with our reader
// equals the JSON read back, for the 855, 856 and 810 of every fixture shape.
import { describe, expect, it } from "vitest";
import {
  buildInvoice,
  buildOrderAck,
  buildShipNotice,
  buildSscc,
  deriveAckLines,
  splitByShipTo,
  type BuiltRsxDocument,
  type Order850,
  type RsxResult,
} from "../../../src/rsx";
import { readRsxJson } from "../../../src/rsx/json-reader";
import { readRsxXml } from "../../../src/rsx/xml-reader";
import { fixtureOrder } from "./fixtures";

const shapes = ["CrossDock", "MultiStore", "BulkImport", "DropShip"] as const;
let serial = 5000;

function documentsFor(order: Order850): Record<string, RsxResult<BuiltRsxDocument>> {
  const accepted = order.lines.map((l) => ({ lineSequenceNumber: l.lineSequenceNumber, quantity: l.orderQty!, unitPrice: l.purchasePrice }));
  const derived = deriveAckLines(order, accepted);
  const groups = splitByShipTo(order).groups;
  return {
    "855": buildOrderAck({ order, acknowledgementDate: "2026-03-06", acknowledgementType: derived.acknowledgementType, lines: derived.lines }),
    "856": buildShipNotice({
      shipmentId: `ASN-${order.header.purchaseOrderNumber}`,
      shipDate: "2026-03-10",
      shipNoticeDate: "2026-03-10",
      shipFrom: { addressName: "Blue Heron Candle Co. Warehouse", city: "Eugene", state: "OR" },
      shipTo: groups[0]!.shipTo,
      orders: groups.map((g) => ({
        order,
        ...(g.markFor ? { markFor: g.markFor } : {}),
        cartons: g.lines.map((l) => {
          const sscc = buildSscc({ extensionDigit: 0, companyPrefix: "0812345", serial: serial++ });
          if (!sscc.ok) throw new Error("sscc");
          return { sscc: sscc.value, weight: 7.25, items: [{ line: l.line.lineSequenceNumber!, quantity: l.quantity }] };
        }),
      })),
    }),
    "810": buildInvoice({
      order,
      invoiceNumber: `INV-${order.header.purchaseOrderNumber}`,
      invoiceDate: "2026-03-10",
      chargesAllowances: [{ allowChrgIndicator: "C", allowChrgCode: "D240", allowChrgAmt: 12.5 }],
      lines: order.lines.map((l) => ({ line: l.lineSequenceNumber!, quantity: l.orderQty! })),
    }),
  };
}

describe("XML and JSON outputs carry the same document", () => {
  for (const shape of shapes) {
    it(`${shape}: 855, 856 and 810`, () => {
      const documents = documentsFor(fixtureOrder(shape));
      for (const [type, result] of Object.entries(documents)) {
        if (!result.ok) throw new Error(`${type}: ${result.error.reasons.join("; ")}`);
        const fromXml = readRsxXml(result.value.xml, 64);
        const fromJson = readRsxJson(result.value.json, 64);
        if (!fromXml.ok || !fromJson.ok) throw new Error(`${type} does not read back`);
        const wrapper = fromXml.value.root;
        const documentName = Object.keys(wrapper)[0]!;
        expect(Object.keys(wrapper)).toHaveLength(1);
        expect([type, wrapper[documentName]]).toEqual([type, fromJson.value]);
      }
    });
  }

  it("writes numbers as JSON numbers and identifiers as strings", () => {
    const result = documentsFor(fixtureOrder("CrossDock"))["810"]!;
    if (!result.ok) throw new Error(result.error.reasons.join("; "));
    const invoice = JSON.parse(result.value.json);
    expect(typeof invoice.LineItem[0].InvoiceLine.InvoiceQty).toBe("number");
    expect(invoice.LineItem[0].InvoiceLine.ConsumerPackageCode).toBe("081234501013");
    expect(invoice.Summary.TotalLineItemNumber).toBe(3);
    expect(result.value.xml).toContain("<ConsumerPackageCode>081234501013</ConsumerPackageCode>");
  });
});
