// The contract-based API's JSON shape (acumatica.md section 3): every field wrapped as
// {"value": …}; system fields id / rowNumber / note / custom / files / error unwrapped; linked
// entities are objects of wrapped fields; detail collections are arrays of such objects; details
// and linked entities appear only when $expand-ed (gotcha 2). This module renders stored records
// and strictly reads PUT bodies (an unwrapped field → 400 naming the field, Newtonsoft-style).
import type { FieldType, ObjectDef } from "./entities";
import type { ExpandTree, SelectTree } from "./query-options";
import { formatTimestamp, parseDateTime, type Scalar, type StoredRecord } from "./records";
import { NULL_VALUE_WIRE, unknownFieldMessage } from "./unconfirmed";

export interface View {
  expand: ExpandTree;
  select?: SelectTree;
}

function wrap(value: Scalar | undefined): Record<string, unknown> {
  return value === null || value === undefined ? { ...NULL_VALUE_WIRE } : { value };
}

/** Renders a stored record in the wire format, honouring $expand and $select. */
export function toWire(def: ObjectDef, record: StoredRecord, view: View, rowNumber: number, topLevel: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = { id: record.id, rowNumber };
  if (topLevel) out.note = { value: "" };
  const selected = view.select && view.select.fields.size > 0 ? view.select.fields : undefined;
  for (const name of Object.keys(def.fields)) {
    if (!(name in record.fields)) continue;
    if (selected && !selected.has(name)) continue;
    out[name] = wrap(record.fields[name]);
  }
  for (const [name, childDef] of Object.entries(def.linked)) {
    const childExpand = view.expand.get(name);
    const linked = record.linked[name];
    if (!childExpand || !linked) continue;
    out[name] = toWire(childDef, linked, { expand: childExpand, select: view.select?.nested.get(name) }, 1, false);
  }
  for (const [name, childDef] of Object.entries(def.details)) {
    const childExpand = view.expand.get(name);
    if (!childExpand) continue;
    const rows = record.details[name] ?? [];
    out[name] = rows.map((row, index) =>
      toWire(childDef, row, { expand: childExpand, select: view.select?.nested.get(name) }, index + 1, false),
    );
  }
  if (topLevel) {
    out.custom = {};
    out.files = [];
  }
  return out;
}

/** A PUT body read against the contract: only what the client sent. */
export interface ParsedObject {
  id?: string;
  delete: boolean;
  /** Fields present in the body (value may be null), read-only ones left out. */
  fields: Record<string, Scalar>;
  linked: Record<string, ParsedObject>;
  details: Record<string, ParsedObject[]>;
}

/** A body that cannot be read: 400 with a Newtonsoft-style message naming the path. */
export class WireFormatError extends Error {}

const WRAPPER_TYPE: Record<FieldType, string> = {
  string: "StringValue",
  decimal: "DecimalValue",
  int: "IntValue",
  boolean: "BooleanValue",
  datetime: "DateTimeValue",
  guid: "GuidValue",
};

const SYSTEM_FIELDS = new Set(["id", "rowNumber", "note", "custom", "files", "error", "_links"]);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

function convertValue(type: FieldType, raw: unknown, path: string): Scalar {
  if (raw === null) return null;
  const fail = (what: string): never => {
    throw new WireFormatError(`Could not convert ${what} to ${type === "datetime" ? "DateTime" : type}: ${describe(raw)}. Path '${path}.value'.`);
  };
  switch (type) {
    case "string":
      if (typeof raw === "string") return raw;
      if (typeof raw === "number" || typeof raw === "boolean") return String(raw);
      return fail("value");
    case "decimal":
    case "int": {
      const n = typeof raw === "number" ? raw : typeof raw === "string" && raw.trim() !== "" ? Number(raw) : Number.NaN;
      if (!Number.isFinite(n) || (type === "int" && !Number.isInteger(n))) return fail(typeof raw === "string" ? "string" : "value");
      return n;
    }
    case "boolean":
      if (typeof raw === "boolean") return raw;
      if (typeof raw === "string" && /^(true|false)$/i.test(raw)) return raw.toLowerCase() === "true";
      return fail("value");
    case "datetime": {
      const ms = typeof raw === "string" ? parseDateTime(raw) : undefined;
      return ms === undefined ? fail("string") : formatTimestamp(ms);
    }
    case "guid":
      if (typeof raw === "string" && /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/.test(raw)) return raw;
      return fail("string");
  }
}

/**
 * Reads one object of the body against its definition. `entity` names the top-level entity for
 * messages; `path` is the JSON path so far ("" at the top, "Details[0]", "ShipToAddress").
 */
export function readWrappedObject(def: ObjectDef, body: unknown, entity: string, path: string, isDetailRow: boolean): ParsedObject {
  if (!isPlainObject(body)) {
    throw new WireFormatError(`Error converting value ${describe(body)} to type 'PX.Api.ContractBased.Models.${def.name}'. Path '${path}'.`);
  }
  const parsed: ParsedObject = { delete: false, fields: {}, linked: {}, details: {} };
  const at = (name: string) => (path === "" ? name : `${path}.${name}`);
  for (const [name, raw] of Object.entries(body)) {
    if (name === "id") {
      if (raw !== null && (typeof raw !== "string" || !/^[0-9a-fA-F-]{36}$/.test(raw))) {
        throw new WireFormatError(`Error converting value ${describe(raw)} to type 'System.Guid'. Path '${at(name)}'.`);
      }
      if (typeof raw === "string") parsed.id = raw;
      continue;
    }
    if (name === "delete" && isDetailRow) {
      if (typeof raw !== "boolean") throw new WireFormatError(`Could not convert value to Boolean: ${describe(raw)}. Path '${at(name)}'.`);
      parsed.delete = raw;
      continue;
    }
    if (SYSTEM_FIELDS.has(name)) continue; // note may be wrapped or a plain string (section 3); not simulated
    const type = def.fields[name];
    if (type) {
      if (!isPlainObject(raw)) {
        throw new WireFormatError(`Error converting value ${describe(raw)} to type 'PX.Api.ContractBased.Models.${WRAPPER_TYPE[type]}'. Path '${at(name)}'.`);
      }
      const extra = Object.keys(raw).find((key) => key !== "value" && key !== "error");
      if (extra !== undefined) {
        throw new WireFormatError(`sandbox: unexpected property '${extra}' in the value wrapper of '${at(name)}' (expected {"value": …}).`);
      }
      if (!("value" in raw)) continue; // {} carries no value: nothing to set
      if (def.readOnly.includes(name)) continue;
      parsed.fields[name] = convertValue(type, raw.value, at(name));
      continue;
    }
    const linkedDef = def.linked[name];
    if (linkedDef) {
      if (!def.readOnly.includes(name)) parsed.linked[name] = readWrappedObject(linkedDef, raw, entity, at(name), false);
      continue;
    }
    const detailDef = def.details[name];
    if (detailDef) {
      if (!Array.isArray(raw)) {
        throw new WireFormatError(`Cannot deserialize the current JSON value into type 'List<${detailDef.name}>' because the type requires a JSON array. Path '${at(name)}'.`);
      }
      const rows = raw.map((row, index) => readWrappedObject(detailDef, row, entity, `${at(name)}[${index}]`, true));
      if (!def.readOnly.includes(name)) parsed.details[name] = rows;
      continue;
    }
    throw new WireFormatError(unknownFieldMessage(entity, at(name)));
  }
  return parsed;
}
