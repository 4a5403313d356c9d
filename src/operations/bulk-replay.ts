// Replaying every document a search matches: a dry run first (how many, which, and whether each is
// replayable and why), then the replay of exactly the replayable ones, each recording the bulk
// replay it came from (lineage) on its audit trail. Delivered documents are never replayed in bulk
// (one at a time, from their page, with force) and documents in flight are left to finish.
import type { Db } from "../db/client";
import { listDocuments, type DocumentFilters, type DocumentRow } from "../db/documents";
import type { DocumentStatus } from "../db/schema";
import type { Env } from "../env";
import { newId } from "../lib/ids";
import { replayDocument } from "./replay";

/** At most this many documents per bulk replay: a larger set is narrowed by its filters first. */
export const BULK_REPLAY_LIMIT = 200;

const REPLAYABLE: ReadonlySet<DocumentStatus> = new Set(["failed", "rejected", "invalid", "needs_mapping", "held"]);

export interface BulkCandidate {
  doc: DocumentRow;
  replayable: boolean;
  why: string;
}

export interface BulkPlan {
  candidates: BulkCandidate[];
  /** More documents match than BULK_REPLAY_LIMIT: narrow the search. */
  truncated: boolean;
}

function judge(doc: DocumentRow): BulkCandidate {
  if (REPLAYABLE.has(doc.status)) return { doc, replayable: true, why: `${doc.status.replace(/_/g, " ")}: processed again with today's mappings and connections` };
  if (doc.status === "delivered") return { doc, replayable: false, why: "already delivered: replay it from its own page if you mean to send it again" };
  return { doc, replayable: false, why: `${doc.status}: still being processed; it finishes on its own` };
}

export async function planBulkReplay(db: Db, tenantId: string, filters: DocumentFilters): Promise<BulkPlan> {
  const rows = await listDocuments(db, tenantId, filters, { limit: BULK_REPLAY_LIMIT + 1 });
  return { candidates: rows.slice(0, BULK_REPLAY_LIMIT).map(judge), truncated: rows.length > BULK_REPLAY_LIMIT };
}

export interface BulkOutcome {
  bulkReplayId: string;
  replayed: string[];
  skipped: { id: string; why: string }[];
  failed: { id: string; why: string }[];
}

/** Replays the replayable documents of the plan, one by one; each names this bulk replay in its audit. */
export async function runBulkReplay(env: Pick<Env, "INBOUND" | "OUTBOUND">, db: Db, tenantId: string, filters: DocumentFilters, actor: string, nowMs: number): Promise<BulkOutcome> {
  const plan = await planBulkReplay(db, tenantId, filters);
  const bulkReplayId = newId("bulk", nowMs);
  const replayable = plan.candidates.filter((c) => c.replayable);
  const outcome: BulkOutcome = { bulkReplayId, replayed: [], skipped: plan.candidates.filter((c) => !c.replayable).map((c) => ({ id: c.doc.id, why: c.why })), failed: [] };
  for (const c of replayable) {
    try {
      const result = await replayDocument(env, db, tenantId, c.doc.id, { force: false, actor, lineage: { bulkReplayId, matched: replayable.length } }, Date.now());
      if (result.ok) outcome.replayed.push(c.doc.id);
      else outcome.skipped.push({ id: c.doc.id, why: result.error.kind === "needs_force" ? "delivered meanwhile" : "gone" });
    } catch (e) {
      outcome.failed.push({ id: c.doc.id, why: e instanceof Error ? e.message : String(e) });
    }
  }
  return outcome;
}
