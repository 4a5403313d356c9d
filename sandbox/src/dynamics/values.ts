// Field values as the simulator stores them: strings (also enum symbols and DateTimeOffset values
// in canonical "yyyy-MM-ddTHH:mm:ssZ" form) and numbers. Defaults for unset fields follow F&O's
// non-nullable columns: "", 0, the first enum symbol, 1900-01-01T12:00:00Z (gotcha 4).
import { enumSymbols, isEnumType } from "./enums";
import { NULL_DATE, type EntitySetDef, type FieldType } from "./entity-sets";
import { CASE_INSENSITIVE_STRINGS } from "./unconfirmed";

export type Value = string | number;
export type Fields = Record<string, Value>;

/** ISO-8601 with a zone (Z or ±hh:mm), seconds and fraction optional: an Edm.DateTimeOffset. */
const DATE_TIME_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(:(\d{2})(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Parses an Edm.DateTimeOffset literal to epoch ms; undefined when it is not one. */
export function parseDateTimeOffset(text: string): number | undefined {
  if (!DATE_TIME_OFFSET.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Canonical wire form: UTC, whole seconds, "Z" (as F&O answers: "2025-03-17T12:00:00Z"). */
export function formatDateTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** A calendar date as F&O stores date fields: that day at 12:00:00Z. */
export function dateAtNoon(ms: number): string {
  const d = new Date(ms);
  return formatDateTime(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 12, 0, 0));
}

export function defaultValue(type: FieldType): Value {
  if (isEnumType(type)) return enumSymbols(type)[0]!;
  switch (type) {
    case "string":
      return "";
    case "datetime":
      return NULL_DATE;
    default:
      return 0;
  }
}

/** A full record: every field of the set present, unset ones at their default. */
export function completeFields(def: EntitySetDef, given: Fields): Fields {
  const out: Fields = {};
  for (const [name, type] of Object.entries(def.fields)) out[name] = given[name] ?? defaultValue(type);
  return out;
}

/** Form used to compare keys and string filters (SQL Server's case-insensitive collation). */
export function comparable(value: Value): Value {
  return typeof value === "string" && CASE_INSENSITIVE_STRINGS ? value.toLowerCase() : value;
}

export function round2(n: number): number {
  return Math.round((n + Number.EPSILON) * 100) / 100;
}

export function str(fields: Fields, name: string): string {
  const value = fields[name];
  return value === undefined ? "" : String(value);
}

export function num(fields: Fields, name: string): number {
  const value = fields[name];
  return typeof value === "number" ? value : Number(value ?? 0);
}
