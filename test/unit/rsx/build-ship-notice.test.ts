// The 856 builder: Shipment → OrderLevel → PackLevel → ItemLevel in RSX 7.7 order, SSCCs as "00" + 18
// digits, pallets as SOTPI, cross-dock stores as Z7 at OrderLevel; bad input comes back as reasons.
import { describe, expect, it } from "vitest";
import { buildShipNotice, buildSscc, type AddressInput, type ShipNoticeInput } from "../../../src/rsx";
import { childNames, distinct } from "./element-order";
import { fixtureOrder } from "./fixtures";

const warehouse: AddressInput = { addressName: "Blue Heron Candle Co. Warehouse", address1: "15 Millrace Road", city: "Eugene", state: "OR", postalCode: "97402", country: "USA" };
let serial = 100;
const sscc = () => {
  const built = buildSscc({ extensionDigit: 0, companyPrefix: "0812345", serial: serial++ });
  if (!built.ok) throw new Error(built.error.reasons.join("; "));
  return built.value;
};

function bulkShipment(overrides: Partial<ShipNoticeInput> = {}): ShipNoticeInput {
  return {
    shipmentId: "BH-ASN-000784",
    shipDate: "2026-03-10",
    shipTime: "15:30:00",
    shipNoticeDate: "2026-03-10",
    shipNoticeTime: "15:42:00",
    billOfLadingNumber: "BOL20260310784",
    carrierProNumber: "HRN88120456",
    estimatedDeliveryDate: "2026-03-13",
    shipFrom: warehouse,
    carrier: { carrierTransMethodCode: "M", carrierAlphaCode: "HRNX", carrierRouting: "Heron Freight LTL" },
    orders: [
      {
        order: fixtureOrder("BulkImport"),
        cartons: [
          { sscc: sscc(), weight: 15.5, items: [{ line: "1", quantity: 72, itemStatusCode: "IA" }] },
          { sscc: sscc(), weight: 16, items: [{ line: "2", quantity: 48 }, { line: "3", quantity: 24 }] },
        ],
      },
    ],
    ...overrides,
  };
}

function built(input: ShipNoticeInput) {
  const result = buildShipNotice(input);
  if (!result.ok) throw new Error(result.error.reasons.join("; "));
  return result.value;
}

