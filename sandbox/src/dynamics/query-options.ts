// The system query options of a read: $filter, $select, $orderby, $top, $skip, $count, $expand
// (first level only, optionally with a nested $select; section 2), $skiptoken (the server's own
// paging token), and F&O's `cross-company=true` (section 2: without it, only the service user's
// default company). Other system options: $search/$apply/$compute are valid OData but not
// simulated (501); an unknown $option is refused (400).
import { qualifiedTypeName, type EntitySetDef } from "./entity-sets";
import { parseFilter, type RowPredicate } from "./odata-filter";
import { badRequest, notSimulated } from "./odata-results";

export interface ExpandOption {
  navigation: string;
  select?: string[];
}

export interface ReadOptions {
  filter?: RowPredicate;
  select?: string[];
  orderby: Array<{ field: string; descending: boolean }>;
  top?: number;
  skip: number;
  count: boolean;
  expand: ExpandOption[];
  /** Rows of the result already served on earlier pages. */
  offset: number;
  crossCompany: boolean;
}

const SUPPORTED = ["$filter", "$select", "$orderby", "$top", "$skip", "$count", "$expand", "$skiptoken", "$format"];
const NOT_SIMULATED = ["$search", "$apply", "$compute", "$index", "$levels", "$schemaversion"];

/** Splits on commas that are not inside parentheses. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of text) {
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (ch === "," && depth === 0) {
      parts.push(current.trim());
      current = "";
    } else {
      current += ch;
    }
  }
  if (current.trim() !== "") parts.push(current.trim());
  return parts;
}

function readSelect(text: string, def: EntitySetDef): string[] | undefined {
  const names = splitTopLevel(text);
  if (names.includes("*")) return undefined;
  for (const name of names) {
    if (!def.fields[name]) throw badRequest(`Could not find a property named '${name}' on type '${qualifiedTypeName(def)}'.`);
  }
  return names;
}

function readCount(name: string, text: string): number {
  if (!/^\d+$/.test(text)) throw badRequest(`Invalid value '${text}' for ${name} query option found. The ${name} query option requires a non-negative integer value.`);
  return Number(text);
}

export function encodeSkipToken(offset: number): string {
  return btoa(`sandbox-page:${offset}`).replace(/=+$/, "");
}

function decodeSkipToken(token: string): number {
  try {
    const match = /^sandbox-page:(\d+)$/.exec(atob(token));
    if (match?.[1]) return Number(match[1]);
  } catch {
    // fall through
  }
  throw badRequest(`The skip token '${token}' is not valid.`);
}

export function isCrossCompany(query: URLSearchParams): boolean {
  return (query.get("cross-company") ?? "").toLowerCase() === "true";
}

export function readOptions(query: URLSearchParams, def: EntitySetDef, resolveTarget: (navigation: string) => EntitySetDef | undefined): ReadOptions {
  for (const name of query.keys()) {
    if (!name.startsWith("$")) continue;
    if (NOT_SIMULATED.includes(name)) throw notSimulated(`the ${name} query option`);
    if (!SUPPORTED.includes(name)) throw badRequest(`The query parameter '${name}' is not supported.`);
  }
  const options: ReadOptions = { orderby: [], skip: 0, count: false, expand: [], offset: 0, crossCompany: isCrossCompany(query) };
  const filter = query.get("$filter");
  if (filter !== null) options.filter = parseFilter(filter, def);
  const select = query.get("$select");
  if (select !== null) options.select = readSelect(select, def);
  const orderby = query.get("$orderby");
  if (orderby !== null) {
    for (const clause of splitTopLevel(orderby)) {
      const [field, direction, ...extra] = clause.split(/\s+/);
      if (!field || extra.length > 0 || (direction !== undefined && direction !== "asc" && direction !== "desc")) {
        throw badRequest(`Syntax error in $orderby clause '${clause}'.`);
      }
      if (!def.fields[field]) throw badRequest(`Could not find a property named '${field}' on type '${qualifiedTypeName(def)}'.`);
      options.orderby.push({ field, descending: direction === "desc" });
    }
  }
  const top = query.get("$top");
  if (top !== null) options.top = readCount("$top", top);
  const skip = query.get("$skip");
  if (skip !== null) options.skip = readCount("$skip", skip);
  const count = query.get("$count");
  if (count !== null) {
    if (count !== "true" && count !== "false") throw badRequest(`'${count}' is not a valid count option.`);
    options.count = count === "true";
  }
  const expand = query.get("$expand");
  if (expand !== null) {
    for (const item of splitTopLevel(expand)) {
      const match = /^([A-Za-z_][A-Za-z0-9_]*)(\((.*)\))?$/.exec(item);
      if (!match?.[1]) throw badRequest(`Syntax error in $expand '${item}'.`);
      const navigation = match[1];
      if (!def.navigations[navigation]) throw badRequest(`Could not find a property named '${navigation}' on type '${qualifiedTypeName(def)}'.`);
      const option: ExpandOption = { navigation };
      const nested = match[3];
      if (nested !== undefined && nested.trim() !== "") {
        const selectMatch = /^\$select=([^;()]*)$/.exec(nested.trim());
        if (!selectMatch?.[1]) throw notSimulated(`nested query options other than $select in $expand ('${item}')`);
        const selected = readSelect(selectMatch[1], resolveTarget(navigation)!);
        if (selected) option.select = selected;
      }
      options.expand.push(option);
    }
  }
  const skiptoken = query.get("$skiptoken");
  if (skiptoken !== null) options.offset = decodeSkipToken(skiptoken);
  return options;
}
