// The OData-like query options of the contract-based API (acumatica.md section 1 and 3):
// $filter, $expand (comma list, nested with "/": Packages/PackageContents), $select (nested
// selection Details/InventoryID, inferred), $top, $skip, $custom (accepted, not simulated).
// Any other $option is refused: the 24.200.001 spec lists no $orderby or $count (section 1).
import type { EntityDef, ObjectDef } from "./entities";
import { FilterError, parseFilter, type RecordPredicate } from "./odata-filter";

/** Expanded detail/linked entities, each with its own nested expansions. */
export type ExpandTree = Map<string, ExpandTree>;

export interface SelectTree {
  fields: Set<string>;
  nested: Map<string, SelectTree>;
}

export interface QueryOptions {
  filter?: RecordPredicate;
  expand: ExpandTree;
  select?: SelectTree;
  top?: number;
  skip: number;
}

const SUPPORTED = ["$filter", "$expand", "$select", "$top", "$skip", "$custom"];

function child(def: ObjectDef, name: string): ObjectDef | undefined {
  return def.details[name] ?? def.linked[name];
}

function splitList(text: string): string[] {
  return text
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
}

function parseExpand(text: string, def: ObjectDef): ExpandTree {
  const tree: ExpandTree = new Map();
  for (const path of splitList(text)) {
    let level = tree;
    let levelDef = def;
    for (const segment of path.split("/")) {
      const next = child(levelDef, segment);
      if (!next) throw new FilterError(`$expand: '${segment}' is not a detail or linked entity of ${levelDef.name}`);
      let subtree = level.get(segment);
      if (!subtree) {
        subtree = new Map();
        level.set(segment, subtree);
      }
      level = subtree;
      levelDef = next;
    }
  }
  return tree;
}

function parseSelect(text: string, def: ObjectDef): SelectTree {
  const root: SelectTree = { fields: new Set(), nested: new Map() };
  for (const path of splitList(text)) {
    let level = root;
    let levelDef = def;
    const segments = path.split("/");
    segments.forEach((segment, index) => {
      const last = index === segments.length - 1;
      const next = child(levelDef, segment);
      if (next) {
        let subtree = level.nested.get(segment);
        if (!subtree) {
          subtree = { fields: new Set(), nested: new Map() };
          level.nested.set(segment, subtree);
        }
        level = subtree;
        levelDef = next;
      } else if (last && levelDef.fields[segment]) {
        level.fields.add(segment);
      } else {
        throw new FilterError(`$select: '${segment}' is not a field of ${levelDef.name}`);
      }
    });
  }
  return root;
}

function parseCount(name: string, text: string): number {
  if (!/^\d+$/.test(text)) throw new FilterError(`${name} must be a non-negative integer`);
  return Number(text);
}

/** Reads the query options; throws FilterError (→ 400) on anything malformed or unknown. */
export function readQueryOptions(query: URLSearchParams, def: EntityDef, allowFilterAndPaging: boolean): QueryOptions {
  for (const name of query.keys()) {
    if (name.startsWith("$") && !SUPPORTED.includes(name)) throw new FilterError(`The query option '${name}' is not supported`);
  }
  const options: QueryOptions = { expand: new Map(), skip: 0 };
  const expand = query.get("$expand");
  if (expand) options.expand = parseExpand(expand, def);
  const select = query.get("$select");
  if (select) options.select = parseSelect(select, def);
  if (allowFilterAndPaging) {
    const filter = query.get("$filter");
    if (filter !== null) options.filter = parseFilter(filter, def);
    const top = query.get("$top");
    if (top !== null) options.top = parseCount("$top", top);
    const skip = query.get("$skip");
    if (skip !== null) options.skip = parseCount("$skip", skip);
  }
  return options;
}
