// Parses the resource path below /data/: the service document, $metadata, $batch, an entity set,
// its /$count, a key-addressed entity `Set(dataAreaId='usmf',SalesOrderNumber='SO-1')` (every key
// field required, section 2), and one navigation below an entity (`…/SalesOrderLines`).
import { findEntitySet, qualifiedTypeName, type EntitySetDef } from "./entity-sets";
import { literalToValue, tokenize } from "./odata-literals";
import { badRequest } from "./odata-results";
import type { Value } from "./values";

export type KeyValues = Record<string, Value>;

export type ResourcePath =
  | { kind: "service-document" }
  | { kind: "metadata" }
  | { kind: "batch" }
  | { kind: "collection"; set: EntitySetDef }
  | { kind: "count"; set: EntitySetDef }
  | { kind: "entity"; set: EntitySetDef; key: KeyValues }
  | { kind: "navigation"; set: EntitySetDef; key: KeyValues; navigation: string; target: EntitySetDef; many: boolean }
  | { kind: "unknown-set"; name: string }
  | { kind: "unsupported"; what: string };

/** Splits `Name(…)` into the name and the text between the parentheses. */
function splitKeySegment(segment: string): { name: string; keyText: string | undefined } {
  const open = segment.indexOf("(");
  if (open < 0) return { name: segment, keyText: undefined };
  if (!segment.endsWith(")")) throw badRequest(`The key segment '${segment}' is malformed.`);
  return { name: segment.slice(0, open), keyText: segment.slice(open + 1, -1) };
}

export function parseKeyPredicate(def: EntitySetDef, keyText: string): KeyValues {
  const mismatch = () =>
    badRequest(`The number of keys specified in the URI does not match number of key properties for the resource '${qualifiedTypeName(def)}'.`);
  const tokens = tokenize(keyText, "a key predicate");
  const key: KeyValues = {};
  let i = 0;
  while (i < tokens.length) {
    const name = tokens[i];
    const eq = tokens[i + 1];
    const literal = tokens[i + 2];
    if (name?.t !== "ident" || eq?.t !== "=" || literal?.t !== "literal") {
      // A positional key `('x')` is only valid for single-key entities; every F&O entity has dataAreaId plus more.
      throw mismatch();
    }
    if (!def.keys.includes(name.v) || key[name.v] !== undefined) throw mismatch();
    key[name.v] = literalToValue(literal.v, def.fields[name.v]!, name.v, "key predicate");
    i += 3;
    if (i < tokens.length) {
      if (tokens[i]?.t !== ",") throw mismatch();
      i++;
    }
  }
  if (def.keys.some((k) => key[k] === undefined)) throw mismatch();
  return key;
}

/** `path` is below the service root `/data`, still percent-encoded ("" or "/Set(...)/Nav"). */
export function parseResourcePath(path: string): ResourcePath {
  const segments = path.split("/").filter((s) => s !== "");
  let decoded: string[];
  try {
    decoded = segments.map(decodeURIComponent);
  } catch {
    throw badRequest("The URL contains malformed percent-encoding.");
  }
  const [first, second, ...rest] = decoded;
  if (first === undefined) return { kind: "service-document" };
  if (first === "$metadata" && second === undefined) return { kind: "metadata" };
  if (first === "$batch" && second === undefined) return { kind: "batch" };
  const { name, keyText } = splitKeySegment(first);
  const set = findEntitySet(name);
  if (!set) return { kind: "unknown-set", name };
  if (keyText === undefined) {
    if (second === undefined) return { kind: "collection", set };
    if (second === "$count" && rest.length === 0) return { kind: "count", set };
    return { kind: "unsupported", what: `the path segment '${second}' after ${set.name}` };
  }
  const key = parseKeyPredicate(set, keyText);
  if (second === undefined) return { kind: "entity", set, key };
  const navigation = set.navigations[second];
  if (!navigation) throw badRequest(`Could not find a property named '${second}' on type '${qualifiedTypeName(set)}'.`);
  if (rest.length > 0) return { kind: "unsupported", what: `the path '${decoded.join("/")}'` };
  return { kind: "navigation", set, key, navigation: second, target: findEntitySet(navigation.target)!, many: navigation.many };
}

/**
 * The entity set a request path acts on, for route ids: the set itself, or the target of a
 * navigation (`SalesOrderHeadersV2(…)/SalesOrderLines` → SalesOrderLines); undefined when unknown.
 */
export function targetEntitySetName(path: string): string | undefined {
  let segments: string[];
  try {
    segments = path.split("/").filter(Boolean).map(decodeURIComponent);
  } catch {
    return undefined;
  }
  const set = findEntitySet((segments[0] ?? "").split("(")[0] ?? "");
  if (!set) return undefined;
  const navigation = segments[1] === undefined ? undefined : set.navigations[segments[1]];
  return navigation ? navigation.target : set.name;
}
