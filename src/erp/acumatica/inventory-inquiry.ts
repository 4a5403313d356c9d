// Available quantity per item and warehouse from Acumatica's InventorySummaryInquiry (the Default
// endpoint's inquiry entity: PUT with the filter fields, $expand=Results). Names confirmed in
// Acumatica's endpoint definitions, Default 20.200.001 Model/InventorySummaryInquiry.cs and
// InventorySummaryRow.cs (docs/erp-facts.md "Inventory"); kept in this one place.
import { ConnectorError } from "../../lib/errors";
import { failureFromResponse } from "../../lib/http";
import type { ErpAvailability } from "../adapter";
import { acumaticaErrorDetail, type AcumaticaClient } from "./client";
import { numberOf, rowsOf, stringOf, wrap } from "./wrapping";

export const INVENTORY_INQUIRY = {
  entity: "InventorySummaryInquiry",
  /** Filter field of the inquiry (one item per call). */
  item: "InventoryID",
  results: "Results",
  warehouse: "WarehouseID",
  /** "Available" in Acumatica's Inventory Summary (on hand less what is allocated). */
  available: "QtyAvailable",
} as const;

export async function readAcumaticaAvailability(client: AcumaticaClient, itemIds: string[]): Promise<ErpAvailability[]> {
  const out: ErpAvailability[] = [];
  for (const itemId of itemIds) {
    const what = `PUT ${INVENTORY_INQUIRY.entity} for ${itemId}`;
    const res = await client.call(what, "PUT", INVENTORY_INQUIRY.entity, { query: { $expand: INVENTORY_INQUIRY.results }, body: wrap({ [INVENTORY_INQUIRY.item]: itemId }) });
    if (res.status !== 200) throw failureFromResponse(res, { system: "acumatica", what, nowMs: Date.now(), detail: acumaticaErrorDetail(res) });
    const body = res.json();
    if (!body || typeof body !== "object" || !Array.isArray((body as Record<string, unknown>)[INVENTORY_INQUIRY.results])) {
      throw new ConnectorError("internal", `${what}: Acumatica answered without ${INVENTORY_INQUIRY.results}`, { system: "acumatica" });
    }
    for (const row of rowsOf(body, INVENTORY_INQUIRY.results)) {
      const available = numberOf(row, INVENTORY_INQUIRY.available);
      const warehouse = stringOf(row, INVENTORY_INQUIRY.warehouse);
      if (available === undefined || warehouse === undefined) throw new ConnectorError("internal", `${what}: a result row has no ${INVENTORY_INQUIRY.warehouse} or ${INVENTORY_INQUIRY.available}`, { system: "acumatica" });
      out.push({ itemId, warehouse, available });
    }
  }
  return out;
}
