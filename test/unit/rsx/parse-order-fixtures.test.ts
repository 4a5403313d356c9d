// Each demo fixture (one per SPS order shape) parses into the expected typed 850.
import { describe, expect, it } from "vitest";
import { orderShape, parseOrders } from "../../../src/rsx";
import { bytes, fixtureOrder, fixtureXml } from "./fixtures";

describe("parsing the demo 850 fixtures", () => {
  it("reads the cross-dock order: DC ship-to, Z7 stores, per-store quantities", () => {
    const order = fixtureOrder("CrossDock");
    expect(order.header).toMatchObject({
      tradingPartnerId: "NWHALLNORTHWND",
      purchaseOrderNumber: "NW4500124101",
      tsetPurposeCode: "00",
      primaryPOTypeCode: "KN",
      releaseNumber: "1",
      purchaseOrderDate: "2026-03-02",
      purchaseOrderTime: "08:14:00",
      department: "112",
      vendor: "V48213",
      division: "02",
    });
    expect(order.meta).toMatchObject({ isDropShip: false, orderManagement: "CrossDock", interchangeControlNumber: "000004101" });
    expect(order.paymentTerms[0]).toMatchObject({ termsType: "08", termsDiscountPercentage: 2, termsDiscountDueDays: 10, termsNetDueDays: 30 });
    expect(order.addresses.map((a) => [a.addressTypeCode, a.addressLocationNumber])).toEqual([
      ["BT", "0001"],
      ["ST", "0451"],
      ["Z7", "0112"],
      ["Z7", "0127"],
      ["Z7", "0134"],
    ]);
    expect(order.notes[0]?.note).toBe("Label each carton for its store & stage by store at DC 451.");
    const line = order.lines[0]!;
    expect(line).toMatchObject({
      lineSequenceNumber: "1",
      buyerPartNumber: "NW-778120",
      vendorPartNumber: "BH-LAV-08",
      consumerPackageCode: "081234501013",
      gtin: "00081234501013",
      orderQty: 48,
      orderQtyUOM: "EA",
      purchasePrice: 6.25,
      purchasePriceBasis: "PE",
    });
    expect(line.physicalDetails[0]).toMatchObject({ packQualifier: "OU", packValue: 6 });
    expect(line.priceInformation[0]).toMatchObject({ priceTypeIDCode: "RTL", unitPrice: 14.99 });
    expect(line.productDescriptions[0]?.productDescription).toBe("Lavender soy candle 8 oz");
    expect(line.quantitiesSchedulesLocations[0]?.locationQuantities).toEqual([
      { location: "0112", qty: 24 },
      { location: "0127", qty: 12 },
      { location: "0134", qty: 12 },
    ]);
    expect(orderShape(order)).toBe("CrossDock");
  });

  it("reads the multi-store order: no header ship-to, stores only in SDQ", () => {
    const order = fixtureOrder("MultiStore");
    expect(order.header.tradingPartnerId).toBe("BBXALLBIGBOXRT");
    expect(order.header.purchaseOrderNumber).toBe("BB2026030301");
    expect(order.addresses.map((a) => a.addressTypeCode)).toEqual(["BT"]);
    expect(order.carrierInformation[0]?.serviceLevelCodes).toEqual(["SE"]);
    expect(order.lines.map((l) => l.quantitiesSchedulesLocations[0]?.locationQuantities.map((q) => q.location))).toEqual([
      ["0010", "0020", "0030"],
      ["0010", "0020", "0030"],
      ["0010", "0020", "0030"],
    ]);
    expect(orderShape(order)).toBe("MultiStore");
  });

  it("reads the bulk-import order: one DC ship-to with a receiving contact, product ids", () => {
    const order = fixtureOrder("BulkImport");
    expect(order.header).toMatchObject({ tradingPartnerId: "CRSALLCRESTMKT", purchaseOrderNumber: "CRM0091734", customerAccountNumber: "CRST-44018" });
    const st = order.addresses.find((a) => a.addressTypeCode === "ST");
    expect(st).toMatchObject({ addressLocationNumber: "0007", contacts: [{ contactTypeCode: "RE", contactName: "DC 7 Receiving" }] });
    expect(order.lines).toHaveLength(4);
    expect(order.lines[3]).toMatchObject({ productIDs: [{ partNumberQual: "SK", partNumber: "CR-SKU-20450" }], extendedItemTotal: 307.2 });
    expect(order.references.map((r) => r.referenceQual)).toEqual(["CT", "MR"]);
    expect(orderShape(order)).toBe("BulkImport");
  });

  it("reads the drop-ship order: consumer ship-to, customer order number, IsDropShip", () => {
    const order = fixtureOrder("DropShip");
    expect(order.meta.isDropShip).toBe(true);
    expect(order.header).toMatchObject({ primaryPOTypeCode: "DS", customerOrderNumber: "HD-WEB-5521837" });
    const st = order.addresses.find((a) => a.addressTypeCode === "ST");
    expect(st?.addressName).toBe("Priya O'Connor");
    expect(st?.addressLocationNumber).toBeUndefined();
    expect(order.lines[0]?.notes[0]?.note).toBe("Gift message: Happy housewarming, Sam & Lee!");
    expect(orderShape(order)).toBe("DropShip");
  });

  it.each(Object.keys(fixtureXml) as Array<keyof typeof fixtureXml>)("%s: summary totals match the lines", (shape) => {
    const order = fixtureOrder(shape);
    const amount = order.lines.reduce((sum, l) => sum + (l.orderQty ?? 0) * (l.purchasePrice ?? 0), 0);
    const units = order.lines.reduce((sum, l) => sum + (l.orderQty ?? 0), 0);
    expect(order.summary.totalAmount).toBeCloseTo(amount, 2);
    expect(order.summary.totalLineItemNumber).toBe(order.lines.length);
    expect(order.quantityTotals[0]?.quantity).toBe(units);
    for (const line of order.lines) {
      const sdq = line.quantitiesSchedulesLocations.flatMap((q) => q.locationQuantities);
      if (sdq.length > 0) expect(sdq.reduce((s, q) => s + (q.qty ?? 0), 0)).toBe(line.orderQty);
    }
  });

  it("keeps the original tree for echoing, with RSX names and text values", () => {
    const order = fixtureOrder("CrossDock");
    const header = order.raw["Header"] as { OrderHeader: Record<string, string> };
    expect(header.OrderHeader["Vendor"]).toBe("V48213");
    expect(Array.isArray(order.raw["LineItem"])).toBe(true);
    const parsed = parseOrders(bytes(fixtureXml.CrossDock));
    expect(parsed.ok && parsed.value.format).toBe("xml");
  });
});
