// The 855 builder echoes the PO and acknowledges each line, in RSX 7.7 element order, or says why it cannot.
import { describe, expect, it } from "vitest";
import { buildOrderAck, type OrderAckInput } from "../../../src/rsx";
import { childNames, distinct } from "./element-order";
import { fixtureOrder } from "./fixtures";

function ackFor(overrides: Partial<OrderAckInput> = {}): OrderAckInput {
  const order = fixtureOrder("CrossDock");
  return {
    order,
    acknowledgementType: "AC",
    acknowledgementDate: "2026-03-03",
    acknowledgementNumber: "SO-778",
    dates: [{ dateTimeQualifier: "068", date: "2026-03-10" }],
    lines: [
      { line: "1", acknowledgements: [{ itemStatusCode: "IA", quantity: 48, scheduleDate: "2026-03-10" }] },
      { line: "2", acknowledgements: [{ itemStatusCode: "IQ", quantity: 24 }, { itemStatusCode: "IB", quantity: 6, scheduleDate: "2026-03-20", scheduleQualifier: "017" }] },
      { line: "3", acknowledgements: [{ itemStatusCode: "IP", quantity: 12, unitPrice: 17.5 }] },
    ],
    ...overrides,
  };
}

function built(input: OrderAckInput) {
  const result = buildOrderAck(input);
  if (!result.ok) throw new Error(result.error.reasons.join("; "));
  return result.value;
}

describe("building an 855", () => {
  it("writes the OrderAcks wrapper, default namespace and schema order", () => {
    const { xml } = built(ackFor());
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<OrderAcks xmlns="http://www.spscommerce.com/RSX">\n  <OrderAck>')).toBe(true);
    expect(childNames(xml, ["OrderAcks", "OrderAck"])).toEqual(["Header", "LineItem", "LineItem", "LineItem", "Summary"]);
    expect(childNames(xml, ["OrderAcks", "OrderAck", "Header", "OrderHeader"])).toEqual([
      "TradingPartnerId",
      "PurchaseOrderNumber",
      "TsetPurposeCode",
      "PrimaryPOTypeCode",
      "PurchaseOrderDate",
      "ReleaseNumber",
      "AcknowledgementNumber",
      "AcknowledgementType",
      "AcknowledgementDate",
      "BuyersCurrency",
      "Department",
      "Vendor",
      "Division",
    ]);
    expect(distinct(childNames(xml, ["OrderAcks", "OrderAck", "Header"]))).toEqual(["OrderHeader", "Dates", "Address", "References"]);
    expect(distinct(childNames(xml, ["OrderAcks", "OrderAck", "LineItem"]))).toEqual([
      "OrderLine",
      "LineItemAcknowledgement",
      "PriceInformation",
      "ProductOrItemDescription",
    ]);
  });

  it("echoes the PO's identifiers and acknowledges each line", () => {
    const ack = JSON.parse(built(ackFor()).json);
    expect(ack.Header.OrderHeader).toMatchObject({ TradingPartnerId: "NWHALLNORTHWND", PurchaseOrderNumber: "NW4500124101", AcknowledgementType: "AC", Vendor: "V48213" });
    expect(ack.Header.Address.map((a: { AddressTypeCode: string }) => a.AddressTypeCode)).toEqual(["ST", "Z7", "Z7", "Z7"]);
    expect(ack.Header.References).toEqual([{ ReferenceQual: "PD", ReferenceID: "SPRING26-CANDLE", Description: "Spring candle promotion" }]);
    expect(ack.LineItem[0].OrderLine).toEqual({
      LineSequenceNumber: "1",
      BuyerPartNumber: "NW-778120",
      VendorPartNumber: "BH-LAV-08",
      ConsumerPackageCode: "081234501013",
      GTIN: "00081234501013",
      OrderQty: 48,
      OrderQtyUOM: "EA",
      PurchasePrice: 6.25,
      PurchasePriceBasis: "PE",
    });
    expect(ack.LineItem[1].LineItemAcknowledgement).toEqual([
      { ItemStatusCode: "IQ", ItemScheduleQty: 24, ItemScheduleUOM: "EA" },
      { ItemStatusCode: "IB", ItemScheduleQty: 6, ItemScheduleUOM: "EA", ItemScheduleQualifier: "017", ItemScheduleDate: "2026-03-20" },
    ]);
    expect(ack.LineItem[2].LineItemAcknowledgement[0]).toMatchObject({ ItemStatusCode: "IP", PurchasePrice: 17.5 });
    // 48 × 6.25 + (24 + 6) × 9.40 + 12 × 17.50 = 300 + 282 + 210
    expect(ack.Summary).toEqual({ TotalAmount: 792, TotalLineItemNumber: 3 });
  });

  it("sends no line detail for a reject without detail", () => {
    const ack = JSON.parse(built(ackFor({ acknowledgementType: "RJ" })).json);
    expect(ack.LineItem).toBeUndefined();
    expect(ack.Summary).toBeUndefined();
    expect(ack.Header.OrderHeader.AcknowledgementType).toBe("RJ");
  });

  it("refuses unknown lines, missing lines and bad dates", () => {
    const result = buildOrderAck(
      ackFor({
        acknowledgementDate: "2026-02-30",
        lines: [
          { line: "1", acknowledgements: [{ itemStatusCode: "IA", quantity: 48 }] },
          { line: "9", acknowledgements: [{ itemStatusCode: "IA", quantity: 1 }] },
        ],
      }),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.reasons).toEqual([
        'AcknowledgementDate "2026-02-30" is not a date in YYYY-MM-DD form.',
        "Line 9 is not on PO NW4500124101.",
        "Acknowledgement type AC needs every PO line; missing line(s) 2, 3.",
      ]);
    }
  });
});
