// What a file from the SPS mailbox becomes, pure: one intake entry per document in it (an 850 per
// order, 846/852 reports), each with its natural key and first status, or one `invalid` entry for
// a file that cannot be read. Purpose codes other than 00 (changes, cancellations, duplicates) are held for a person: creating an order from one would be wrong.
import { readRsxDocuments, type RsxFormat } from "../rsx";
import type { DocumentStatus, DocumentType } from "../db/schema";
import { itemRegistry846Schema } from "../rsx/inventory-846";
import { order850Schema, type Order850 } from "../rsx/order-850";
import { orderShape, purposeCode } from "../rsx/order-850-queries";
import { productActivity852Schema } from "../rsx/product-activity-852";
import { readReportLines, splitProductActivity, type SegmentedReport } from "../rsx/product-activity-segments";
import { issuesToReasons } from "../rsx/rsx-fields";
import { isRsxObject, type RsxObject } from "../rsx/rsx-tree";

export interface IntakeEntry {
  type: DocumentType;
  partnerId: string;
  naturalKey: string;
  status: DocumentStatus;
  statusDetail: string[];
  /** The document's own tree (hashed for duplicate/conflict detection), or undefined for an unreadable file. */
  tree: RsxObject | undefined;
  meta: Record<string, unknown>;
  /** Hash the whole file for duplicate detection (the tree is only the header of a large 852). */
  hashWholeFile?: boolean;
}

export interface Intake {
  format: RsxFormat | undefined;
  entries: IntakeEntry[];
}

const PURPOSE_WORDS: Record<string, string> = {
  cancellation: "a cancellation (TsetPurposeCode 01)",
  change: "a change (TsetPurposeCode 04)",
  replace: "a replacement (TsetPurposeCode 05)",
  confirmation: "a confirmation (TsetPurposeCode 06)",
  duplicate: "marked duplicate (TsetPurposeCode 07)",
};

function text(tree: RsxObject, ...path: string[]): string | undefined {
  let node: unknown = tree;
  for (const p of path) node = isRsxObject(node as never) ? (node as RsxObject)[p] : undefined;
  return typeof node === "string" && node.trim() ? node.trim() : undefined;
}

/** An unreadable file: invalid, keyed by its path so a re-delivery of the same file is recognised. */
function unreadable(path: string, reasons: string[], format?: RsxFormat): Intake {
  return {
    format,
    entries: [{ type: "850", partnerId: "", naturalKey: `file:${path}`, status: "invalid", statusDetail: reasons, tree: undefined, meta: { path } }],
  };
}

/**
 * Most documents taken from one file. Each becomes a D1 row, an audit event and a queue message in
 * the polling invocation; a file of thousands of tiny orders would otherwise turn one download into
 * minutes of CPU and thousands of writes. SPS files normally carry one document.
 */
export const MAX_DOCUMENTS_PER_FILE = 500;

