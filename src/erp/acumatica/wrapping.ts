// Acumatica's contract-based API wraps every field as {"value": …} (reference/acumatica.md
// section 3); detail collections are arrays of wrapped objects, linked entities nested objects.
// These helpers convert between that shape and plain values, in one place.

export type Wrapped = { [field: string]: { value: unknown } | Wrapped | Wrapped[] };

/** Plain object → wrapped. Arrays become detail collections, nested objects linked entities; undefined is dropped. */
export function wrap(plain: Record<string, unknown>): Wrapped {
  const out: Wrapped = {};
  for (const [k, v] of Object.entries(plain)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) out[k] = v.map((row) => wrap(row as Record<string, unknown>));
    else if (v !== null && typeof v === "object") out[k] = wrap(v as Record<string, unknown>);
    else out[k] = { value: v };
  }
  return out;
}

/** The plain value of a wrapped field, or undefined. */
export function valueOf(record: unknown, field: string): unknown {
  if (!record || typeof record !== "object") return undefined;
  const f = (record as Record<string, unknown>)[field];
  if (f && typeof f === "object" && "value" in f) return (f as { value: unknown }).value;
  return undefined;
}

export function stringOf(record: unknown, field: string): string | undefined {
  const v = valueOf(record, field);
  if (v === null || v === undefined) return undefined;
  return String(v);
}

export function numberOf(record: unknown, field: string): number | undefined {
  const v = valueOf(record, field);
  if (typeof v === "number") return v;
  if (typeof v === "string" && v.trim() !== "" && !Number.isNaN(Number(v))) return Number(v);
  return undefined;
}

export function rowsOf(record: unknown, field: string): Record<string, unknown>[] {
  if (!record || typeof record !== "object") return [];
  const f = (record as Record<string, unknown>)[field];
  return Array.isArray(f) ? (f.filter((r) => r && typeof r === "object") as Record<string, unknown>[]) : [];
}

/**
 * Every `error` string on a 422 echo (on the entity, its fields, its detail lines), with where it
 * was, e.g. "Details[2].InventoryID: 'BLK-MUG' not found".
 */
export function collectFieldErrors(entity: unknown, path = ""): string[] {
  if (!entity || typeof entity !== "object") return [];
  const out: string[] = [];
  if (Array.isArray(entity)) {
    entity.forEach((row, i) => out.push(...collectFieldErrors(row, `${path}[${i + 1}]`)));
    return out;
  }
  for (const [k, v] of Object.entries(entity as Record<string, unknown>)) {
    if (k === "error" && typeof v === "string" && v) out.push(path ? `${path}: ${v}` : v);
    else if (v && typeof v === "object") {
      const here = path ? `${path}.${k}` : k;
      const fieldError = !Array.isArray(v) && typeof (v as Record<string, unknown>).error === "string" ? ((v as Record<string, unknown>).error as string) : undefined;
      if (fieldError) {
        const value = (v as Record<string, unknown>).value;
        out.push(`${here}${value !== undefined && value !== null ? ` (${JSON.stringify(value)})` : ""}: ${fieldError}`);
      } else out.push(...collectFieldErrors(v, here));
    }
  }
  return out;
}
