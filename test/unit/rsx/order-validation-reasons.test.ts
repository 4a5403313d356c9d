// An 850 that reads as XML but is not a usable order is refused with reasons naming the order and element.
import { describe, expect, it } from "vitest";
import { parseOrders } from "../../../src/rsx";
import { bytes, fixtureXml, oneLine, orderXml } from "./fixtures";

function reasons(xml: string): string[] {
  const parsed = parseOrders(bytes(xml));
  if (parsed.ok) throw new Error("expected the order to be refused");
  return parsed.error.reasons;
}

describe("850 validation reasons", () => {
  it("requires TradingPartnerId and PurchaseOrderNumber", () => {
    expect(reasons(fixtureXml.MultiStore.replace("<TradingPartnerId>BBXALLBIGBOXRT</TradingPartnerId>", ""))).toEqual([
      "Order 1 (PO BB2026030301): Header/OrderHeader/TradingPartnerId: is missing",
    ]);
    expect(reasons(orderXml(oneLine).replace("<PurchaseOrderNumber>T1</PurchaseOrderNumber>", "<PurchaseOrderNumber> </PurchaseOrderNumber>"))).toEqual([
      "Header/OrderHeader/PurchaseOrderNumber: is empty",
    ]);
  });

  it("requires a line with a quantity", () => {
    expect(reasons(orderXml(""))).toEqual(["Order 1 (PO T1): LineItem: the order has no LineItem; at least one line with an OrderQty is required"]);
    expect(reasons(orderXml(oneLine.replace("<OrderQty>2</OrderQty>", "")))).toEqual([
      "Order 1 (PO T1): LineItem: no line has an OrderQty above zero; at least one is required",
    ]);
  });

  it("names a value that is not a number, with the line's position", () => {
    const xml = fixtureXml.CrossDock.replace("<OrderQty>30</OrderQty>", "<OrderQty>3O</OrderQty>");
    expect(reasons(xml)).toEqual(['Order 1 (PO NW4500124101): LineItem[2]/OrderLine/OrderQty: "3O" is not a number']);
  });

  it("names an element that must occur once but occurs twice", () => {
    const xml = orderXml(oneLine).replace("<PurchaseOrderNumber>T1</PurchaseOrderNumber>", "<PurchaseOrderNumber>A</PurchaseOrderNumber><PurchaseOrderNumber>B</PurchaseOrderNumber>");
    expect(reasons(xml)).toEqual(["Header/OrderHeader/PurchaseOrderNumber: appears more than once"]);
  });

  it("refuses the whole file when one of several orders is bad, naming that order", () => {
    const good = orderXml(oneLine).match(/<Order>.*<\/Order>/s)![0];
    const bad = good.replace("<PurchaseOrderNumber>T1<", "<PurchaseOrderNumber>T2<").replace("<OrderQty>2<", "<OrderQty>two<");
    expect(reasons(`<Orders>${good}${bad}</Orders>`)).toEqual(['Order 2 (PO T2): LineItem[1]/OrderLine/OrderQty: "two" is not a number']);
  });

  it("treats empty elements as absent", () => {
    const parsed = parseOrders(bytes(orderXml(oneLine, "<Vendor/><Department></Department>")));
    expect(parsed.ok && parsed.value.orders[0]!.header.vendor).toBeUndefined();
  });
});
