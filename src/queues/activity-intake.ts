// Inbound consumer for 846 inventory advice and 852 product activity: the stored file, re-read, becomes
// activity rows (src/flows/activity-rows.ts) written in batches. A large report is worked through in
// slices of lines; when one invocation has written its share, the position is saved on the document
// and the document is queued again, so a 5,000 × 300 852 spreads over several messages. Rows are
// upserted by their key, so a retry, a replay or a re-delivery writes the same rows again, never more.
import { z } from "zod";
import { countActivityOfDocument, upsertActivityRows } from "../db/activity";
import type { Db } from "../db/client";
import { metaOf, transitionDocument, type DocumentRow } from "../db/documents";
import { findItemMappings } from "../db/items";
import { getPartner } from "../db/partners";
import type { Env } from "../env";
import { erpProfile } from "../erp/profiles";
import type { ErpKind } from "../erp/profiles";
import {
  activityRowsOf846Lines,
  activityRowsOf852Lines,
  itemKeysOfLines,
  periodOf846,
  periodOf852,
  reportLocationOf846,
  type ActivityRow,
  type ReportPeriod,
} from "../flows/activity-rows";
import { gunzip } from "../lib/compress";
import { ConnectorError } from "../lib/errors";
import type { Logger } from "../lib/log";
import { readRsxDocuments } from "../rsx";
import { itemRegistry846Schema, type InventoryLine } from "../rsx/inventory-846";
import { productActivity852Schema, type ReportLine } from "../rsx/product-activity-852";
import { issuesToReasons } from "../rsx/rsx-fields";
import { readReportLines, splitProductActivity } from "../rsx/product-activity-segments";
import { enqueueDocuments } from "./enqueue";

/** Lines mapped and written together (one item-mapping lookup per slice). */
export const LINES_PER_SLICE = 500;
/** Rows one invocation writes before handing the rest to a new message (CPU and wall-time budget). */
export const ROWS_PER_INVOCATION = 60_000;

const Progress = z.object({ nextLine: z.number().int().min(0), rows: z.number().int().min(0), invocations: z.number().int().min(0) });
type Progress = z.infer<typeof Progress>;

interface Report {
  partnerId: string;
  period: ReportPeriod;
  lineCount: number;
  /** Lines [from, to), read when asked (a large 852 is never held whole). */
  lines: (from: number, to: number) => (InventoryLine | ReportLine)[];
  rowsOf: (lines: (InventoryLine | ReportLine)[], mapper: Parameters<typeof activityRowsOf852Lines>[2]) => ActivityRow[];
}

function invalid(reasons: string[]): never {
  throw new ConnectorError("invalid", reasons.join("; "), { reasons });
}

function report852(partnerId: string, start: string, end: string | undefined, lineCount: number, lines: Report["lines"]): Report {
  const period = periodOf852({ header: { tradingPartnerId: partnerId, reportStartDate: start, reportEndDate: end } });
  if (!period) invalid(["The 852's ReportStartDate is not a date"]);
  return { partnerId, period, lineCount, lines, rowsOf: (ls, mapper) => activityRowsOf852Lines(ls as ReportLine[], period, mapper) };
}

/** The stored raw file, re-read: replays run on what SPS sent, with today's mappings. */
async function loadReport(doc: DocumentRow): Promise<Report> {
  if (!doc.raw) invalid(["The document has no stored payload"]);
  if (metaOf(doc).truncatedRaw) invalid(["Only the first part of this file is stored; it cannot be read into activity"]);
  const bytes = await gunzip(doc.raw);
  if (doc.type === "852") {
    const seg = splitProductActivity(bytes);
    if (seg) {
      if (!seg.ok) invalid(seg.error.reasons);
      const h = seg.value.report.header;
      return report852(h.tradingPartnerId, h.reportStartDate, h.reportEndDate, seg.value.lineCount, (from, to) => {
        const read = readReportLines(seg.value, from, to);
        if (!read.ok) invalid(read.error.reasons);
        return read.value;
      });
    }
  }
  const read = readRsxDocuments(bytes);
  if (!read.ok) invalid(read.error.reasons);
  const index = Number(metaOf(doc).documentIndex ?? 0);
  const tree = read.value.documents[index];
  if (!tree) invalid([`The stored file has no document ${index + 1}`]);
  if (doc.type === "846") {
    const parsed = itemRegistry846Schema.safeParse(tree);
    if (!parsed.success) invalid(issuesToReasons(parsed.error.issues));
    const registry = parsed.data;
    const period = periodOf846(registry);
    if (!period) invalid(["The 846 has no report date (Dates 196/197 or InventoryDate)"]);
    const location = reportLocationOf846(registry.addresses);
    return {
      partnerId: registry.header.tradingPartnerId,
      period,
      lineCount: registry.lines.length,
      lines: (from, to) => registry.lines.slice(from, to),
      rowsOf: (lines, mapper) => activityRowsOf846Lines(lines as InventoryLine[], period, location, mapper),
    };
  }
  const parsed = productActivity852Schema.safeParse(tree);
  if (!parsed.success) invalid(issuesToReasons(parsed.error.issues));
  const h = parsed.data.header;
  return report852(h.tradingPartnerId, h.reportStartDate, h.reportEndDate, parsed.data.lines.length, (from, to) => parsed.data.lines.slice(from, to));
}

