// The Default endpoint's InventorySummaryInquiry, strictly: PUT with the inquiry's filter fields
// (wrapped values; any other field is refused), $expand=Results (the only query option), one row per
// warehouse of the item from the levels set through the control route. Field names from Acumatica's
// endpoint definitions (Default 20.200.001 Model/InventorySummaryInquiry.cs, InventorySummaryRow.cs;
// docs/erp-facts.md "Inventory"). Whether the real server refuses an unknown filter field or ignores
// it is not confirmed; refusing catches a misspelt field in tests.
import { jsonResponse } from "../responses";
import { bodyText, mediaType, type SimRequest } from "../sim-request";
import type { AcumaticaInstance } from "./instances";
import { httpError } from "./unconfirmed";

export interface InventoryLevel {
  InventoryID: string;
  WarehouseID: string;
  QtyOnHand: number;
  QtyAvailable: number;
  QtyAvailableForShipment: number;
}

const FILTER_FIELDS = new Set(["InventoryID", "WarehouseID", "LocationID", "Subitem", "ExpandByLotSerialNbr"]);
const levels = new WeakMap<AcumaticaInstance, InventoryLevel[]>();

export function setInventoryLevels(instance: AcumaticaInstance, rows: InventoryLevel[]): void {
  levels.set(instance, rows);
}

const wrapped = (v: unknown) => ({ value: v });

export function putInventorySummaryInquiry(instance: AcumaticaInstance, req: SimRequest): Response {
  if (mediaType(req) !== "application/json") return httpError(415, "The request entity's media type is not supported for this resource.", "System.Web.Http.HttpResponseException");
  for (const key of req.query.keys()) {
    if (key !== "$expand") return httpError(400, `The query parameter '${key}' is not supported for inquiry InventorySummaryInquiry.`, "PX.Api.ContractBased.OData.ODataException");
  }
  const expand = req.query.get("$expand");
  if (expand !== null && expand !== "Results") return httpError(400, `Could not find a property named '${expand}' on type 'InventorySummaryInquiry'.`, "PX.Api.ContractBased.OData.ODataException");
  let body: unknown;
  try {
    body = JSON.parse(bodyText(req));
  } catch (error) {
    return httpError(400, `Unexpected character encountered while parsing value: ${(error as Error).message}`, "Newtonsoft.Json.JsonReaderException");
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) return httpError(400, "The request body must be an InventorySummaryInquiry object.", "Newtonsoft.Json.JsonSerializationException");
  const filter: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(body as Record<string, unknown>)) {
    if (!FILTER_FIELDS.has(field)) return httpError(400, `Could not find a property named '${field}' on type 'InventorySummaryInquiry'.`, "Newtonsoft.Json.JsonSerializationException");
    if (!value || typeof value !== "object" || !("value" in value)) return httpError(400, `Field '${field}' must be a wrapped value {"value": …}.`, "Newtonsoft.Json.JsonSerializationException");
    filter[field] = (value as { value: unknown }).value;
  }
  const rows = (levels.get(instance) ?? []).filter(
    (r) => (filter.InventoryID === undefined || r.InventoryID === filter.InventoryID) && (filter.WarehouseID === undefined || r.WarehouseID === filter.WarehouseID),
  );
  const out: Record<string, unknown> = {
    id: crypto.randomUUID(),
    rowNumber: 1,
    note: null,
    ...Object.fromEntries(Object.entries(filter).map(([k, v]) => [k, wrapped(v)])),
  };
  // Without $expand=Results an inquiry answers its filter only (acumatica.md: detail collections need $expand).
  if (expand === "Results") {
    out.Results = rows.map((r, i) => ({
      id: crypto.randomUUID(),
      rowNumber: i + 1,
      note: null,
      WarehouseID: wrapped(r.WarehouseID),
      QtyOnHand: wrapped(r.QtyOnHand),
      QtyAvailable: wrapped(r.QtyAvailable),
      QtyAvailableForShipment: wrapped(r.QtyAvailableForShipment),
      BaseUOM: wrapped("EA"),
      custom: {},
    }));
  }
  return jsonResponse(200, out);
}
