// Operator replay: re-run a document from its stored raw payload (inbound) or re-read its ERP
// record (outbound), with the current mappings. A delivered document needs `force`; the flows'
// idempotency still prevents a second ERP order.
import type { Db } from "../db/client";
import { getDocument, transitionDocument } from "../db/documents";
import type { Env } from "../env";
import { err, ok, type Result } from "../lib/result";
import { enqueueDocuments } from "../queues/enqueue";

export type ReplayRefusal = { kind: "not_found" } | { kind: "needs_force"; status: string };

export async function replayDocument(
  env: Pick<Env, "INBOUND" | "OUTBOUND">,
  db: Db,
  tenantId: string,
  documentId: string,
  /** `lineage`: the bulk replay this one is part of, recorded on the document's audit trail. */
  opts: { force: boolean; actor: string; lineage?: { bulkReplayId: string; matched: number } | undefined },
  nowMs: number,
): Promise<Result<{ status: "queued" }, ReplayRefusal>> {
  const doc = await getDocument(db, tenantId, documentId);
  if (!doc) return err({ kind: "not_found" });
  if (doc.status === "delivered" && !opts.force) return err({ kind: "needs_force", status: doc.status });
  await transitionDocument(
    db,
    tenantId,
    doc.id,
    { status: "queued", attempts: 0, lastError: null, statusDetail: null },
    { stage: "replay", outcome: "info", actor: opts.actor, detail: { from: doc.status, force: opts.force, ...(opts.lineage ? { bulkReplay: opts.lineage } : {}) } },
    nowMs,
  );
  try {
    await enqueueDocuments(env, tenantId, [{ id: doc.id, direction: doc.direction }], "replay");
  } catch (e) {
    // Leave the document visible in its previous state rather than "queued" with no message.
    await transitionDocument(
      db,
      tenantId,
      doc.id,
      { status: doc.status, statusDetail: ["Replay could not be queued; try again"] },
      { stage: "replay", outcome: "error", actor: opts.actor, detail: { error: e instanceof Error ? e.message : String(e) } },
      Date.now(),
    );
    throw e;
  }
  return ok({ status: "queued" });
}
