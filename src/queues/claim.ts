// One consumer per document at a time: a compare-and-set moves the document to `delivering`; a
// claim older than the claim TTL (CLAIM_TTL_MS) belongs to a consumer that died and may be taken over.
import type { Db } from "../db/client";
import { transitionDocument, type DocumentRow } from "../db/documents";
import { ConnectorError } from "../lib/errors";

/** Claims the document or throws `busy` (re-queued later, without using up an attempt). */
export async function claimDocument(db: Db, doc: DocumentRow, attempts: number, claimTtlMs: number): Promise<{ tookOver: boolean }> {
  const nowMs = Date.now();
  const event = { stage: "processing", outcome: "info" as const, detail: { attempt: attempts } };
  if (doc.status !== "delivering") {
    const claimed = await transitionDocument(db, doc.tenantId, doc.id, { status: "delivering", attempts }, event, nowMs, { onlyIfStatusIn: ["received", "queued"] });
    if (claimed) return { tookOver: false };
  } else if (nowMs - doc.updatedAt > claimTtlMs) {
    const taken = await transitionDocument(
      db,
      doc.tenantId,
      doc.id,
      { status: "delivering", attempts },
      { ...event, detail: { ...event.detail, tookOverStaleClaim: true } },
      nowMs,
      { onlyIfStatusIn: ["delivering"], onlyIfUpdatedAt: doc.updatedAt },
    );
    if (taken) return { tookOver: true };
  }
  const left = Math.max(1_000, claimTtlMs - (nowMs - doc.updatedAt));
  throw new ConnectorError("busy", `Document ${doc.id} is being processed by another consumer`, { retryAfterMs: Math.min(30_000, left) });
}
