// The 856 mapping rules: ERP shipment + the 850s → ShipNoticeInput for each order shape, the packing rule
// when the ERP gives no contents, cartons from package contents, SSCCs from the package or the allocator,
// cross-dock stores as Z7 OrderLevels, the tare level, and shipments that cannot be traced to the 850.
import { describe, expect, it } from "vitest";
import { checkShipNotice } from "../../../src/flows/compliance";
import { shipNoticeInputFrom, ssccRequests, type ShipNoticeSource } from "../../../src/flows/outbound-ship-notice";
import { buildShipNotice, type ShipNoticeInput } from "../../../src/rsx";
import { createdFor, fixtureOrder, linkFor, linksOf, packageOf, partnerFor, shipmentOf, SHAPES, ssccAllocator, supplier } from "./outbound-fixtures";

function sourceFor(overrides: Partial<ShipNoticeSource> & Pick<ShipNoticeSource, "shipment" | "orders">): ShipNoticeSource {
  return {
    partner: partnerFor(overrides.orders[0]!.order),
    supplier,
    ssccFor: ssccAllocator().ssccFor,
    today: "2026-03-10",
    noticeTime: "16:05:00",
    ...overrides,
  };
}

function mapped(source: ShipNoticeSource): ShipNoticeInput {
  const result = shipNoticeInputFrom(source);
  if (!result.ok) throw new Error(result.error.reasons.join("\n"));
  return result.value;
}

function reasonsOf(source: ShipNoticeSource): string[] {
  const result = shipNoticeInputFrom(source);
  if (result.ok) throw new Error("expected the mapping to be invalid");
  return result.error.reasons;
}

function builtJson(input: ShipNoticeInput) {
  const built = buildShipNotice(input);
  if (!built.ok) throw new Error(built.error.reasons.join("\n"));
  return JSON.parse(built.value.json);
}

const itemsOf = (input: ShipNoticeInput) =>
  input.orders.map((o) => (o.cartons ?? []).map((c) => c.items.map((i) => `${i.line}x${i.quantity}`).join(" ")));

describe("mapping a shipment of each order shape", () => {
  it.each(SHAPES)("%s: builds, passes the compliance rules and the RSX builder", (shape) => {
    // Acumatica ships one customer location per shipment, so a store-split multi-store PO ships per store.
    const links = linksOf(shape).slice(0, 1);
    const input = mapped(sourceFor({ shipment: shipmentOf(links), orders: links }));
    expect(checkShipNotice(input, [links[0]!.order], {})).toEqual({ ok: true });
    const doc = builtJson(input);
    expect(doc.Header.ShipmentHeader).toMatchObject({ ShipmentIdentification: "SH000101", ShipDate: "2026-03-10", ShipNoticeDate: "2026-03-10", ShipNoticeTime: "16:05:00", ASNStructureCode: "0001" });
    expect(doc.Header.CarrierInformation[0].CarrierAlphaCode).toBe(links[0]!.order.carrierInformation[0]!.carrierAlphaCode);
    expect(doc.Header.Address[0]).toMatchObject({ AddressTypeCode: "SF", AddressName: "Blue Heron Candle Co. Warehouse" });
  });

  it("CrossDock: one OrderLevel per store marked Z7, each with the store's share, shipped to the DC", () => {
    const links = linksOf("CrossDock");
    const input = mapped(sourceFor({ shipment: shipmentOf(links), orders: links }));
    expect(input.orders.map((o) => o.markFor?.addressLocationNumber)).toEqual(["0112", "0127", "0134"]);
    expect(itemsOf(input)).toEqual([["1x24 2x12 3x6"], ["1x12 2x12 3x6"], ["1x12 2x6"]]);
    const doc = builtJson(input);
    expect(doc.Header.Address[1]).toMatchObject({ AddressTypeCode: "ST", AddressLocationNumber: "0451" });
    expect(doc.OrderLevel[1].Address[0]).toMatchObject({ AddressTypeCode: "Z7", AddressLocationNumber: "0127" });
    expect(doc.OrderLevel[1].PackLevel[0].ItemLevel[0].ShipmentLine).toMatchObject({ LineSequenceNumber: "1", BuyerPartNumber: "NW-778120", OrderQty: 12, ShipQty: 12 });
  });

  it("MultiStore: the store of the split order is the ship-to, with no mark-for", () => {
    const links = linksOf("MultiStore");
    const store20 = links[1]!;
    const input = mapped(sourceFor({ shipment: shipmentOf([store20]), orders: [store20] }));
    expect(input.shipTo).toMatchObject({ addressLocationNumber: "0020" });
    expect(input.orders[0]!.markFor).toBeUndefined();
    expect(itemsOf(input)).toEqual([["1x12 2x6 3x24"]]);
    expect(builtJson(input).Header.Address[1]).toMatchObject({ AddressTypeCode: "ST", AddressLocationNumber: "0020" });
  });

  it("refuses one shipment that goes to two stores", () => {
    const links = linksOf("MultiStore").slice(0, 2);
    expect(reasonsOf(sourceFor({ shipment: shipmentOf(links), orders: links }))).toEqual([expect.stringContaining("several ship-to locations (0010, 0020)")]);
  });

  it("sends the vendor number from the supplier when the 850 has none", () => {
    const order = fixtureOrder("BulkImport");
    const noVendor = { ...order, header: { ...order.header, vendor: undefined } };
    const link = linkFor(noVendor, createdFor(noVendor, "SO1"));
    const input = mapped(sourceFor({ shipment: shipmentOf([link]), orders: [link] }));
    expect(builtJson(input).OrderLevel[0].OrderHeader.Vendor).toBe("V48213");
  });
});

