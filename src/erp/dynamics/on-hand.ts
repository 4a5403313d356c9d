// Available quantity per item and warehouse from F&O's on-hand entity: the public collection
// WarehousesOnHand (InventWarehouseOnHandEntity; keys dataAreaId, ItemNumber, the product
// dimensions, InventorySiteId, InventoryWarehouseId) and its AvailableOnHandQuantity. Sources in
// docs/erp-facts.md "Inventory"; names kept in this one place.
import { ConnectorError } from "../../lib/errors";
import type { ErpAvailability } from "../adapter";
import { odataString, type DynamicsODataClient } from "./odata-client";

export const ON_HAND = {
  entitySet: "WarehousesOnHand",
  item: "ItemNumber",
  warehouse: "InventoryWarehouseId",
  available: "AvailableOnHandQuantity",
} as const;

/** Items per $filter (an "or" of equalities keeps the URL short). */
const ITEMS_PER_READ = 20;

export async function readDynamicsAvailability(client: DynamicsODataClient, itemIds: string[], legalEntity: string | null): Promise<ErpAvailability[]> {
  const out: ErpAvailability[] = [];
  for (let i = 0; i < itemIds.length; i += ITEMS_PER_READ) {
    const chunk = itemIds.slice(i, i + ITEMS_PER_READ);
    const items = chunk.map((id) => `${ON_HAND.item} eq ${odataString(id)}`).join(" or ");
    const filter = legalEntity ? `dataAreaId eq ${odataString(legalEntity)} and (${items})` : `(${items})`;
    const rows = await client.list(`read ${ON_HAND.entitySet}`, ON_HAND.entitySet, {
      $filter: filter,
      $select: [ON_HAND.item, ON_HAND.warehouse, ON_HAND.available].join(","),
      ...(legalEntity ? {} : { "cross-company": "true" }),
    });
    for (const row of rows) {
      const available = row[ON_HAND.available];
      // A quantity F&O did not give is not a zero: the run fails and sends nothing (a zero tells the retailer to stop selling).
      if (typeof available !== "number" || !Number.isFinite(available) || typeof row[ON_HAND.item] !== "string" || typeof row[ON_HAND.warehouse] !== "string") {
        throw new ConnectorError("internal", `read ${ON_HAND.entitySet}: a row has no ${ON_HAND.item}, ${ON_HAND.warehouse} or numeric ${ON_HAND.available}`, { system: "dynamics" });
      }
      out.push({ itemId: row[ON_HAND.item] as string, warehouse: row[ON_HAND.warehouse] as string, available });
    }
  }
  return out;
}
