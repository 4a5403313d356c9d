// Seeds a simulated tenant from the invented demo world (sandbox/fixtures/demo-world.json):
// customers, customer locations with ExtRefNbr store numbers, stock items with cross-references for
// UPC, vendor part number and each partner's buyer part numbers (acumatica.md section 4).
import { z } from "zod";
import demoWorldJson from "../../fixtures/demo-world.json";
import { newGuid } from "../ids";
import { formatTimestamp, newRecord } from "./records";
import type { RecordStore } from "./store";
import { ALTERNATE_TYPE } from "./unconfirmed";

const DemoWorld = z.object({
  partners: z.array(z.object({ partnerId: z.string(), customerId: z.string() })),
  customers: z.array(
    z.object({
      customerId: z.string(),
      name: z.string(),
      locations: z.array(z.object({ locationId: z.string(), name: z.string(), extRefNbr: z.string() })),
    }),
  ),
  items: z.array(
    z.object({
      inventoryId: z.string(),
      description: z.string(),
      uom: z.string(),
      price: z.number(),
      vendorPartNumber: z.string(),
      upc: z.string(),
    }),
  ),
  buyerPartNumbers: z.array(z.object({ partnerId: z.string(), buyerPartNumber: z.string(), inventoryId: z.string() })),
});

export type DemoWorld = z.infer<typeof DemoWorld>;

/** Parsed once: a malformed fixture should fail loudly, not seed half a tenant. */
export const demoWorld: DemoWorld = DemoWorld.parse(demoWorldJson);

/** Seeded records carry a fixed, old timestamp so they never show up in "changed since" polls. */
export const SEED_TIMESTAMP = formatTimestamp(Date.UTC(2026, 0, 1, 9, 0, 0));

export const DEFAULT_WAREHOUSE = "MAIN";
export const DEFAULT_SHIP_VIA = "UPSGROUND";
export const DEFAULT_TERMS = "30D";

export function seedDemoWorld(store: RecordStore, world: DemoWorld = demoWorld): void {
  for (const customer of world.customers) {
    store.put(
      "Customer",
      newRecord({
        CustomerID: customer.customerId,
        CustomerName: customer.name,
        Status: "Active",
        CustomerClass: "DEFAULT",
        ShipVia: DEFAULT_SHIP_VIA,
        ShippingTerms: "FOB",
        WarehouseID: DEFAULT_WAREHOUSE,
        Terms: DEFAULT_TERMS,
        PriceClassID: null,
        LastModifiedDateTime: SEED_TIMESTAMP,
        CreatedDateTime: SEED_TIMESTAMP,
        NoteID: newGuid(),
      }),
    );
    customer.locations.forEach((location, index) => {
      store.put(
        "CustomerLocation",
        newRecord(
          {
            Customer: customer.customerId,
            LocationID: location.locationId,
            LocationName: location.name,
            Active: true,
            Default: location.locationId === "MAIN" || (index === 0 && !customer.locations.some((l) => l.locationId === "MAIN")),
            AddressOverride: false,
            ShipVia: DEFAULT_SHIP_VIA,
            Warehouse: DEFAULT_WAREHOUSE,
            ExtRefNbr: location.extRefNbr === "" ? null : location.extRefNbr,
            LastModifiedDateTime: SEED_TIMESTAMP,
          },
          {
            Address: newRecord({ AddressLine1: null, AddressLine2: null, City: null, State: null, PostalCode: null, Country: "US", Validated: false }),
          },
        ),
      );
    });
  }
  const customerOfPartner = new Map(world.partners.map((p) => [p.partnerId, p.customerId]));
  for (const item of world.items) {
    const crossReferences = [
      newRecord({ AlternateID: item.upc, AlternateType: ALTERNATE_TYPE.barcode, VendorOrCustomer: null, UOM: item.uom, Description: "UPC", Subitem: null }),
      newRecord({ AlternateID: item.vendorPartNumber, AlternateType: ALTERNATE_TYPE.global, VendorOrCustomer: null, UOM: item.uom, Description: "Vendor part number", Subitem: null }),
      ...world.buyerPartNumbers
        .filter((bpn) => bpn.inventoryId === item.inventoryId)
        .map((bpn) =>
          newRecord({
            AlternateID: bpn.buyerPartNumber,
            AlternateType: ALTERNATE_TYPE.customerPartNumber,
            VendorOrCustomer: customerOfPartner.get(bpn.partnerId) ?? null,
            UOM: item.uom,
            Description: `Buyer part number (${bpn.partnerId})`,
            Subitem: null,
          }),
        ),
    ];
    store.put(
      "StockItem",
      newRecord(
        {
          InventoryID: item.inventoryId,
          Description: item.description,
          ItemStatus: "Active",
          ItemClass: "FINISHED",
          BaseUOM: item.uom,
          SalesUOM: item.uom,
          DefaultPrice: item.price,
          MSRP: null,
          DefaultWarehouseID: DEFAULT_WAREHOUSE,
          LastModified: SEED_TIMESTAMP,
          LastModifiedDateTime: SEED_TIMESTAMP,
          NoteID: newGuid(),
        },
        {},
        { CrossReferences: crossReferences },
      ),
    );
  }
}
