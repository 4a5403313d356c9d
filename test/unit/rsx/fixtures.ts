// Shared test inputs: the four demo 850 fixtures (as text, through Vite's ?raw import, since tests run in
// workerd without a file system), their JSON copies, and small helpers to turn text into mailbox bytes.
/// <reference types="vite/client" />
import bulkImportXml from "../../../sandbox/fixtures/orders/POCRM0091734-1-v7.7-BulkImport.xml?raw";
import dropShipXml from "../../../sandbox/fixtures/orders/POHD10045871-1-v7.7-DropShip.xml?raw";
import multiStoreXml from "../../../sandbox/fixtures/orders/POBB2026030301-1-v7.7-MultiStore.xml?raw";
import crossDockXml from "../../../sandbox/fixtures/orders/PONW4500124101-1-v7.7-CrossDock.xml?raw";
import crossDockJson from "../../../sandbox/fixtures/orders/json/PONW4500124101-1-v7.7-CrossDock.json?raw";
import dropShipJson from "../../../sandbox/fixtures/orders/json/POHD10045871-1-v7.7-DropShip.json?raw";
import { parseOrders, type Order850 } from "../../../src/rsx";

export const fixtureXml = {
  CrossDock: crossDockXml,
  MultiStore: multiStoreXml,
  BulkImport: bulkImportXml,
  DropShip: dropShipXml,
} as const;

export const fixtureJson = { CrossDock: crossDockJson, DropShip: dropShipJson } as const;

export const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Parses a fixture that must be valid; a failure here is a broken fixture, so it throws with the reasons. */
export function fixtureOrder(shape: keyof typeof fixtureXml): Order850 {
  const parsed = parseOrders(bytes(fixtureXml[shape]));
  if (!parsed.ok) throw new Error(`fixture ${shape} does not parse: ${parsed.error.reasons.join("; ")}`);
  const order = parsed.value.orders[0];
  if (order === undefined) throw new Error(`fixture ${shape} holds no order`);
  return order;
}

/** The model without the raw tree (XML and JSON keep different lexical forms there, e.g. "9.40" vs 9.4). */
export function withoutRaw(order: Order850): Omit<Order850, "raw"> {
  const { raw: _raw, ...rest } = order;
  return rest;
}

/** A minimal valid 850 in XML around the given LineItem elements. */
export function orderXml(lineItems: string, header = ""): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<Orders xmlns="http://www.spscommerce.com/RSX"><Order><Header><OrderHeader>
<TradingPartnerId>NWHALLNORTHWND</TradingPartnerId><PurchaseOrderNumber>T1</PurchaseOrderNumber>${header}
</OrderHeader></Header>${lineItems}</Order></Orders>`;
}

export const oneLine = `<LineItem><OrderLine><LineSequenceNumber>1</LineSequenceNumber><VendorPartNumber>BH-LAV-08</VendorPartNumber><OrderQty>2</OrderQty><OrderQtyUOM>EA</OrderQtyUOM><PurchasePrice>6.25</PurchasePrice></OrderLine></LineItem>`;
