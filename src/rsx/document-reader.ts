// Reads a mailbox file into its RSX documents and says which inbound type it is (850, 846, 852), from the
// root or header element names, for XML (`<Orders><Order>…`, a bare `<Order>`) and RSX JSON (an object, an
// array of them, or the same under an "Orders"/"Order" key).
import { ok } from "../lib/result";
import { decodeInput, resolveLimits, type ReadLimits, type RsxFormat } from "./input-text";
import { readRsxJson } from "./json-reader";
import { invalid, type RsxResult } from "./rsx-result";
import { isRsxObject, type RsxObject, type RsxValue } from "./rsx-tree";
import { readRsxXml } from "./xml-reader";

export type InboundDocumentType = "850" | "846" | "852" | "unknown";

export interface RsxDocuments {
  format: RsxFormat;
  documentType: InboundDocumentType;
  /** What the file's outermost name was (XML root, JSON wrapper key, or the header record for bare JSON). */
  rootName: string;
  /** One tree per document (Order, ItemRegistry, ProductActivity), in file order. */
  documents: RsxObject[];
}

interface RootNames {
  plural: string;
  singular: string;
  headerRecord: string;
}

// Root names per sps-commerce.md §3.1; 846/852 roots are inferred there from the schema titles.
const ROOTS: Record<Exclude<InboundDocumentType, "unknown">, RootNames> = {
  "850": { plural: "Orders", singular: "Order", headerRecord: "OrderHeader" },
  "846": { plural: "ItemRegistries", singular: "ItemRegistry", headerRecord: "HeaderReport" },
  "852": { plural: "ProductActivities", singular: "ProductActivity", headerRecord: "ReportHeader" },
};
const TYPES = Object.keys(ROOTS) as Array<keyof typeof ROOTS>;

export function readRsxDocuments(bytes: Uint8Array, limits?: ReadLimits): RsxResult<RsxDocuments> {
  const { maxBytes, maxDepth } = resolveLimits(limits);
  const decoded = decodeInput(bytes, maxBytes);
  if (!decoded.ok) return decoded;
  const { text, format } = decoded.value;
  if (format === "xml") {
    const tree = readRsxXml(text, maxDepth);
    if (!tree.ok) return tree;
    return documentsFromXml(tree.value.rootName, tree.value.root);
  }
  const tree = readRsxJson(text, maxDepth);
  if (!tree.ok) return tree;
  return documentsFromJson(tree.value);
}

/** Which inbound document a file holds, so the caller can route it; "unknown" also for unreadable files. */
export function detectDocumentType(bytes: Uint8Array, limits?: ReadLimits): InboundDocumentType {
  const read = readRsxDocuments(bytes, limits);
  return read.ok ? read.value.documentType : "unknown";
}

function documentsFromXml(rootName: string, root: RsxObject): RsxResult<RsxDocuments> {
  for (const type of TYPES) {
    const names = ROOTS[type];
    if (rootName === names.singular) return ok({ format: "xml", documentType: type, rootName, documents: [root] });
    if (rootName === names.plural) {
      const documents = objectsOf(root[names.singular]);
      if (documents === undefined || documents.length === 0) {
        return invalid(`<${names.plural}> contains no <${names.singular}> element.`);
      }
      return ok({ format: "xml", documentType: type, rootName, documents });
    }
  }
  return ok({ format: "xml", documentType: "unknown", rootName, documents: [root] });
}

function documentsFromJson(tree: RsxValue): RsxResult<RsxDocuments> {
  if (isRsxObject(tree)) {
    for (const type of TYPES) {
      const names = ROOTS[type];
      const wrapped = tree[names.plural] ?? tree[names.singular];
      if (wrapped === undefined) continue;
      const inner = isRsxObject(wrapped) && wrapped[names.singular] !== undefined ? wrapped[names.singular] : wrapped;
      const documents = objectsOf(inner);
      if (documents === undefined || documents.length === 0) {
        return invalid(`The JSON "${tree[names.plural] !== undefined ? names.plural : names.singular}" holds no document object.`);
      }
      return ok({ format: "json", documentType: type, rootName: names.plural, documents });
    }
  }
  const documents = objectsOf(tree);
  if (documents === undefined || documents.length === 0) {
    return invalid("The JSON holds no RSX document (expected an object or an array of objects).");
  }
  // Bare JSON has no root name: the header record names the document (SPS's JSON samples, §3.3–3.8).
  const first = documents[0]!;
  const header = isRsxObject(first["Header"]) ? first["Header"] : {};
  const type = TYPES.find((t) => header[ROOTS[t].headerRecord] !== undefined && !isOrderAck(first)) ?? "unknown";
  const rootName = type === "unknown" ? (Object.keys(header)[0] ?? "") : ROOTS[type].headerRecord;
  return ok({ format: "json", documentType: type, rootName, documents });
}

// An 855 shares Header/OrderHeader with the 850 (§3.4); its lines carry LineItemAcknowledgement.
function isOrderAck(document: RsxObject): boolean {
  const lines = document["LineItem"];
  return Array.isArray(lines) && lines.some((line) => isRsxObject(line) && line["LineItemAcknowledgement"] !== undefined);
}

function objectsOf(value: RsxValue | undefined): RsxObject[] | undefined {
  if (value === undefined) return undefined;
  const items = Array.isArray(value) ? value : [value];
  return items.every(isRsxObject) ? (items as RsxObject[]) : undefined;
}
