// The small questions flows ask of an 850: partner, PO, purpose, dates and addresses by code, shape.
import { describe, expect, it } from "vitest";
import {
  addressByType,
  addressesByType,
  dateByQualifier,
  DateQualifier,
  orderLineKey,
  orderShape,
  parseOrders,
  partnerId,
  poNumber,
  purposeCode,
} from "../../../src/rsx";
import { bytes, fixtureOrder, oneLine, orderXml } from "./fixtures";

describe("850 queries", () => {
  it("reads partner, PO, dates and addresses by code", () => {
    const order = fixtureOrder("CrossDock");
    expect(partnerId(order)).toBe("NWHALLNORTHWND");
    expect(poNumber(order)).toBe("NW4500124101");
    expect(dateByQualifier(order, DateQualifier.shipNotBefore)).toBe("2026-03-09");
    expect(dateByQualifier(order, DateQualifier.shipNoLater)).toBe("2026-03-13");
    expect(dateByQualifier(order, DateQualifier.requestedDelivery)).toBeUndefined();
    expect(addressByType(order, "ST")?.addressName).toBe("Northwind Home DC 451");
    expect(addressByType(order, "BT")?.addressLocationNumber).toBe("0001");
    expect(addressesByType(order, "Z7").map((a) => a.addressLocationNumber)).toEqual(["0112", "0127", "0134"]);
    expect(dateByQualifier(fixtureOrder("BulkImport").lines[0]!, DateQualifier.shipNotBefore)).toBe("2026-03-11");
  });

  it("maps TsetPurposeCode to a purpose", () => {
    const withPurpose = (code: string) => {
      const parsed = parseOrders(bytes(orderXml(oneLine, `<TsetPurposeCode>${code}</TsetPurposeCode>`)));
      if (!parsed.ok) throw new Error(parsed.error.reasons.join("; "));
      return purposeCode(parsed.value.orders[0]!);
    };
    expect(withPurpose("00")).toBe("original");
    expect(withPurpose("01")).toBe("cancellation");
    expect(withPurpose("05")).toBe("replace");
    expect(withPurpose("07")).toBe("duplicate");
    expect(withPurpose("CN")).toBe("other");
    expect(purposeCode(fixtureOrder("DropShip"))).toBe("original");
  });

  it("infers the shape from content when SPS sends no Meta", () => {
    const withoutMeta = (shape: "CrossDock" | "MultiStore" | "BulkImport" | "DropShip") => {
      const order = fixtureOrder(shape);
      return orderShape({ ...order, meta: {} });
    };
    expect(withoutMeta("CrossDock")).toBe("CrossDock");
    expect(withoutMeta("MultiStore")).toBe("MultiStore");
    expect(withoutMeta("BulkImport")).toBe("BulkImport");
    expect(withoutMeta("DropShip")).toBe("DropShip");
  });

  it("names lines by sequence number, or position when the PO has none", () => {
    const order = fixtureOrder("BulkImport");
    expect(order.lines.map(orderLineKey)).toEqual(["1", "2", "3", "4"]);
    const { lineSequenceNumber: _seq, ...unnumbered } = order.lines[1]!;
    expect(orderLineKey(unnumbered, 1)).toBe("2");
  });
});
