// Reads a mailbox file and validates each of its documents with a typed schema, collecting every problem as
// an operator reason prefixed with the document it belongs to ("Order 2 (PO 4500012): …").
import type { z } from "zod";
import { ok } from "../lib/result";
import { readRsxDocuments, type InboundDocumentType, type RsxDocuments } from "./document-reader";
import type { ReadLimits, RsxFormat } from "./input-text";
import { issuesToReasons } from "./rsx-fields";
import { invalid, type RsxResult } from "./rsx-result";
import { isRsxObject, type RsxObject } from "./rsx-tree";

export interface TypedDocuments<T> {
  format: RsxFormat;
  documents: T[];
}

export interface DocumentKind {
  type: Exclude<InboundDocumentType, "unknown">;
  /** "Order", "Inventory advice", … */
  label: string;
  /** What the file should contain, for the wrong-type reason. */
  expected: string;
  /** Header record and key element that name a document in reasons, e.g. ["OrderHeader", "PurchaseOrderNumber", "PO"]. */
  key: readonly [record: string, element: string, word: string];
}

export function parseTypedDocuments<T>(
  bytes: Uint8Array,
  limits: ReadLimits | undefined,
  kind: DocumentKind,
  schema: z.ZodType<T, RsxObject>,
): RsxResult<TypedDocuments<T>> {
  const read = readRsxDocuments(bytes, limits);
  if (!read.ok) return read;
  return validateTypedDocuments(read.value, kind, schema);
}

/** The second half of parseTypedDocuments, for a caller that has already read the file. */
export function validateTypedDocuments<T>(
  read: RsxDocuments,
  kind: DocumentKind,
  schema: z.ZodType<T, RsxObject>,
): RsxResult<TypedDocuments<T>> {
  const { format, documentType, rootName, documents } = read;
  if (documentType !== kind.type) {
    const found = rootName === "" ? "no recognisable RSX document" : `<${rootName}>`;
    return invalid(`Expected ${kind.expected}, but the file holds ${found}.`);
  }
  const parsed: T[] = [];
  const reasons: string[] = [];
  documents.forEach((document, index) => {
    const result = schema.safeParse(document);
    if (result.success) parsed.push(result.data);
    else reasons.push(...issuesToReasons(result.error.issues, label(kind, document, index, documents.length)));
  });
  if (reasons.length > 0) return invalid(reasons);
  return ok({ format, documents: parsed });
}

function label(kind: DocumentKind, document: RsxObject, index: number, count: number): string {
  const [record, element, word] = kind.key;
  const header = document["Header"];
  const headerRecord = isRsxObject(header) ? header[record] : undefined;
  const key = isRsxObject(headerRecord) ? headerRecord[element] : undefined;
  const keyText = typeof key === "string" && key.trim() !== "" ? ` (${word} ${key.trim()})` : "";
  return count > 1 || keyText !== "" ? `${kind.label} ${index + 1}${keyText}: ` : "";
}
