// Editing and backdating records from the control API, the way a user on the form would change
// them: fields change and the change-tracking field (LastModified / LastModifiedDateTime) moves
// to now, or to a given instant to simulate a record committed with an older timestamp.
import { ENTITIES, type EntityName } from "./entities";
import { fail, type Outcome } from "./outcome";
import { formatTimestamp, getNumber, parseDateTime, type Scalar, type StoredRecord } from "./records";
import { syncOrderShipmentRows } from "./sales-orders";
import type { RecordStore } from "./store";

export interface PatchRequest {
  /** Header fields to set (unwrapped values, contract field names). */
  fields?: Record<string, Scalar>;
  /** Shipments only: package fields to set, by package LineNbr. */
  packages?: Array<{ lineNbr: number; fields: Record<string, Scalar> }>;
  /** Sets the change-tracking field to this instant instead of now ("backdate"). */
  lastModified?: string;
}

/** Edits a record like a user on the form would: fields change and the change timestamp moves. */
export function patchRecord(store: RecordStore, entity: EntityName, keys: string[], request: PatchRequest, nowMs: number): Outcome<StoredRecord> {
  const def = ENTITIES[entity];
  const record = store.get(entity, keys);
  if (!record) return fail(404, `${entity} ${keys.join(" ")} not found`);
  let stampMs = nowMs;
  if (request.lastModified !== undefined) {
    const ms = parseDateTime(request.lastModified);
    if (ms === undefined) return fail(400, `Invalid lastModified '${request.lastModified}'`);
    stampMs = ms;
  }
  for (const name of Object.keys(request.fields ?? {})) {
    if (!def.fields[name]) return fail(400, `'${name}' is not a field of ${entity}`);
    if (def.keys.includes(name)) return fail(400, `Key field '${name}' cannot be changed`);
  }
  if (request.packages && entity !== "Shipment") return fail(400, "packages can only be patched on a Shipment");
  const packageDef = ENTITIES.Shipment.details.Packages!;
  for (const patch of request.packages ?? []) {
    const pkg = record.details.Packages?.find((p) => getNumber(p, "LineNbr") === patch.lineNbr);
    if (!pkg) return fail(400, `Package ${patch.lineNbr} does not exist`);
    for (const name of Object.keys(patch.fields)) if (!packageDef.fields[name]) return fail(400, `'${name}' is not a field of a package`);
  }
  Object.assign(record.fields, request.fields ?? {});
  for (const patch of request.packages ?? []) {
    Object.assign(record.details.Packages!.find((p) => getNumber(p, "LineNbr") === patch.lineNbr)!.fields, patch.fields);
  }
  const stamp = formatTimestamp(stampMs);
  record.fields[def.changeField] = stamp;
  if (entity === "SalesInvoice") record.fields.LastModifiedDate = stamp;
  if (entity === "Shipment") syncOrderShipmentRows(store, record, formatTimestamp(nowMs));
  return { ok: true, value: record };
}
