// How the Acumatica simulator stores records: one generic shape for every entity (field values
// unwrapped, linked entities and detail collections nested), plus date and money helpers.
import { newGuid } from "../ids";

export type Scalar = string | number | boolean | null;

export interface StoredRecord {
  id: string;
  fields: Record<string, Scalar>;
  linked: Record<string, StoredRecord>;
  details: Record<string, StoredRecord[]>;
}

export function newRecord(
  fields: Record<string, Scalar>,
  linked: Record<string, StoredRecord> = {},
  details: Record<string, StoredRecord[]> = {},
): StoredRecord {
  return { id: newGuid(), fields, linked, details };
}

export function getString(record: StoredRecord, field: string): string {
  const value = record.fields[field];
  return value === null || value === undefined ? "" : String(value);
}

export function getNumber(record: StoredRecord, field: string): number {
  const value = record.fields[field];
  return typeof value === "number" ? value : Number(value ?? 0) || 0;
}

/** Rounds to `places` decimals, half away from zero, without binary-fraction surprises. */
export function round(value: number, places = 2): number {
  const factor = 10 ** places;
  return Math.sign(value) * Math.round(Math.abs(value) * factor + 1e-9) / factor;
}

/**
 * Acumatica renders dates with an offset, e.g. "2025-03-14T16:02:11.35+00:00" (acumatica.md 6c and
 * gotcha 10). The simulated server runs in UTC.
 */
export function formatTimestamp(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2025-03-14T16:02:11.353Z
  const [main, fraction = "000Z"] = iso.split(".");
  const digits = fraction.replace("Z", "").replace(/0+$/, "");
  return `${main}${digits ? `.${digits}` : ""}+00:00`;
}

/** A date at midnight UTC, as Acumatica renders document dates ("2025-03-14T00:00:00+00:00"). */
export function formatDate(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 10)}T00:00:00+00:00`;
}

/** Parses what a client may send for a DateTime field; no offset means server time (UTC here). */
export function parseDateTime(text: string): number | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?)(Z|[+-]\d{2}:\d{2})?)?$/.exec(text.trim());
  if (!match) return undefined;
  const [, date, time = "00:00:00", zone = "Z"] = match;
  const ms = Date.parse(`${date}T${time.length === 5 ? `${time}:00` : time.replace(/(\.\d{3})\d+$/, "$1")}${zone}`);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The record with values unwrapped, for control-API replies (not the wire format). */
export function plainRecord(record: StoredRecord): Record<string, unknown> {
  const plain: Record<string, unknown> = { id: record.id, ...record.fields };
  for (const [name, linked] of Object.entries(record.linked)) plain[name] = plainRecord(linked);
  for (const [name, rows] of Object.entries(record.details)) plain[name] = rows.map(plainRecord);
  return plain;
}
