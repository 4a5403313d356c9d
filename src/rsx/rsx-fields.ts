// zod building blocks that turn the plain RSX tree into typed models: text leaves (trimmed, empty = absent),
// decimals and integers (numbers only in the typed model, ids stay strings), repeated groups (always
// arrays), and RSX-named records renamed to model fields. Also renders zod issues as operator reasons.
import { z } from "zod";
import { isRsxObject, type RsxObject } from "./rsx-tree";

type Issue = z.core.$ZodIssue;

/** Explains a value of the wrong shape in RSX terms rather than zod's. */
function shapeMessage(expected: "value" | "group") {
  return (issue: { input?: unknown }): string | undefined => {
    const input = issue.input;
    if (input === undefined) return "is missing";
    if (Array.isArray(input)) return "appears more than once";
    if (expected === "value" && typeof input === "object") return "must be a single value, not a group of elements";
    if (expected === "group" && typeof input === "string") return "must contain elements, not text";
    return undefined;
  };
}

const leafString = z.string({ error: shapeMessage("value") });

/** Optional text leaf: trimmed; an empty element counts as absent. */
export const text = leafString.transform((s) => s.trim() || undefined).optional();

/** Required text leaf. */
export const requiredText = leafString.transform((s, ctx) => {
  const trimmed = s.trim();
  if (trimmed === "") {
    ctx.addIssue({ code: "custom", message: "is empty" });
    return z.NEVER;
  }
  return trimmed;
});

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Optional decimal leaf (quantities, amounts, percentages). */
export const decimal = leafString
  .transform((s, ctx) => {
    const trimmed = s.trim();
    if (trimmed === "") return undefined;
    if (!DECIMAL.test(trimmed)) {
      ctx.addIssue({ code: "custom", message: `${JSON.stringify(trimmed)} is not a number` });
      return z.NEVER;
    }
    return Number(trimmed);
  })
  .optional();

/** Optional whole-number leaf (day counts, PackValue, line counts). */
export const integer = decimal.transform((n, ctx) => {
  if (n !== undefined && !Number.isInteger(n)) {
    ctx.addIssue({ code: "custom", message: `${n} is not a whole number` });
    return z.NEVER;
  }
  return n;
});

/** Optional yes/no leaf (Meta/IsDropShip is a JSON boolean; XML carries "true"/"false"). */
export const flag = leafString
  .transform((s, ctx) => {
    const v = s.trim().toLowerCase();
    if (v === "") return undefined;
    if (v === "true" || v === "1" || v === "y" || v === "yes") return true;
    if (v === "false" || v === "0" || v === "n" || v === "no") return false;
    ctx.addIssue({ code: "custom", message: `${JSON.stringify(s.trim())} is not true or false` });
    return z.NEVER;
  })
  .optional();

/** A repeated group: absent reads as an empty list. */
export function list<T extends z.ZodType>(item: T) {
  return z
    .array(item, { error: shapeMessage("group") })
    .optional()
    .transform((items): Array<z.output<T>> => items ?? []);
}

/** An RSX object (record) whose elements map to model fields, in the form `RsxName: [modelField, schema]`. */
export type FieldMap<T> = Record<string, readonly [keyof T & string, z.ZodType]>;

/**
 * A record or group: validates the RSX element names given in `fields` (other elements are left to the
 * raw tree) and renames them to model fields, dropping absent ones.
 */
export function rsxGroup<T>(fields: FieldMap<T>) {
  const shape: Record<string, z.ZodType> = {};
  for (const [rsxName, [, schema]] of Object.entries(fields)) shape[rsxName] = schema;
  return z.object(shape, { error: shapeMessage("group") }).transform((record): T => {
    const out: Record<string, unknown> = {};
    for (const [rsxName, [modelName]] of Object.entries(fields)) {
      const value = record[rsxName];
      if (value !== undefined) out[modelName] = value;
    }
    return out as T;
  });
}

/** An optional single group (Meta, Summary): absent or an empty element reads as `{}` run through `schema`. */
export function optionalGroup<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (v === undefined || v === "" ? {} : v), schema);
}

/**
 * Wraps a document schema so its model also keeps the tree it was read from (`raw`), for builders that echo
 * elements the model does not name. Issues keep their paths.
 */
export function withRawTree<T>(body: z.ZodType<T>, refuse?: (tree: RsxObject) => string | undefined) {
  return z
    .custom<RsxObject>(isRsxObject, { message: "must be a document object" })
    .transform((tree, ctx): T & { raw: RsxObject } => {
      // A whole-document refusal (an older RSX version) replaces the element-by-element reasons it would cause.
      const refused = refuse?.(tree);
      if (refused !== undefined) {
        ctx.addIssue({ code: "custom", message: refused, path: [] });
        return z.NEVER;
      }
      const parsed = body.safeParse(tree);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
        return z.NEVER;
      }
      return { ...parsed.data, raw: tree };
    });
}

/** "LineItem[3]/OrderLine/OrderQty: "12x" is not a number" (1-based indexes, RSX names). */
export function issuesToReasons(issues: readonly Issue[], prefix = ""): string[] {
  return issues.map((issue) => {
    let path = "";
    for (const key of issue.path) {
      if (typeof key === "number") path += `[${key + 1}]`;
      else path += (path === "" ? "" : "/") + String(key);
    }
    const where = path === "" ? "document" : path;
    return `${prefix}${where}: ${issue.message}`;
  });
}
