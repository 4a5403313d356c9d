// The SPS inbound stream: walk the mailbox's inbound folders recursively from the stored cursor,
// download each file, record its documents (raw bytes compressed, natural key, first audit event,
// one D1 batch), queue them, and only then delete the file at SPS. Work per invocation is bounded;
// an unfinished walk continues in a follow-up poll message from where the cursor says.
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { SpsSettings } from "../sps/connection";
import type { Db } from "../db/client";
import { appendAudit } from "../db/audit";
import { readCursor, writeCursor } from "../db/cursors";
import { recordDocument } from "../db/documents";
import { documents } from "../db/schema";
import type { Env } from "../env";
import { intakeMailboxFile, type IntakeEntry } from "../flows/mailbox-intake";
import { gzip } from "../lib/compress";
import { sha256Hex } from "../lib/encoding";
import type { Logger } from "../lib/log";
import { enqueueDocuments } from "./enqueue";
import type { SpsClient } from "../sps/client";

export const STREAM = "sps:inbound";
/** Files larger than this are recorded invalid with their first part kept (D1 rows hold 2 MB). */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;
const KEEP_OF_OVERSIZED = 512 * 1024;
/** gzip output above this does not fit a D1 row with its other columns. */
const MAX_STORED_BYTES = 1_900_000;
const PAGE_LIMIT = 100;

const WalkState = z.object({
  v: z.literal(1),
  /** Directories still to list; the first one is being listed. */
  dirs: z.array(z.string()),
  cursor: z.string().optional(),
});
type WalkState = z.infer<typeof WalkState>;

export interface PollOutcome {
  files: number;
  documents: number;
  duplicates: number;
  /** The walk stopped at its bound and should continue in another invocation. */
  more: boolean;
}

function roots(settings: SpsSettings): string[] {
  return [...new Set([settings.inboundPath, ...(settings.testInboundPath ? [settings.testInboundPath] : [])])];
}

export async function pollMailbox(
  env: Env,
  db: Db,
  sps: SpsClient,
  tenantId: string,
  settings: SpsSettings,
  opts: { maxFiles: number; log: Logger; nowMs?: () => number; supportingDataNote?: string | undefined },
): Promise<PollOutcome> {
  const now = opts.nowMs ?? (() => Date.now());
  const stored = await readCursor(db, tenantId, STREAM, WalkState);
  let state: WalkState = stored && stored.dirs.length > 0 ? stored : { v: 1, dirs: roots(settings) };
  const outcome: PollOutcome = { files: 0, documents: 0, duplicates: 0, more: false };
  while (state.dirs.length > 0) {
    if (outcome.files >= opts.maxFiles) {
      outcome.more = true;
      break;
    }
    const dir = state.dirs[0]!;
    const page = await sps.listDirectory(dir, { cursor: state.cursor, limit: Math.min(PAGE_LIMIT, Math.max(1, opts.maxFiles - outcome.files)) });
    const newDirs: string[] = [];
    for (const entry of page.entries) {
      if (entry.type === "directory") {
        const sub = entry.path.endsWith("/") ? entry.path : `${entry.path}/`;
        if (!state.dirs.includes(sub)) newDirs.push(sub);
        continue;
      }
      const r = await takeFile(env, db, sps, tenantId, settings, entry.path, opts, now);
      outcome.files += 1;
      outcome.documents += r.documents;
      outcome.duplicates += r.duplicates;
    }
    state = page.nextCursor
      ? { v: 1, dirs: [...state.dirs, ...newDirs], cursor: page.nextCursor }
      : { v: 1, dirs: [...state.dirs.slice(1), ...newDirs] };
    // Saved after every page: a crash or a limit resumes here instead of from the top.
    await writeCursor(db, tenantId, STREAM, state, now());
  }
  return outcome;
}

async function alreadyTaken(db: Db, tenantId: string, path: string): Promise<boolean> {
  const row = await db
    .select({ id: documents.id })
    .from(documents)
    .where(and(eq(documents.tenantId, tenantId), eq(documents.spsPath, path)))
    .limit(1)
    .get();
  return row !== undefined;
}

