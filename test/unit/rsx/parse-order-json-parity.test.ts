// The RSX JSON form of an order parses to the same typed model as its XML form, in every JSON wrapping SPS
// or integrators use (a bare object, an array, under "Orders" or "Order").
import { describe, expect, it } from "vitest";
import { parseOrders } from "../../../src/rsx";
import { bytes, fixtureJson, fixtureOrder, withoutRaw } from "./fixtures";

function parseJson(text: string) {
  const parsed = parseOrders(bytes(text));
  if (!parsed.ok) throw new Error(parsed.error.reasons.join("; "));
  expect(parsed.value.format).toBe("json");
  return parsed.value.orders;
}

describe("XML and JSON forms of the same 850", () => {
  it.each(["CrossDock", "DropShip"] as const)("%s JSON equals the XML model", (shape) => {
    const [fromJson] = parseJson(fixtureJson[shape]);
    expect(withoutRaw(fromJson!)).toEqual(withoutRaw(fixtureOrder(shape)));
  });

  it("accepts an array, an Orders wrapper and an Order wrapper", () => {
    const order = JSON.parse(fixtureJson.DropShip) as object;
    const expected = withoutRaw(fixtureOrder("DropShip"));
    for (const wrapped of [[order], { Orders: order }, { Orders: [order, order] }, { Orders: { Order: [order] } }, { Order: order }]) {
      const orders = parseJson(JSON.stringify(wrapped));
      for (const o of orders) expect(withoutRaw(o)).toEqual(expected);
    }
  });

  it("turns a single object into a one-element array for repeatable groups", () => {
    const order = JSON.parse(fixtureJson.DropShip) as { LineItem: unknown[]; Header: { Address: unknown[] } };
    const single = { ...order, LineItem: order.LineItem[0], Header: { ...order.Header, Address: order.Header.Address[1] } };
    const [parsed] = parseJson(JSON.stringify(single));
    expect(parsed!.lines).toHaveLength(1);
    expect(parsed!.addresses.map((a) => a.addressTypeCode)).toEqual(["ST"]);
  });

  it("keeps ids with leading zeros when JSON carries them as strings, and reads numbers from JSON numbers", () => {
    const [order] = parseJson(fixtureJson.CrossDock);
    expect(order!.lines[0]?.consumerPackageCode).toBe("081234501013");
    expect(order!.lines[1]?.purchasePrice).toBe(9.4);
    expect(order!.meta.isDropShip).toBe(false);
  });
});