export async function storeActivity(
  env: Env,
  db: Db,
  doc: DocumentRow,
  erp: ErpKind,
  log: Logger,
  opts: { rowsPerInvocation?: number } = {},
): Promise<{ done: boolean; rows: number }> {
  const report = await loadReport(doc);
  const meta = metaOf(doc);
  // A position is resumed only while the document is unfinished; a replay of a stored document
  // (e.g. after items were mapped) starts again from its first line.
  const prior = Progress.safeParse(meta.activity);
  const finished = typeof meta.activity === "object" && meta.activity !== null && "stored" in meta.activity;
  const progress: Progress = prior.success && !finished ? prior.data : { nextLine: 0, rows: 0, invocations: 0 };
  const partner = await getPartner(db, doc.tenantId, report.partnerId);
  const mapperBase = { partnerId: report.partnerId, legalEntity: partner?.legalEntity ?? null };
  const budget = opts.rowsPerInvocation ?? ROWS_PER_INVOCATION;
  let written = 0;
  let line = progress.nextLine;
  while (line < report.lineCount && written < budget) {
    const slice = report.lines(line, line + LINES_PER_SLICE);
    const mappings = await findItemMappings(db, doc.tenantId, report.partnerId, mapperBase.legalEntity, itemKeysOfLines(slice));
    const rows = report.rowsOf(slice, { ...mapperBase, mappings });
    await upsertActivityRows(db, doc.tenantId, report.partnerId, doc.id, rows);
    written += rows.length;
    line += slice.length;
  }
  const next: Progress = { nextLine: line, rows: progress.rows + written, invocations: progress.invocations + 1 };
  const nowMs = Date.now();
  if (line < report.lineCount) {
    // Handed on: the document goes back to queued with its position, and a new message carries on.
    await transitionDocument(
      db,
      doc.tenantId,
      doc.id,
      { status: "queued", meta: { ...meta, activity: next } },
      { stage: "activity_stored", outcome: "info", detail: { rows: written, linesDone: line, lines: report.lineCount, continues: true } },
      nowMs,
    );
    await enqueueDocuments(env, doc.tenantId, [{ id: doc.id, direction: "inbound" }], "new");
    log.info("activity slice stored", { tenantId: doc.tenantId, documentId: doc.id, rows: written, linesDone: line });
    return { done: false, rows: written };
  }
  const totals = await countActivityOfDocument(db, doc.tenantId, doc.id);
  const note = erpProfile(erp).supportingDataNote;
  const summary = `Stored by the connector: ${totals.rows} activity rows from ${report.lineCount} items${totals.unmappedItems ? `, ${totals.unmappedItems} items not mapped (kept with the retailer's codes)` : ""}; ${note}`;
  await transitionDocument(
    db,
    doc.tenantId,
    doc.id,
    { status: "delivered", statusDetail: [summary], lastError: null, meta: { ...meta, activity: { ...next, stored: totals.rows, unmappedItems: totals.unmappedItems } } },
    { stage: "delivered", outcome: "ok", detail: { rows: totals.rows, unmappedItems: totals.unmappedItems, invocations: next.invocations } },
    nowMs,
  );
  log.info("activity stored", { tenantId: doc.tenantId, documentId: doc.id, rows: totals.rows });
  return { done: true, rows: written };
}