async function takeFile(
  env: Env,
  db: Db,
  sps: SpsClient,
  tenantId: string,
  settings: SpsSettings,
  path: string,
  opts: { log: Logger; supportingDataNote?: string | undefined },
  now: () => number,
): Promise<{ documents: number; duplicates: number }> {
  const log = opts.log;
  // Without deletion every poll lists every file again: skip the ones already recorded, unread.
  if (!settings.deleteAfterRetrieval && (await alreadyTaken(db, tenantId, path))) return { documents: 0, duplicates: 0 };
  const file = await sps.getFile(path, MAX_FILE_BYTES);
  if (!file) return { documents: 0, duplicates: 0 };
  const intake = intakeMailboxFile(path, file.bytes, {
    truncatedAt: file.truncated ? MAX_FILE_BYTES : undefined,
    maxBytes: MAX_FILE_BYTES,
    supportingDataNote: opts.supportingDataNote,
  });
  // A truncated file is only kept in part: compress that part alone, not the whole 16 MB first.
  let raw = file.truncated ? undefined : await gzip(file.bytes);
  let rawSize = file.bytes.byteLength;
  let keptPart = false;
  if (raw === undefined || raw.byteLength > MAX_STORED_BYTES) {
    raw = await gzip(file.bytes.subarray(0, KEEP_OF_OVERSIZED));
    rawSize = Math.min(rawSize, KEEP_OF_OVERSIZED);
    keptPart = true;
  }
  const fileHash = await sha256Hex(file.bytes);
  const toQueue: { id: string; direction: "inbound" }[] = [];
  let created = 0;
  let duplicates = 0;
  for (const entry of intake.entries) {
    const nowMs = now();
    const contentHash = entry.tree && !entry.hashWholeFile ? await sha256Hex(JSON.stringify(entry.tree)) : fileHash;
    const detail = { path, format: intake.format ?? null, bytes: file.bytes.byteLength, ...(keptPart ? { keptBytes: KEEP_OF_OVERSIZED } : {}) };
    const result = await recordDocument(
      db,
      tenantId,
      {
        direction: "inbound",
        type: entry.type,
        partnerId: entry.partnerId,
        naturalKey: entry.naturalKey,
        status: entry.status,
        statusDetail: entry.statusDetail,
        spsPath: path,
        contentHash,
        rawFormat: intake.format,
        rawSize,
        raw,
        meta: { ...entry.meta, fileHash, ...(keptPart ? { truncatedRaw: true } : {}) },
      },
      { stage: "received", outcome: entry.status === "invalid" ? "error" : "ok", detail: { ...detail, ...(entry.statusDetail.length ? { reasons: entry.statusDetail } : {}) } },
      nowMs,
    );
    if (result.created) {
      created += 1;
      if (entry.status === "queued") toQueue.push({ id: result.id, direction: "inbound" });
      continue;
    }
    duplicates += 1;
    const existing = result.existing;
    if (result.sameContent) {
      await appendAudit(db, tenantId, existing.id, { stage: "duplicate", outcome: "duplicate", detail: { path, note: "the same document arrived again; nothing was created" } }, nowMs);
      // A document recorded but never queued (a crash between the two) is queued now.
      if (existing.status === "queued" || existing.status === "received") toQueue.push({ id: existing.id, direction: "inbound" });
      continue;
    }
    await recordConflict(db, tenantId, entry, existing.id, { path, contentHash, raw, rawSize, format: intake.format }, nowMs);
  }
  if (toQueue.length > 0) {
    await enqueueDocuments(env, tenantId, toQueue, "new");
  }
  if (settings.deleteAfterRetrieval) {
    await sps.deleteFile(path);
  }
  log.debug("mailbox file taken", { path, documents: created, duplicates });
  return { documents: created, duplicates };
}

/**
 * The same natural key with different content: kept as its own `held` document (raw included) so a
 * person can compare and decide, and flagged on the original.
 */
async function recordConflict(
  db: Db,
  tenantId: string,
  entry: IntakeEntry,
  originalId: string,
  file: { path: string; contentHash: string; raw: Uint8Array; rawSize: number; format: "xml" | "json" | undefined },
  nowMs: number,
): Promise<void> {
  const reason = `PO ${entry.naturalKey} arrived again with different content (${file.path}); compare it with the original ${originalId} and replay the one that should stand`;
  const conflict = await recordDocument(
    db,
    tenantId,
    {
      direction: "inbound",
      type: entry.type,
      partnerId: entry.partnerId,
      naturalKey: `${entry.naturalKey}#${file.contentHash.slice(0, 12)}`,
      status: "held",
      statusDetail: [reason],
      spsPath: file.path,
      contentHash: file.contentHash,
      rawFormat: file.format,
      rawSize: file.rawSize,
      raw: file.raw,
      meta: { ...entry.meta, conflictOf: originalId },
    },
    { stage: "received", outcome: "conflict", detail: { path: file.path, conflictOf: originalId } },
    nowMs,
  );
  if (!conflict.created) {
    await appendAudit(db, tenantId, conflict.existing.id, { stage: "duplicate", outcome: "duplicate", detail: { path: file.path } }, nowMs);
    return;
  }
  await appendAudit(db, tenantId, originalId, { stage: "conflict", outcome: "conflict", detail: { path: file.path, conflictDocument: conflict.id, reason } }, nowMs);
}
