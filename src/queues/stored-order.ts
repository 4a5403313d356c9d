// An 850 as stored: the raw file SPS sent, re-read and parsed, for the consumers that create its
// sales orders (inbound) and those that answer it (856, 810, 855: outbound).
import { orderMetaOf } from "../db/document-meta";
import type { DocumentRow } from "../db/documents";
import { gunzip } from "../lib/compress";
import { ConnectorError } from "../lib/errors";
import { readRsxDocuments } from "../rsx";
import { order850Schema, type Order850 } from "../rsx/order-850";
import { issuesToReasons } from "../rsx/rsx-fields";

/** The stored raw file, re-read: replays always run on what SPS sent, with today's mappings. */
export async function loadOrder(doc: DocumentRow): Promise<Order850> {
  if (!doc.raw) throw new ConnectorError("invalid", "The document has no stored payload to process", { reasons: ["The document has no stored payload"] });
  const bytes = await gunzip(doc.raw);
  const read = readRsxDocuments(bytes);
  if (!read.ok) throw new ConnectorError("invalid", read.error.reasons.join("; "), { reasons: read.error.reasons });
  const index = orderMetaOf(doc).documentIndex ?? 0;
  const tree = read.value.documents[index];
  if (!tree) throw new ConnectorError("invalid", `The stored file has no document ${index + 1}`);
  const parsed = order850Schema.safeParse(tree);
  if (!parsed.success) {
    const reasons = issuesToReasons(parsed.error.issues);
    throw new ConnectorError("invalid", reasons.join("; "), { reasons });
  }
  return parsed.data;
}
