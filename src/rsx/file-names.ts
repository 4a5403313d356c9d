// Deterministic names for outbound files, in SPS's style `{prefix}{document id}-{sequence}-v7.7-{model}.{ext}`
// (sps-commerce.md §4 item 6: PR 855, SH 856, IN 810). The same document always gets the same name, so a
// retried upload overwrites instead of duplicating (§4 item 5); ids are reduced to safe characters.
import type { OrderShape } from "./order-850-queries";

export type OutboundDocumentType = "855" | "856" | "810" | "846";

// The prefixes equal the X12 functional group ids (§4 item 6).
const PREFIX: Record<OutboundDocumentType, string> = { "855": "PR", "856": "SH", "810": "IN", "846": "IB" };

export interface OutboundFileNameInput {
  documentType: OutboundDocumentType;
  /** PO number (855), shipment id (856) or invoice number (810). */
  documentId: string;
  /** Revision of the same document, e.g. the second 855 for a PO; default 1. */
  sequence?: number;
  /** SPS's model name, usually orderShape(order); default BulkImport. */
  model?: OrderShape | string;
  format: "xml" | "json";
}

const MAX_ID_LENGTH = 80;

export function outboundFileName(input: OutboundFileNameInput): string {
  const sequence = input.sequence ?? 1;
  if (!Number.isInteger(sequence) || sequence < 1) throw new Error(`outboundFileName: sequence ${sequence} must be a positive integer`);
  const id = safeSegment(input.documentId);
  const model = (input.model ?? "BulkImport").replace(/[^A-Za-z0-9]/g, "") || "BulkImport";
  return `${PREFIX[input.documentType]}${id}-${sequence}-v7.7-${model}.${input.format}`;
}

/**
 * Letters, digits, "-" and "_" stay; any run of other characters (including "/" and ".") becomes one "_". When that changed the id, a short hash of the
 * original is appended so that two ids differing only in such characters ("A/1", "A 1") never share a name.
 */
function safeSegment(id: string): string {
  const trimmed = id.trim();
  if (trimmed === "") throw new Error("outboundFileName: the document id is empty");
  let safe = trimmed.replace(/[^A-Za-z0-9_-]+/g, "_").replace(/^[-_]+|[-_]+$/g, "");
  if (safe === trimmed && safe.length <= MAX_ID_LENGTH) return safe;
  safe = safe.slice(0, MAX_ID_LENGTH);
  return `${safe}${safe === "" ? "" : "_"}${fnv1a(trimmed)}`;
}

/** 32-bit FNV-1a as 8 hex digits: a stable, dependency-free tag, not a security measure. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}