describe("building an 856", () => {
  it("writes the pick-pack hierarchy in schema order", () => {
    const { xml } = built(bulkShipment());
    expect(childNames(xml, ["Shipments", "Shipment"])).toEqual(["Header", "OrderLevel", "Summary"]);
    expect(childNames(xml, ["Shipments", "Shipment", "Header", "ShipmentHeader"])).toEqual([
      "TradingPartnerId",
      "ShipmentIdentification",
      "ShipDate",
      "ShipmentTime",
      "TsetPurposeCode",
      "ShipNoticeDate",
      "ShipNoticeTime",
      "ASNStructureCode",
      "BillOfLadingNumber",
      "CarrierProNumber",
      "CurrentScheduledDeliveryDate",
    ]);
    expect(distinct(childNames(xml, ["Shipments", "Shipment", "Header"]))).toEqual([
      "ShipmentHeader",
      "Dates",
      "Address",
      "CarrierInformation",
      "QuantityAndWeight",
      "FOBRelatedInstruction",
      "QuantityTotals",
    ]);
    expect(distinct(childNames(xml, ["Shipments", "Shipment", "OrderLevel"]))).toEqual(["OrderHeader", "QuantityAndWeight", "References", "PackLevel"]);
    expect(childNames(xml, ["Shipments", "Shipment", "OrderLevel", "PackLevel"])).toEqual(["Pack", "PhysicalDetails", "ItemLevel"]);
    expect(childNames(xml, ["Shipments", "Shipment", "OrderLevel", "PackLevel", "Pack"])).toEqual(["PackLevelType", "ShippingSerialID"]);
    expect(childNames(xml, ["Shipments", "Shipment", "OrderLevel", "PackLevel", "ItemLevel"])).toEqual(["ShipmentLine", "ProductOrItemDescription"]);
  });

  it("fills header, order and carton data from the input and the 850", () => {
    const shipment = JSON.parse(built(bulkShipment()).json);
    expect(shipment.Header.ShipmentHeader).toMatchObject({ TradingPartnerId: "CRSALLCRESTMKT", ASNStructureCode: "0001", TsetPurposeCode: "00" });
    expect(shipment.Header.Dates).toEqual([
      { DateTimeQualifier: "011", Date: "2026-03-10", Time: "15:30:00" },
      { DateTimeQualifier: "017", Date: "2026-03-13" },
    ]);
    expect(shipment.Header.Address.map((a: { AddressTypeCode: string; AddressLocationNumber?: string }) => [a.AddressTypeCode, a.AddressLocationNumber])).toEqual([
      ["SF", undefined],
      ["ST", "0007"],
    ]);
    expect(shipment.Header.CarrierInformation[0]).toMatchObject({ StatusCode: "CL", CarrierAlphaCode: "HRNX" });
    expect(shipment.Header.QuantityAndWeight).toEqual([{ PackingMedium: "CTN", PackingMaterial: "25", LadingQuantity: 2, WeightQualifier: "G", Weight: 31.5, WeightUOM: "LB" }]);
    expect(shipment.Header.QuantityTotals).toEqual([{ QuantityTotalsQualifier: "SQT", Quantity: 144, QuantityUOM: "EA" }]);
    expect(shipment.OrderLevel[0].OrderHeader).toEqual({ PurchaseOrderNumber: "CRM0091734", PurchaseOrderDate: "2026-03-04", Department: "27", Vendor: "V48213", CustomerAccountNumber: "CRST-44018" });
    const [first, second] = shipment.OrderLevel[0].PackLevel;
    expect(first.Pack.ShippingSerialID).toMatch(/^00\d{18}$/);
    expect(second.ItemLevel).toHaveLength(2);
    expect(first.ItemLevel[0].ShipmentLine).toEqual({
      LineSequenceNumber: "1",
      VendorPartNumber: "BH-LAV-08",
      ConsumerPackageCode: "081234501013",
      GTIN: "00081234501013",
      ProductID: [{ PartNumberQual: "SK", PartNumber: "CR-SKU-10021" }],
      OrderQty: 72,
      OrderQtyUOM: "EA",
      PurchasePrice: 6.25,
      ItemStatusCode: "IA",
      ShipQty: 72,
      ShipQtyUOM: "EA",
    });
    expect(shipment.Summary).toEqual({ TotalLineItemNumber: 3 });
  });

  it("nests cartons in pallets as SOTPI", () => {
    const input = bulkShipment();
    const cartons = input.orders[0]!.cartons!;
    const palletized = bulkShipment({ orders: [{ order: input.orders[0]!.order, pallets: [{ sscc: sscc(), weight: 80, cartons }] }] });
    const { xml, json } = built(palletized);
    const shipment = JSON.parse(json);
    expect(shipment.Header.ShipmentHeader.ASNStructureCode).toBe("SOTPI");
    const pallet = shipment.OrderLevel[0].PackLevel[0];
    expect(pallet.Pack.PackLevelType).toBe("T");
    expect(pallet.PackLevel.map((p: { Pack: { PackLevelType: string } }) => p.Pack.PackLevelType)).toEqual(["P", "P"]);
    expect(shipment.Header.QuantityAndWeight[0]).toMatchObject({ LadingQuantity: 2, Weight: 80 });
    expect(childNames(xml, ["Shipments", "Shipment", "OrderLevel", "PackLevel"])).toEqual(["Pack", "PhysicalDetails", "PackLevel", "PackLevel"]);
  });

  it("marks cross-dock cartons for their store at OrderLevel with the store's ordered quantity", () => {
    const order = fixtureOrder("CrossDock");
    const store = order.addresses.find((a) => a.addressLocationNumber === "0127")!;
    const shipment = JSON.parse(
      built(
        bulkShipment({
          orders: [{ order, markFor: store, cartons: [{ sscc: sscc(), items: [{ line: "1", quantity: 12 }] }] }],
        }),
      ).json,
    );
    expect(shipment.Header.Address[1]).toMatchObject({ AddressTypeCode: "ST", AddressLocationNumber: "0451" });
    expect(shipment.OrderLevel[0].Address).toEqual([
      expect.objectContaining({ AddressTypeCode: "Z7", LocationCodeQualifier: "92", AddressLocationNumber: "0127" }),
    ]);
    expect(shipment.OrderLevel[0].PackLevel[0].ItemLevel[0].ShipmentLine).toMatchObject({ OrderQty: 12, ShipQty: 12 });
    expect(shipment.Header.QuantityAndWeight[0].Weight).toBeUndefined();
  });

  it("sends drop-ship tracking numbers per carton", () => {
    const shipment = JSON.parse(
      built(
        bulkShipment({ orders: [{ order: fixtureOrder("DropShip"), cartons: [{ sscc: sscc(), trackingNumber: "1Z999AA10123456784", items: [{ line: "1", quantity: 1 }, { line: "2", quantity: 2 }] }] }] }),
      ).json,
    );
    expect(shipment.OrderLevel[0].OrderHeader.CustomerOrderNumber).toBe("HD-WEB-5521837");
    expect(shipment.OrderLevel[0].PackLevel[0].Pack.CarrierPackageID).toBe("1Z999AA10123456784");
    expect(shipment.Header.Address[1].AddressName).toBe("Priya O'Connor");
  });

  it("refuses bad SSCCs, unknown lines, duplicate cartons and mixed structures", () => {
    const good = sscc();
    const input = bulkShipment({
      shipDate: "10/03/2026",
      orders: [
        {
          order: fixtureOrder("BulkImport"),
          cartons: [
            { sscc: "00007774760000006929", items: [{ line: "1", quantity: 1 }] },
            { sscc: good, items: [{ line: "7", quantity: 1 }] },
            { sscc: good, items: [{ line: "2", quantity: 0 }] },
          ],
          pallets: [{ sscc: sscc(), cartons: [] }],
        },
      ],
    });
    const result = buildShipNotice(input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.reasons).toEqual([
        'ShipDate "10/03/2026" is not a date in YYYY-MM-DD form.',
        "Send loose cartons or pallets of cartons, not both: one ASN has one structure (0001 or SOTPI).",
        `PO CRM0091734: pallet ${input.orders[0]!.pallets![0]!.sscc} holds no carton.`,
        'PO CRM0091734 carton SSCC "00007774760000006929" is not a valid SSCC-18 (18 digits with a GS1 check digit).',
        `PO CRM0091734 carton ${good}: line 7 is not on the PO.`,
        `PO CRM0091734 carton SSCC ${good} is used twice.`,
        `PO CRM0091734 carton ${good}: quantity 0 for line 2 is not above zero.`,
      ]);
    }
  });
});
