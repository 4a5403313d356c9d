// Seeds a simulated F&O environment from the invented demo world (sandbox/fixtures/demo-world.json):
// legal entity usmf gets every demo customer (CustomerAccount = the demo customer id, USD) and every
// demo item as a released product; legal entity demf gets a subset (EUR), so that "a partner in
// another legal entity" and "an item not released in that legal entity" can be tested.
import { z } from "zod";
import demoWorldJson from "../../fixtures/demo-world.json";
import { entitySet } from "./entity-sets";
import type { EnvironmentStore } from "./store";

const DemoWorld = z.object({
  customers: z.array(z.object({ customerId: z.string(), name: z.string() })),
  items: z.array(z.object({ inventoryId: z.string(), description: z.string(), uom: z.string(), price: z.number() })),
});

/** Parsed once: a malformed fixture should fail loudly, not seed half an environment. */
const demoWorld = DemoWorld.parse(demoWorldJson);

interface LegalEntitySeed {
  currency: string;
  country: string;
  /** undefined = every demo customer / item. */
  customers?: readonly string[];
  items?: readonly string[];
}

export const DEMO_LEGAL_ENTITIES: Readonly<Record<string, LegalEntitySeed>> = {
  usmf: { currency: "USD", country: "USA" },
  demf: { currency: "EUR", country: "DEU", customers: ["CREST", "HOMEDIRECT"], items: ["CANDLE-LAV-08", "CANDLE-CED-12", "GIFTSET-03"] },
};

export function seedDemoWorld(store: EnvironmentStore, legalEntities: readonly string[]): void {
  for (const company of legalEntities) {
    const seed = DEMO_LEGAL_ENTITIES[company];
    if (!seed) continue;
    for (const customer of demoWorld.customers) {
      if (seed.customers && !seed.customers.includes(customer.customerId)) continue;
      store.insert(entitySet("CustomersV3"), {
        dataAreaId: company,
        CustomerAccount: customer.customerId,
        OrganizationName: customer.name,
        NameAlias: customer.customerId,
        CustomerGroupId: "RETAIL",
        SalesCurrencyCode: seed.currency,
        InvoiceAccount: "",
        PaymentTerms: "Net30",
        DeliveryMode: "GRND",
        DeliveryTerms: "FOB",
        AddressCountryRegionId: seed.country,
        IsOneTimeCustomer: "No",
      });
    }
    for (const item of demoWorld.items) {
      if (seed.items && !seed.items.includes(item.inventoryId)) continue;
      const unit = item.uom.toLowerCase(); // F&O unit symbols are lower-case in the demo companies ("ea", section 9c)
      store.insert(entitySet("ReleasedProductsV2"), {
        dataAreaId: company,
        ItemNumber: item.inventoryId,
        // ReleasedProductsV2 has no ProductName (checked-facts 5); the product's name lives behind its
        // ProductV2 navigation, which the simulator does not serve: the search name carries it here.
        SearchName: item.inventoryId,
        ProductSearchName: item.description,
        SalesUnitSymbol: unit,
        InventoryUnitSymbol: unit,
        PurchaseUnitSymbol: unit,
        ItemModelGroupId: "FIFO",
        ProductGroupId: "FINISHED",
        SalesPrice: item.price,
      });
    }
  }
}