describe("packing when the ERP gives no package contents", () => {
  it("fills the packages in order with equal unit counts, lines in 850 order, keeping tracking and weight", () => {
    const links = linksOf("BulkImport"); // 72 + 48 + 24 + 96 = 240 units
    const packages = ["1", "2", "3"].map((id) => packageOf(id, [], { trackingNumber: `1ZTRACK${id}`, weight: 20 + Number(id) }));
    const input = mapped(sourceFor({ shipment: shipmentOf(links, { packages }), orders: links }));
    expect(itemsOf(input)).toEqual([["1x72 2x8", "2x40 3x24 4x16", "4x80"]]);
    expect(input.orders[0]!.cartons!.map((c) => [c.trackingNumber, c.weight, c.weightUOM])).toEqual([
      ["1ZTRACK1", 21, "LB"],
      ["1ZTRACK2", 22, "LB"],
      ["1ZTRACK3", 23, "LB"],
    ]);
    expect(builtJson(input).Header.QuantityAndWeight[0]).toMatchObject({ LadingQuantity: 3 });
  });

  it("gives the first cartons one unit more when the units do not divide", () => {
    const links = linksOf("DropShip"); // 1 + 2 = 3 units
    const packages = [packageOf("1", []), packageOf("2", [])];
    expect(itemsOf(mapped(sourceFor({ shipment: shipmentOf(links, { packages }), orders: links })))).toEqual([["1x1 2x1", "2x1"]]);
  });

  it("deals cross-dock packages to the stores: one each, then to the store with the most units per carton", () => {
    const links = linksOf("CrossDock"); // stores 0112: 42 units, 0127: 30, 0134: 18
    const packages = ["1", "2", "3", "4"].map((id) => packageOf(id, []));
    const input = mapped(sourceFor({ shipment: shipmentOf(links, { packages }), orders: links }));
    expect(itemsOf(input)).toEqual([["1x21", "1x3 2x12 3x6"], ["1x12 2x12 3x6"], ["1x12 2x6"]]);
  });

  it("makes one carton per OrderLevel when the shipment has no package, with an SSCC from the allocator", () => {
    const links = linksOf("CrossDock");
    const sscc = ssccAllocator();
    const input = mapped(sourceFor({ shipment: shipmentOf(links), orders: links, ssccFor: sscc.ssccFor }));
    expect([...sscc.given.keys()]).toEqual(["auto:NW4500124101@0112", "auto:NW4500124101@0127", "auto:NW4500124101@0134"]);
    expect(input.orders.map((o) => o.cartons![0]!.sscc)).toEqual([...sscc.given.values()]);
  });

  it("is invalid when there are fewer packages than stores to receive them, or more packages than units", () => {
    const crossDock = linksOf("CrossDock");
    expect(reasonsOf(sourceFor({ shipment: shipmentOf(crossDock, { packages: [packageOf("1", []), packageOf("2", [])] }), orders: crossDock }))).toEqual([
      expect.stringContaining("2 package(s) without contents for goods of 3 orders/stores"),
    ]);
    const dropShip = linksOf("DropShip");
    const four = ["1", "2", "3", "4"].map((id) => packageOf(id, []));
    expect(reasonsOf(sourceFor({ shipment: shipmentOf(dropShip, { packages: four }), orders: dropShip }))).toEqual([
      expect.stringContaining("4 package(s) without contents would carry 3 unit(s)"),
    ]);
  });
});

