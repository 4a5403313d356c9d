// Reads RSX JSON text (SPS's JSON form of RSX 7.7) into the same plain tree the XML reader produces:
// numbers and booleans become their text, nulls are dropped, a repeatable group given as one object becomes
// a one-element array. Depth is bounded like the XML reader's.
import { ok } from "../lib/result";
import { invalid, type RsxResult } from "./rsx-result";
import { REPEATABLE_ELEMENTS, type RsxObject, type RsxValue } from "./rsx-tree";

class RefusedJson extends Error {}

export function readRsxJson(text: string, maxDepth: number): RsxResult<RsxValue> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return invalid(`The JSON is not well-formed: ${detail}`);
  }
  try {
    const tree = normalize(parsed, "", 0, maxDepth);
    if (tree === undefined || typeof tree === "string") {
      return invalid("The JSON holds no RSX document (expected an object or an array of objects).");
    }
    return ok(tree);
  } catch (error) {
    if (error instanceof RefusedJson) return invalid(error.message);
    throw error;
  }
}

function normalize(value: unknown, name: string, depth: number, maxDepth: number): RsxValue | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "string") return value;
  // A JSON number becomes the text an XML file would carry ("30.0" in JSON parses to 30, so "30").
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (depth >= maxDepth) throw new RefusedJson(`Objects nest deeper than ${maxDepth} levels (at "${name}").`);
  if (Array.isArray(value)) {
    const items: RsxValue[] = [];
    for (const item of value) {
      const normalized = normalize(item, name, depth + 1, maxDepth);
      if (normalized !== undefined) items.push(normalized);
    }
    return items;
  }
  if (typeof value !== "object") throw new Error(`unexpected JSON value of type ${typeof value}`);
  const out: RsxObject = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === "__proto__") throw new RefusedJson(`"__proto__" is not an RSX element name.`);
    const normalized = normalize(child, key, depth + 1, maxDepth);
    if (normalized === undefined) continue;
    out[key] = REPEATABLE_ELEMENTS.has(key) && !Array.isArray(normalized) ? [normalized] : normalized;
  }
  return out;
}
