// Routing a mailbox file by its content: 850, 846 or 852, in XML or JSON; anything else is "unknown".
import { describe, expect, it } from "vitest";
import { detectDocumentType, parseInboundDocument } from "../../../src/rsx";
import { bytes, fixtureJson, fixtureXml } from "./fixtures";

// Invented 846 in SPS's JSON shape (ItemRegistries schema, sps-commerce.md §3.8).
const inventoryJson = JSON.stringify({
  Header: {
    HeaderReport: { TradingPartnerId: "CRSALLCRESTMKT", DocumentId: "INV-20260305", TsetPurposeCode: "00", ReportTypeCode: "MB", InventoryDate: "2026-03-05", Vendor: "V48213" },
    Dates: [{ DateTimeQualifier: "196", Date: "2026-03-05" }],
    Address: { AddressTypeCode: "RL", AddressName: "Blue Heron Warehouse" },
  },
  Structure: [
    {
      LineItem: [
        { InventoryLine: { VendorPartNumber: "BH-LAV-08", ConsumerPackageCode: "081234501013", PurchasePrice: 6.25 }, QuantitiesSchedulesLocations: [{ QuantityQualifier: "33", TotalQty: 410, TotalQtyUOM: "EA" }] },
        { InventoryLine: { VendorPartNumber: "BH-CED-12", ConsumerPackageCode: "081234501020" }, QuantitiesSchedulesLocations: { QuantityQualifier: "33", TotalQty: 0 } },
      ],
    },
  ],
  Summary: { TotalLineItemNumber: 2 },
});

// Invented 852 in RSX XML (ProductActivities schema, §3.7).
const activityXml = `<?xml version="1.0" encoding="utf-8"?>
<ProductActivities xmlns="http://www.spscommerce.com/RSX"><ProductActivity>
<Header><ReportHeader><TradingPartnerId>BBXALLBIGBOXRT</TradingPartnerId><ReportStartDate>2026-03-01</ReportStartDate><ReportEndDate>2026-03-07</ReportEndDate><Vendor>V48213</Vendor></ReportHeader></Header>
<LineItem><ReportLineItem><BuyerPartNumber>BB-100234</BuyerPartNumber><ConsumerPackageCode>081234503048</ConsumerPackageCode></ReportLineItem>
<ProductActivityReporting><ActivityCode>QS</ActivityCode><TotalQty>17</TotalQty><LocationCodeQualifier>92</LocationCodeQualifier>
<LocationQuantityPrice><Location>0010</Location><LocationQty>9</LocationQty></LocationQuantityPrice>
<LocationQuantityPrice><Location>0020</Location><LocationQty>8</LocationQty></LocationQuantityPrice></ProductActivityReporting>
<ProductActivityReporting><ActivityCode>QA</ActivityCode><TotalQty>40</TotalQty></ProductActivityReporting></LineItem>
</ProductActivity></ProductActivities>`;

describe("detecting and routing inbound documents", () => {
  it("says which document a file holds", () => {
    expect(detectDocumentType(bytes(fixtureXml.CrossDock))).toBe("850");
    expect(detectDocumentType(bytes(fixtureJson.DropShip))).toBe("850");
    expect(detectDocumentType(bytes(inventoryJson))).toBe("846");
    expect(detectDocumentType(bytes(activityXml))).toBe("852");
    expect(detectDocumentType(bytes('<Shipments xmlns="http://www.spscommerce.com/RSX"><Shipment/></Shipments>'))).toBe("unknown");
    expect(detectDocumentType(bytes("not a document"))).toBe("unknown");
  });

  it("does not take a JSON 855 (which also has OrderHeader) for an 850", () => {
    const ack = { Header: { OrderHeader: { TradingPartnerId: "X", PurchaseOrderNumber: "P" } }, LineItem: [{ OrderLine: {}, LineItemAcknowledgement: [{ ItemStatusCode: "IA" }] }] };
    expect(detectDocumentType(bytes(JSON.stringify(ack)))).toBe("unknown");
  });

  it("parses an 846 into inventory lines with quantities", () => {
    const parsed = parseInboundDocument(bytes(inventoryJson));
    if (!parsed.ok || parsed.value.type !== "846") throw new Error(JSON.stringify(parsed));
    const [registry] = parsed.value.registries;
    expect(registry!.header).toMatchObject({ tradingPartnerId: "CRSALLCRESTMKT", documentId: "INV-20260305", reportTypeCode: "MB" });
    expect(registry!.addresses[0]?.addressTypeCode).toBe("RL");
    expect(registry!.lines.map((l) => [l.vendorPartNumber, l.quantitiesSchedulesLocations[0]?.totalQty])).toEqual([
      ["BH-LAV-08", 410],
      ["BH-CED-12", 0],
    ]);
  });

  it("parses an 852 into activities per location", () => {
    const parsed = parseInboundDocument(bytes(activityXml));
    if (!parsed.ok || parsed.value.type !== "852") throw new Error(JSON.stringify(parsed));
    const [report] = parsed.value.reports;
    expect(report!.header).toMatchObject({ tradingPartnerId: "BBXALLBIGBOXRT", reportStartDate: "2026-03-01", reportEndDate: "2026-03-07" });
    const [sold, onHand] = report!.lines[0]!.activities;
    expect(sold).toMatchObject({ activityCode: "QS", totalQty: 17, locations: [{ location: "0010", locationQty: 9 }, { location: "0020", locationQty: 8 }] });
    expect(onHand).toMatchObject({ activityCode: "QA", totalQty: 40 });
  });

  it("routes an 850 and refuses what it cannot read", () => {
    const order = parseInboundDocument(bytes(fixtureXml.BulkImport));
    expect(order.ok && order.value.type === "850" && order.value.orders[0]!.header.purchaseOrderNumber).toBe("CRM0091734");
    const other = parseInboundDocument(bytes('<Invoices xmlns="http://www.spscommerce.com/RSX"><Invoice/></Invoices>'));
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.error.reasons[0]).toMatch(/not an RSX 850, 846 or 852 document \(it holds <Invoices>\)/);
    const broken = parseInboundDocument(bytes("<Orders><Order>"));
    expect(!broken.ok && broken.error.reasons[0]).toMatch(/not well-formed/);
  });

  it("requires the 846 document id", () => {
    const withoutId = inventoryJson.replace('"DocumentId":"INV-20260305",', "");
    const parsed = parseInboundDocument(bytes(withoutId));
    expect(!parsed.ok && parsed.error.reasons).toEqual(["Header/HeaderReport/DocumentId: is missing"]);
  });
});