describe("cartons from package contents", () => {
  it("uses the contents, the package's own SSCC when valid, and the allocator otherwise", () => {
    const links = linksOf("BulkImport");
    const link = links[0]!;
    const sscc = ssccAllocator(500);
    const own = ssccAllocator(900).ssccFor("own");
    const packages = [
      packageOf("1", [{ link, lineNbr: 1, qty: 72 }, { link, lineNbr: 2, qty: 48 }], { cartonId: own, trackingNumber: "1ZA" }),
      packageOf("2", [{ link, lineNbr: 3, qty: 24 }, { link, lineNbr: 4, qty: 96 }], { cartonId: "BOX-7" }),
    ];
    const input = mapped(sourceFor({ shipment: shipmentOf(links, { packages }), orders: links, ssccFor: sscc.ssccFor }));
    expect(itemsOf(input)).toEqual([["1x72 2x48", "3x24 4x96"]]);
    expect(input.orders[0]!.cartons!.map((c) => c.sscc)).toEqual([own, sscc.given.get("2")]);
    expect([...sscc.given.keys()]).toEqual(["2"]);
  });

  it("keeps an SSCC-shaped carton id with a wrong check digit, so the compliance rule names it", () => {
    const links = linksOf("DropShip");
    const link = links[0]!;
    const good = ssccAllocator().ssccFor("x");
    const bad = `${good.slice(0, 17)}${(Number(good[17]) + 1) % 10}`;
    const packages = [packageOf("1", [{ link, lineNbr: 1, qty: 1 }, { link, lineNbr: 2, qty: 2 }], { cartonId: `00${bad}` })];
    const input = mapped(sourceFor({ shipment: shipmentOf(links, { packages }), orders: links }));
    expect(input.orders[0]!.cartons![0]!.sscc).toBe(`00${bad}`);
    const check = checkShipNotice(input, [link.order], {});
    expect(check.ok).toBe(false);
    expect(!check.ok && check.violations.map((v) => v.rule)).toEqual(["sscc-check-digit"]);
  });

  it("places the rest of a shipment its contents do not cover into the packages without contents", () => {
    const links = linksOf("BulkImport");
    const link = links[0]!;
    const packages = [packageOf("1", [{ link, lineNbr: 4, qty: 96 }]), packageOf("2", []), packageOf("3", [])];
    expect(itemsOf(mapped(sourceFor({ shipment: shipmentOf(links, { packages }), orders: links })))).toEqual([["4x96", "1x72", "2x48 3x24"]]);
  });

  it("gives each cross-dock carton to the first store with room for all of it", () => {
    const links = linksOf("CrossDock");
    const link = links[0]!;
    const packages = [
      packageOf("1", [{ link, lineNbr: 1, qty: 12 }, { link, lineNbr: 2, qty: 12 }]), // fits 0112 first
      packageOf("2", [{ link, lineNbr: 1, qty: 12 }, { link, lineNbr: 3, qty: 6 }]), // 0112 still has 12 of line 1 and 6 of line 3
      packageOf("3", [{ link, lineNbr: 1, qty: 12 }, { link, lineNbr: 2, qty: 12 }, { link, lineNbr: 3, qty: 6 }]), // 0127
      packageOf("4", [{ link, lineNbr: 1, qty: 12 }, { link, lineNbr: 2, qty: 6 }]), // 0134
    ];
    const input = mapped(sourceFor({ shipment: shipmentOf(links, { packages }), orders: links }));
    expect(input.orders.map((o) => o.markFor?.addressLocationNumber)).toEqual(["0112", "0127", "0134"]);
    expect(itemsOf(input)).toEqual([["1x12 2x12", "1x12 3x6"], ["1x12 2x12 3x6"], ["1x12 2x6"]]);
    expect(checkShipNotice(input, [link.order], {})).toEqual({ ok: true });
  });

  it("refuses a cross-dock carton no single store can receive", () => {
    const links = linksOf("CrossDock");
    const link = links[0]!;
    const packages = [packageOf("1", [{ link, lineNbr: 1, qty: 30 }]), packageOf("2", [{ link, lineNbr: 1, qty: 18 }, { link, lineNbr: 2, qty: 30 }, { link, lineNbr: 3, qty: 12 }])];
    expect(reasonsOf(sourceFor({ shipment: shipmentOf(links, { packages }), orders: links }))).toEqual([
      expect.stringContaining("package 1 holds 30 of line 1, which no single store of cross-dock PO NW4500124101 has left to receive"),
      expect.stringContaining("package 2 holds 18 of line 1, 30 of line 2, 12 of line 3"),
    ]);
  });

  it("refuses contents that leave shipped goods in no carton", () => {
    const links = linksOf("DropShip");
    const link = links[0]!;
    const packages = [packageOf("1", [{ link, lineNbr: 1, qty: 1 }])];
    expect(reasonsOf(sourceFor({ shipment: shipmentOf(links, { packages }), orders: links }))).toEqual([
      expect.stringContaining("leave 2 of PO HD10045871 line 2 in no carton"),
    ]);
  });
});