export function intakeMailboxFile(
  path: string,
  bytes: Uint8Array,
  /** supportingDataNote: no longer read here (846/852 are queued; the consumer words their status with the ERP profile's note). */
  opts: { truncatedAt?: number | undefined; maxBytes: number; supportingDataNote?: string | undefined },
): Intake {
  if (opts.truncatedAt !== undefined) {
    return unreadable(path, [
      `The file is larger than ${opts.truncatedAt} bytes, the most the connector reads; its first part is kept here. Ask the trading partner to resend it in smaller files.`,
    ]);
  }
  // An 852 is read in pieces (a 5,000 × 50 report is over the whole-tree reader's bound).
  const segmented = splitProductActivity(bytes, { maxBytes: opts.maxBytes });
  if (segmented) {
    if (segmented.ok) return segmentedIntake(path, segmented.value);
    return { format: undefined, entries: [{ type: "852", partnerId: "", naturalKey: `file:${path}`, status: "invalid", statusDetail: segmented.error.reasons, tree: undefined, meta: { path } }] };
  }
  const read = readRsxDocuments(bytes, { maxBytes: opts.maxBytes });
  if (!read.ok) return unreadable(path, read.error.reasons);
  const { format, documentType, documents, rootName } = read.value;
  if (documents.length > MAX_DOCUMENTS_PER_FILE) {
    return unreadable(
      path,
      [`The file holds ${documents.length} documents; the connector takes at most ${MAX_DOCUMENTS_PER_FILE} from one file. Ask the trading partner to send them in smaller files.`],
      format,
    );
  }
  const entries: IntakeEntry[] = [];
  const many = documents.length > 1;
  documents.forEach((tree, documentIndex) => {
    const meta: Record<string, unknown> = { path, documentIndex, format };
    if (documentType === "850") {
      const partnerId = text(tree, "Header", "OrderHeader", "TradingPartnerId") ?? "";
      const po = text(tree, "Header", "OrderHeader", "PurchaseOrderNumber");
      const parsed = order850Schema.safeParse(tree);
      const keyOf = po ?? `file:${path}${many ? `#${documentIndex + 1}` : ""}`;
      if (!parsed.success) {
        const label = many ? `Order ${documentIndex + 1}${po ? ` (PO ${po})` : ""}: ` : "";
        entries.push({ type: "850", partnerId, naturalKey: keyOf, status: "invalid", statusDetail: issuesToReasons(parsed.error.issues, label), tree, meta });
        return;
      }
      const order: Order850 = parsed.data;
      const purpose = purposeCode(order);
      const held = purpose !== "original";
      entries.push({
        type: "850",
        partnerId: order.header.tradingPartnerId,
        naturalKey: order.header.purchaseOrderNumber,
        status: held ? "held" : "queued",
        statusDetail: held
          ? [
              `The 850 is ${PURPOSE_WORDS[purpose] ?? `purpose code ${order.header.tsetPurposeCode}`}, which is not applied automatically; check the sales order, then replay to create it or leave it`,
            ]
          : [],
        tree,
        meta: { ...meta, shape: orderShape(order), poDate: order.header.purchaseOrderDate, purpose, dates: slaDates(order) },
      });
      return;
    }
    if (documentType === "846" || documentType === "852") {
      const schema = documentType === "846" ? itemRegistry846Schema : productActivity852Schema;
      const record = documentType === "846" ? "HeaderReport" : "ReportHeader";
      const partnerId = text(tree, "Header", record, "TradingPartnerId") ?? "";
      // Dedup key (with the partner and type): the 846's document id and report date; the 852's report period.
      const key =
        documentType === "846"
          ? [text(tree, "Header", record, "DocumentId"), text(tree, "Header", record, "InventoryDate")].filter(Boolean).join("@") || undefined
          : [text(tree, "Header", record, "ReportStartDate"), text(tree, "Header", record, "ReportEndDate")].filter(Boolean).join("..") || undefined;
      const parsed = schema.safeParse(tree);
      entries.push({
        type: documentType,
        partnerId,
        naturalKey: key ?? `file:${path}#${documentIndex + 1}`,
        // Queued: the inbound consumer turns it into activity rows (src/queues/activity-intake.ts).
        status: parsed.success ? "queued" : "invalid",
        statusDetail: parsed.success ? [] : issuesToReasons(parsed.error.issues),
        tree,
        meta,
      });
      return;
    }
    entries.push({
      type: "850",
      partnerId: "",
      naturalKey: `file:${path}${many ? `#${documentIndex + 1}` : ""}`,
      status: "invalid",
      statusDetail: [`The file is not an RSX 850, 846 or 852 document${rootName ? ` (it holds <${rootName}>)` : ""}`],
      tree,
      meta,
    });
  });
  return { format, entries };
}

/** Lines validated a slice at a time, so no more than one slice's trees are alive at once. */
const VALIDATE_SLICE = 500;

function segmentedIntake(path: string, seg: SegmentedReport): Intake {
  const header = seg.report.header;
  const naturalKey = [header.reportStartDate, header.reportEndDate].filter(Boolean).join("..");
  const meta = { path, documentIndex: 0, format: seg.format, segmented: true, lines: seg.lineCount };
  let reasons: string[] = [];
  for (let i = 0; i < seg.lineCount && reasons.length === 0; i += VALIDATE_SLICE) {
    const lines = readReportLines(seg, i, i + VALIDATE_SLICE);
    if (!lines.ok) reasons = lines.error.reasons;
  }
  return {
    format: seg.format,
    entries: [
      {
        type: "852",
        partnerId: header.tradingPartnerId,
        naturalKey,
        status: reasons.length ? "invalid" : "queued",
        statusDetail: reasons,
        tree: seg.tree,
        meta,
        hashWholeFile: true,
      },
    ],
  };
}

/** The 850 header dates the due dates read (src/sla): cancel, delivery requested, ship windows. */
const SLA_DATE_QUALIFIERS = ["001", "002", "010", "037", "038", "063"];
function slaDates(order: Order850): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of order.dates) {
    if (d.dateTimeQualifier && d.date && SLA_DATE_QUALIFIERS.includes(d.dateTimeQualifier) && !(d.dateTimeQualifier in out)) out[d.dateTimeQualifier] = d.date;
  }
  return out;
}
