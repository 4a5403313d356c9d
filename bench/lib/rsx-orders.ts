// Generated RSX 7.7 850s for the benchmark: a Crest Market bulk-import order (one DC, one sales order)
// with as many lines as it takes to reach a target size, every line carrying escaped ampersands and
// angle brackets (the case that trips parsers with entity-expansion caps, limits-and-costs.md §3.3).
// Items come from the demo world, so the same order maps and becomes a sales order in the sandbox.
// Pure: used by the Node part (bench/node/) and the workerd part (bench/*.bench.ts) alike.
import demoWorld from "../../sandbox/fixtures/demo-world.json";
import type { ItemMapping } from "../../src/flows/item-matching";
import type { PartnerMapping } from "../../src/flows/inbound-order";

export const BENCH_PARTNER: PartnerMapping = {
  partnerId: "CRSALLCRESTMKT",
  customerId: "CREST",
  customerLocationId: "MAIN",
  legalEntity: null,
  rules: { shipToLocations: { "0007": "MAIN" } },
};

/** Vendor part number → ERP item, for every demo item, valid for any partner (what the items API stores). */
export function benchItemMappings(): ItemMapping[] {
  return demoWorld.items.map((i) => ({
    partnerId: "*",
    legalEntity: "*",
    kind: "vendor_part" as const,
    value: i.vendorPartNumber,
    erpItemId: i.inventoryId,
    uom: i.uom,
    uomFactor: null,
  }));
}

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function header(po: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<Orders xmlns="http://www.spscommerce.com/RSX">
  <Order>
    <Meta>
      <IsDropShip>false</IsDropShip>
      <InterchangeControlNumber>000091734</InterchangeControlNumber>
      <DocumentControlIdentifier>850</DocumentControlIdentifier>
      <OrderManagement>Bulk-Import</OrderManagement>
    </Meta>
    <Header>
      <OrderHeader>
        <TradingPartnerId>${BENCH_PARTNER.partnerId}</TradingPartnerId>
        <PurchaseOrderNumber>${escapeXml(po)}</PurchaseOrderNumber>
        <TsetPurposeCode>00</TsetPurposeCode>
        <PrimaryPOTypeCode>SA</PrimaryPOTypeCode>
        <PurchaseOrderDate>2026-03-04</PurchaseOrderDate>
        <BuyersCurrency>USD</BuyersCurrency>
        <Vendor>V48213</Vendor>
      </OrderHeader>
      <Dates>
        <DateTimeQualifier>010</DateTimeQualifier>
        <Date>2026-03-11</Date>
      </Dates>
      <Address>
        <AddressTypeCode>ST</AddressTypeCode>
        <LocationCodeQualifier>92</LocationCodeQualifier>
        <AddressLocationNumber>0007</AddressLocationNumber>
        <AddressName>Crest Market DC 7 &amp; Annex</AddressName>
        <Address1>2150 Depot Road</Address1>
        <City>West Sacramento</City>
        <State>CA</State>
        <PostalCode>95691</PostalCode>
        <Country>USA</Country>
      </Address>
      <Notes>
        <NoteCode>GEN</NoteCode>
        <Note>Pallets &lt;= 60 in. high &amp; appointment required.</Note>
      </Notes>
    </Header>
`;
}

function lineItem(n: number): string {
  const item = demoWorld.items[n % demoWorld.items.length]!;
  const qty = (n % 12) + 1;
  return `    <LineItem>
      <OrderLine>
        <LineSequenceNumber>${n}</LineSequenceNumber>
        <BuyerPartNumber>CR&amp;M-${String(n).padStart(6, "0")}</BuyerPartNumber>
        <VendorPartNumber>${item.vendorPartNumber}</VendorPartNumber>
        <ConsumerPackageCode>${item.upc}</ConsumerPackageCode>
        <OrderQty>${qty}</OrderQty>
        <OrderQtyUOM>${item.uom}</OrderQtyUOM>
        <PurchasePrice>${item.price.toFixed(2)}</PurchasePrice>
      </OrderLine>
      <Dates>
        <DateTimeQualifier>037</DateTimeQualifier>
        <Date>2026-03-11</Date>
      </Dates>
      <ProductOrItemDescription>
        <ProductCharacteristicCode>08</ProductCharacteristicCode>
        <ProductDescription>${escapeXml(item.description)} &amp; gift tag &lt;line ${n}&gt;</ProductDescription>
      </ProductOrItemDescription>
      <PhysicalDetails>
        <PackQualifier>OU</PackQualifier>
        <PackValue>12</PackValue>
        <PackSize>1</PackSize>
        <PackUOM>EA</PackUOM>
      </PhysicalDetails>
    </LineItem>
`;
}

const FOOTER = `  </Order>
</Orders>
`;

export interface GeneratedOrder {
  po: string;
  xml: string;
  bytes: Uint8Array;
  lines: number;
}

/** An order with exactly `lines` lines. */
export function orderWithLines(po: string, lines: number): GeneratedOrder {
  const parts = [header(po)];
  for (let n = 1; n <= lines; n++) parts.push(lineItem(n));
  parts.push(FOOTER);
  const xml = parts.join("");
  return { po, xml, bytes: new TextEncoder().encode(xml), lines };
}

/** The smallest order of at least `targetBytes` bytes. */
export function orderOfSize(po: string, targetBytes: number): GeneratedOrder {
  const fixed = header(po).length + FOOTER.length;
  const perLine = lineItem(1000).length;
  let lines = Math.max(1, Math.ceil((targetBytes - fixed) / perLine));
  let order = orderWithLines(po, lines);
  while (order.bytes.byteLength < targetBytes) order = orderWithLines(po, ++lines);
  return order;
}