describe("structure and carrier", () => {
  it("puts each OrderLevel's cartons on a pallet for partners with the tare structure (SOTPI)", () => {
    const links = linksOf("CrossDock");
    const sscc = ssccAllocator();
    const input = mapped(sourceFor({ shipment: shipmentOf(links), orders: links, ssccFor: sscc.ssccFor, partner: partnerFor(links[0]!.order, { asnStructure: "tare" }) }));
    expect(input.orders.every((o) => o.pallets?.length === 1 && o.cartons === undefined)).toBe(true);
    expect([...sscc.given.keys()].filter((k) => k.startsWith("pallet:"))).toEqual(["pallet:NW4500124101@0112", "pallet:NW4500124101@0127", "pallet:NW4500124101@0134"]);
    const doc = builtJson(input);
    expect(doc.Header.ShipmentHeader.ASNStructureCode).toBe("SOTPI");
    expect(doc.OrderLevel[0].PackLevel[0].Pack.PackLevelType).toBe("T");
    expect(doc.OrderLevel[0].PackLevel[0].PackLevel[0].Pack.PackLevelType).toBe("P");
  });

  it("takes the SCAC from the tenant's ship-via table when the ERP ship-via is in it, else from the 850", () => {
    const links = linksOf("BulkImport");
    const mappedCarrier = mapped(sourceFor({ shipment: shipmentOf(links), orders: links, supplier: { ...supplier, carrierScacByShipVia: { UPSGROUND: "UPSN" } } })).carrier;
    expect(mappedCarrier).toMatchObject({ carrierAlphaCode: "UPSN", carrierRouting: "UPSGROUND" });
    expect(mapped(sourceFor({ shipment: shipmentOf(links), orders: links })).carrier).toMatchObject({ carrierAlphaCode: "HRNX", carrierRouting: "Heron Freight LTL" });
  });

  it("lists the ids it will ask SSCCs for, so the caller can allocate them first", () => {
    const links = linksOf("BulkImport");
    const link = links[0]!;
    const own = ssccAllocator(900).ssccFor("own");
    const packages = [packageOf("1", [{ link, lineNbr: 1, qty: 72 }], { cartonId: own }), packageOf("2", []), packageOf("3", [])];
    const { ssccFor: _unused, ...rest } = sourceFor({ shipment: shipmentOf(links, { packages }), orders: links, partner: partnerFor(link.order, { asnStructure: "tare" }) });
    expect(ssccRequests(rest)).toEqual(["2", "3", "pallet:CRM0091734"]);
  });

  it("converts ERP quantities back to the 850's unit when the order was created in another unit", () => {
    const order = fixtureOrder("DropShip"); // line 2: 2 EA
    const created = createdFor(order, "SO9");
    created.lines[1] = { ...created.lines[1]!, qty: 1, uom: "PR" }; // created as 1 pair
    const link = linkFor(order, created);
    const input = mapped(sourceFor({ shipment: shipmentOf([link]), orders: [link] }));
    expect(itemsOf(input)).toEqual([["1x1 2x2"]]);
  });
});

