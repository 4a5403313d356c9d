// Writes a settle decision onto its document: a retry keeps the status and records the error and
// attempt; a settlement moves the document into a visible state with reasons an operator can act on.
import type { Db } from "../db/client";
import { transitionDocument } from "../db/documents";
import type { ConnectorError } from "../lib/errors";
import type { RecordDecision } from "./settle";

export function recordOnDocument(db: Db, tenantId: string, documentId: string, stage: string): RecordDecision {
  return async (decision, error: ConnectorError, attempts) => {
    // Another consumer owns the document: leave it alone, it settles the document itself.
    if (error.kind === "busy") return;
    const nowMs = Date.now();
    const detail = { error: error.message, kind: error.kind, ...(error.status ? { status: error.status } : {}), attempt: attempts };
    if (decision.action === "retry" || decision.action === "requeue") {
      // Back to `queued` so the next attempt can claim it; attempts > 1 tells it to look before it writes.
      await transitionDocument(
        db,
        tenantId,
        documentId,
        { status: "queued", lastError: error.message, attempts },
        {
          stage,
          outcome: "retry",
          detail: { ...detail, retryInSeconds: decision.delaySeconds, ...(decision.action === "requeue" ? { countsAsAttempt: false } : {}), ...(error.uncertain ? { uncertain: true } : {}) },
        },
        nowMs,
        { onlyIfStatusIn: ["received", "queued", "delivering"] },
      );
      return;
    }
    const reasons = decision.exhausted ? [`Gave up after ${attempts} attempts: ${error.message}`] : error.reasons;
    await transitionDocument(
      db,
      tenantId,
      documentId,
      { status: decision.status, statusDetail: reasons, lastError: error.message, attempts },
      { stage, outcome: "error", status: decision.status, detail: { ...detail, reasons, ...(decision.exhausted ? { exhausted: true } : {}), ...(error.uncertain ? { uncertain: true } : {}) } },
      nowMs,
    );
  };
}
