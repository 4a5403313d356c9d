// The element-order tables that drive outbound RSX: each structure lists its elements in RSX 7.7 schema
// order with their JSON type, and both the XML and the JSON writer walk the same table, so the two outputs
// cannot drift in names, order or types (sps-commerce.md §3.1: the 7.6 XSDs use xs:sequence everywhere).
export type LeafKind = "string" | "number" | "integer" | "boolean";

export interface LeafSpec {
  readonly name: string;
  readonly kind: LeafKind;
}
export interface GroupSpec {
  readonly name: string;
  readonly kind: "group";
  /** Repeated sibling elements in XML, an array in JSON. */
  readonly repeat: boolean;
  readonly children: readonly ElementSpec[];
}
export type ElementSpec = LeafSpec | GroupSpec;

/** A child given as a bare name is a string leaf. */
type ChildDef = string | ElementSpec | readonly ElementSpec[];

function normalize(children: readonly ChildDef[]): ElementSpec[] {
  const out: ElementSpec[] = [];
  for (const child of children) {
    if (typeof child === "string") out.push({ name: child, kind: "string" });
    else if (Array.isArray(child)) out.push(...(child as readonly ElementSpec[]));
    else out.push(child as ElementSpec);
  }
  const seen = new Set<string>();
  for (const spec of out) {
    if (seen.has(spec.name)) throw new Error(`element table lists ${spec.name} twice`);
    seen.add(spec.name);
  }
  return out;
}

/** A list of leaves to splice into a record (e.g. the item identifiers every line record starts with). */
export const fields = (...children: ChildDef[]): ElementSpec[] => normalize(children);
export const num = (name: string): LeafSpec => ({ name, kind: "number" });
export const int = (name: string): LeafSpec => ({ name, kind: "integer" });
export const bool = (name: string): LeafSpec => ({ name, kind: "boolean" });
/** A group that occurs at most once (a record such as OrderHeader, or Summary). */
export const one = (name: string, children: readonly ChildDef[]): GroupSpec => ({
  name,
  kind: "group",
  repeat: false,
  children: normalize(children),
});
/** A repeatable group (Address, Dates, LineItem…). */
export const many = (name: string, children: readonly ChildDef[]): GroupSpec => ({
  name,
  kind: "group",
  repeat: true,
  children: normalize(children),
});
