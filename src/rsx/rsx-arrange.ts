// Puts builder content (RSX element names, unordered) into the order of an element table, dropping empty
// values, and checks each value against the table's type. A name the table does not know is a bug in a
// builder, so it throws rather than silently emitting or dropping it.
import type { ElementSpec, GroupSpec, LeafKind } from "./element-spec";

export type RsxOutValue = string | number | boolean | undefined | RsxOut | readonly (RsxOut | undefined)[];
/** Outbound content keyed by RSX element name; undefined and "" mean "omit". */
export interface RsxOut {
  readonly [name: string]: RsxOutValue;
}

export type ArrangedElement =
  | { readonly name: string; readonly kind: LeafKind; readonly value: string | number | boolean }
  | { readonly name: string; readonly kind: "group"; readonly repeat: boolean; readonly items: readonly ArrangedElement[][] };

/** Arranges the content of one record or document by its table; returns the children in schema order. */
export function arrangeElements(table: GroupSpec, content: RsxOut, path = table.name): ArrangedElement[] {
  const known = new Set(table.children.map((c) => c.name));
  for (const key of Object.keys(content)) {
    if (!known.has(key)) throw new Error(`${path}: "${key}" is not in the RSX 7.7 element table`);
  }
  const out: ArrangedElement[] = [];
  for (const spec of table.children) {
    const arranged = arrangeOne(spec, content[spec.name], `${path}/${spec.name}`);
    if (arranged !== undefined) out.push(arranged);
  }
  return out;
}

function arrangeOne(spec: ElementSpec, value: RsxOutValue, path: string): ArrangedElement | undefined {
  if (value === undefined) return undefined;
  if (spec.kind !== "group") {
    const leaf = leafValue(spec.kind, value, path);
    return leaf === undefined ? undefined : { name: spec.name, kind: spec.kind, value: leaf };
  }
  if (spec.repeat !== Array.isArray(value)) {
    throw new Error(`${path}: ${spec.repeat ? "a repeatable group needs an array" : "a single group needs an object"}`);
  }
  const records = (spec.repeat ? value : [value]) as readonly unknown[];
  const items: ArrangedElement[][] = [];
  records.forEach((record, index) => {
    if (record === undefined) return;
    if (typeof record !== "object" || record === null || Array.isArray(record)) throw new Error(`${path}: expected an object`);
    const children = arrangeElements(spec, record as RsxOut, spec.repeat ? `${path}[${index + 1}]` : path);
    if (children.length > 0) items.push(children);
  });
  if (items.length === 0) return undefined;
  return { name: spec.name, kind: "group", repeat: spec.repeat, items };
}

function leafValue(kind: LeafKind, value: RsxOutValue, path: string): string | number | boolean | undefined {
  switch (kind) {
    case "string":
      if (typeof value !== "string") throw new Error(`${path}: expected a string, got ${typeof value}`);
      return value.trim() === "" ? undefined : value;
    case "number":
    case "integer":
      if (typeof value !== "number" || !Number.isFinite(value)) throw new Error(`${path}: expected a finite number`);
      if (kind === "integer" && !Number.isInteger(value)) throw new Error(`${path}: expected a whole number, got ${value}`);
      return value;
    case "boolean":
      if (typeof value !== "boolean") throw new Error(`${path}: expected a boolean`);
      return value;
  }
}
