// RSX XML arrives in several legal spellings: with a BOM, with a namespace prefix or none, as a bare <Order>,
// or many orders in one <Orders>; all read the same.
import { describe, expect, it } from "vitest";
import { parseOrders } from "../../../src/rsx";
import { bytes, fixtureOrder, fixtureXml, oneLine, orderXml, withoutRaw } from "./fixtures";

function orders(input: Uint8Array) {
  const parsed = parseOrders(input);
  if (!parsed.ok) throw new Error(parsed.error.reasons.join("; "));
  return parsed.value.orders;
}

describe("reading RSX XML variants", () => {
  it("strips a UTF-8 byte order mark", () => {
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes(fixtureXml.BulkImport)]);
    expect(withoutRaw(orders(withBom)[0]!)).toEqual(withoutRaw(fixtureOrder("BulkImport")));
  });

  it("reads elements under a namespace prefix", () => {
    const prefixed = fixtureXml.DropShip.replace(/<(\/?)([A-Za-z])/g, "<$1rsx:$2").replace(
      'xmlns="http://www.spscommerce.com/RSX"',
      'xmlns:rsx="http://www.spscommerce.com/RSX"',
    );
    expect(prefixed).toContain("<rsx:OrderLine>");
    expect(withoutRaw(orders(bytes(prefixed))[0]!)).toEqual(withoutRaw(fixtureOrder("DropShip")));
  });

  it("reads elements in no namespace", () => {
    const bare = fixtureXml.DropShip.replace(' xmlns="http://www.spscommerce.com/RSX"', "");
    expect(withoutRaw(orders(bytes(bare))[0]!)).toEqual(withoutRaw(fixtureOrder("DropShip")));
  });

  it("reads a bare <Order> root", () => {
    const bare = fixtureXml.DropShip.replace(/<Orders[^>]*>/, "").replace("</Orders>", "").replace("<Order>", '<Order xmlns="http://www.spscommerce.com/RSX">');
    expect(withoutRaw(orders(bytes(bare))[0]!)).toEqual(withoutRaw(fixtureOrder("DropShip")));
  });

  it("reads many orders from one <Orders>, in file order", () => {
    const body = (po: string) => orderXml(oneLine).replace("<PurchaseOrderNumber>T1<", `<PurchaseOrderNumber>${po}<`).match(/<Order>.*<\/Order>/s)![0];
    const many = `<Orders xmlns="http://www.spscommerce.com/RSX">${body("A1")}${body("A2")}${body("A3")}</Orders>`;
    expect(orders(bytes(many)).map((o) => o.header.purchaseOrderNumber)).toEqual(["A1", "A2", "A3"]);
  });

  it("reads CDATA and character references as text", () => {
    const xml = orderXml(oneLine, "<Vendor><![CDATA[V<48>&213]]></Vendor><Department>&#49;&#x31;2</Department>");
    expect(orders(bytes(xml))[0]!.header).toMatchObject({ vendor: "V<48>&213", department: "112" });
  });

  it("refuses elements in a foreign namespace", () => {
    const xml = orderXml(oneLine).replace("http://www.spscommerce.com/RSX", "urn:example:not-rsx");
    const parsed = parseOrders(bytes(xml));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.reasons[0]).toMatch(/namespace "urn:example:not-rsx"/);
  });

  it("refuses a file that holds another RSX document", () => {
    const parsed = parseOrders(bytes('<Shipments xmlns="http://www.spscommerce.com/RSX"><Shipment/></Shipments>'));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.reasons).toEqual(["Expected an RSX 850 purchase order (Orders/Order), but the file holds <Shipments>."]);
  });
});
