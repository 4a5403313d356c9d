// How records go on the wire: JSON objects with @odata.etag and the fields in entity order (enum
// symbols as strings, DateTimeOffset as "…Z"), @odata.context URLs, and entity URLs
// `{base}/data/Set(k1='v1',k2='v2')` used for Location headers and $n references.
import type { EntitySetDef } from "./entity-sets";
import { formatLiteral } from "./odata-literals";
import type { Row } from "./store";
import type { Fields } from "./values";

export function etagOf(row: Row): string {
  return `W/"${btoa(`'${row.version},${row.recId}'`)}"`;
}

/** The record as JSON; `select` limits the fields (keys are not added back, as OData does not). */
export function entityJson(def: EntitySetDef, row: Row, select?: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { "@odata.etag": etagOf(row) };
  for (const name of Object.keys(def.fields)) {
    if (select && !select.includes(name)) continue;
    out[name] = row.fields[name];
  }
  return out;
}

function encodeLiteral(literal: string): string {
  return encodeURIComponent(literal).replace(/%27/g, "'").replace(/%3A/gi, ":").replace(/%2C/gi, ",");
}

export function keyPredicate(def: EntitySetDef, fields: Fields): string {
  return def.keys.map((key) => `${key}=${encodeLiteral(formatLiteral(fields[key] ?? "", def.fields[key]!))}`).join(",");
}

export function entityUrl(publicBase: string, def: EntitySetDef, fields: Fields): string {
  return `${publicBase}/data/${def.name}(${keyPredicate(def, fields)})`;
}

export function contextUrl(publicBase: string, path: string, select?: readonly string[], expand?: readonly string[]): string {
  const parts = [...(select ?? []), ...(expand ?? []).map((nav) => `${nav}()`)];
  const projection = select || (expand && expand.length > 0) ? `(${parts.join(",")})` : "";
  return `${publicBase}/data/$metadata#${path}${projection}`;
}