describe("shipments that cannot be traced to the 850", () => {
  it("names the shipment line whose order line the connector did not create", () => {
    const links = linksOf("BulkImport");
    const shipment = shipmentOf(links);
    shipment.lines.push({ orderNbr: "SO-BulkImport", orderType: "SO", orderLineNbr: 9, itemId: "MATCHES-JAR", qty: 5, uom: "EA" });
    expect(reasonsOf(sourceFor({ shipment, orders: links }))).toEqual([
      "Shipment SH000101 line 5 (item MATCHES-JAR, sales order SO SO-BulkImport line 9): sales order line 9 was not created from PO CRM0091734 (the connector created lines 1, 2, 3, 4); a line added in the ERP cannot be reported to the retailer",
    ]);
  });

  it("names a sales order in the shipment that no 850 created", () => {
    const links = linksOf("BulkImport");
    const shipment = shipmentOf(links);
    shipment.orders.push({ orderNbr: "SO-MANUAL", orderType: "SO" });
    shipment.lines.push({ orderNbr: "SO-MANUAL", orderType: "SO", orderLineNbr: 1, itemId: "GIFTSET-03", qty: 1 });
    expect(reasonsOf(sourceFor({ shipment, orders: links }))).toEqual([
      "Shipment SH000101 contains sales order SO SO-MANUAL, which was not created from an 850 this shipment answers.",
      expect.stringContaining("Shipment SH000101 line 5 (item GIFTSET-03, sales order SO SO-MANUAL line 1): sales order SO-MANUAL was not created from any 850"),
    ]);
  });

  it("names an order line whose item was changed in the ERP", () => {
    const links = linksOf("DropShip");
    const shipment = shipmentOf(links);
    shipment.lines[0] = { ...shipment.lines[0]!, itemId: "CANDLE-LAV-08" };
    expect(reasonsOf(sourceFor({ shipment, orders: links }))).toEqual([expect.stringContaining("the order line was created for item GIFTSET-03 (850 line 1) but now ships CANDLE-LAV-08")]);
  });

  it("asks for the ship-from address when it is not configured", () => {
    const links = linksOf("DropShip");
    expect(reasonsOf(sourceFor({ shipment: shipmentOf(links), orders: links, supplier: {} }))).toEqual([expect.stringContaining("ship-from address (SF)")]);
  });
});
