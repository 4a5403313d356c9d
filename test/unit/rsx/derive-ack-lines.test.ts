// Deriving 855 lines from what the ERP accepted: IA unchanged, IQ quantity, IP price, IC both, IR missing;
// AD when nothing changed, AC otherwise, RD when everything was rejected.
import { describe, expect, it } from "vitest";
import { deriveAckLines, type AcceptedLine } from "../../../src/rsx";
import { fixtureOrder } from "./fixtures";

const order = fixtureOrder("BulkImport");
const asOrdered = (): AcceptedLine[] =>
  order.lines.map((l) => ({ lineSequenceNumber: l.lineSequenceNumber, quantity: l.orderQty!, unitPrice: l.purchasePrice }));

describe("deriving acknowledgment lines", () => {
  it("acknowledges an unchanged order as AD with IA lines", () => {
    const derived = deriveAckLines(order, asOrdered());
    expect(derived.acknowledgementType).toBe("AD");
    expect(derived.lines.map((l) => [l.line, l.acknowledgements[0]!.itemStatusCode, l.acknowledgements[0]!.quantity])).toEqual([
      ["1", "IA", 72],
      ["2", "IA", 48],
      ["3", "IA", 24],
      ["4", "IA", 96],
    ]);
  });

  it("marks quantity, price and both changes, and missing lines", () => {
    const accepted = asOrdered();
    accepted[0] = { ...accepted[0]!, quantity: 60 };
    accepted[1] = { ...accepted[1]!, unitPrice: 9.9 };
    accepted[2] = { ...accepted[2]!, quantity: 12, unitPrice: 17 };
    accepted.pop();
    const derived = deriveAckLines(order, accepted);
    expect(derived.acknowledgementType).toBe("AC");
    expect(derived.lines.map((l) => l.acknowledgements[0])).toEqual([
      { itemStatusCode: "IQ", quantity: 60 },
      { itemStatusCode: "IP", quantity: 48, unitPrice: 9.9 },
      { itemStatusCode: "IC", quantity: 12, unitPrice: 17 },
      { itemStatusCode: "IR", quantity: 96 },
    ]);
  });

  it("ignores price differences below half a cent", () => {
    const accepted = asOrdered().map((l) => ({ ...l, unitPrice: l.unitPrice! + 0.001 }));
    expect(deriveAckLines(order, accepted).acknowledgementType).toBe("AD");
  });

  it("matches ERP lines by item identifiers when they carry no line number", () => {
    const accepted: AcceptedLine[] = [
      { gtin: "00081234504069", quantity: 96 },
      { vendorPartNumber: "BH-GFT-03", quantity: 24, scheduleDate: "2026-03-12" },
      { gtin: "081234501020", quantity: 48 },
      { vendorPartNumber: "BH-LAV-08", quantity: 72 },
    ];
    const derived = deriveAckLines(order, accepted);
    expect(derived.acknowledgementType).toBe("AD");
    expect(derived.lines[2]!.acknowledgements[0]).toEqual({ itemStatusCode: "IA", quantity: 24, scheduleDate: "2026-03-12", scheduleQualifier: "068" });
  });

  it("adds up an order line the ERP split in two", () => {
    const accepted = asOrdered();
    accepted.splice(0, 1, { lineSequenceNumber: "1", quantity: 40 }, { lineSequenceNumber: "1", quantity: 32 });
    expect(deriveAckLines(order, accepted).lines[0]!.acknowledgements[0]).toEqual({ itemStatusCode: "IA", quantity: 72 });
  });

  it("rejects with detail when the ERP accepted nothing", () => {
    const derived = deriveAckLines(order, []);
    expect(derived.acknowledgementType).toBe("RD");
    expect(derived.lines.every((l) => l.acknowledgements[0]!.itemStatusCode === "IR")).toBe(true);
  });
});
