// One consumer per document at a time: a compare-and-set moves the document to `delivering`; a
// claim older than the claim TTL (CLAIM_TTL_MS) belongs to a consumer that died and may be taken over.
import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { transitionDocument, type DocumentRow } from "../db/documents";
import { documents } from "../db/schema";
import { ConnectorError } from "../lib/errors";

/** A held claim: the document's updated_at as this consumer last wrote it. */
export interface Claim {
  tookOver: boolean;
  /** On a takeover: when the dead consumer last wrote to the document. */
  staleSinceMs?: number;
  stampMs: number;
}

/**
 * Claims the document or throws `busy` (re-queued later, without using up an attempt). A takeover
 * reports when the dead consumer last wrote to the document (`staleSinceMs`): its work may have
 * reached the ERP until then, or a little after.
 */
export async function claimDocument(db: Db, doc: DocumentRow, attempts: number, claimTtlMs: number): Promise<Claim> {
  const nowMs = Date.now();
  const event = { stage: "processing", outcome: "info" as const, detail: { attempt: attempts } };
  if (doc.status !== "delivering") {
    const claimed = await transitionDocument(db, doc.tenantId, doc.id, { status: "delivering", attempts }, event, nowMs, { onlyIfStatusIn: ["received", "queued"] });
    if (claimed) return { tookOver: false, stampMs: nowMs };
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
    if (taken) return { tookOver: true, staleSinceMs: doc.updatedAt, stampMs: nowMs };
  }
  const left = Math.max(1_000, claimTtlMs - (nowMs - doc.updatedAt));
  throw new ConnectorError("busy", `Document ${doc.id} is being processed by another consumer`, { retryAfterMs: Math.min(30_000, left) });
}

/**
 * Re-asserts the claim right before an ERP write, and renews it: a consumer that is slow but alive
 * (a long backoff, a slow answer) may have been taken for dead and overtaken; then it must not write
 * too. Compare-and-set on updated_at; on success the claim's stamp moves to now (so the claim TTL
 * counts from the write, and a consumer taking over later knows when the write began).
 */
export async function holdClaim(db: Db, tenantId: string, documentId: string, claim: Claim): Promise<void> {
  const nowMs = Math.max(Date.now(), claim.stampMs + 1);
  const res = await db
    .update(documents)
    .set({ updatedAt: nowMs })
    .where(and(eq(documents.tenantId, tenantId), eq(documents.id, documentId), eq(documents.status, "delivering"), eq(documents.updatedAt, claim.stampMs)))
    .run();
  if (res.meta.changes !== 1) {
    throw new ConnectorError("busy", `Document ${documentId} was taken over by another consumer while this one was slow; that one finishes it`, { retryAfterMs: 1_000 });
  }
  claim.stampMs = nowMs;
}
