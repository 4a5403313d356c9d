// Documents in `needs_mapping` are re-queued automatically when a partner or item mapping arrives
// (audited as such), so nobody has to find and replay them by hand.
import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { transitionDocument } from "../db/documents";
import { documents } from "../db/schema";
import type { Env } from "../env";
import { enqueueDocuments } from "../queues/enqueue";

const MAX_PER_CALL = 2000;

export async function requeueWaitingDocuments(
  env: Pick<Env, "INBOUND" | "OUTBOUND">,
  db: Db,
  tenantId: string,
  opts: { partnerId?: string; actor: string; because: string },
  nowMs: number,
): Promise<number> {
  const where = [eq(documents.tenantId, tenantId), eq(documents.status, "needs_mapping")];
  if (opts.partnerId) where.push(eq(documents.partnerId, opts.partnerId));
  const waiting = await db
    .select({ id: documents.id, direction: documents.direction })
    .from(documents)
    .where(and(...where))
    .limit(MAX_PER_CALL)
    .all();
  const requeued: typeof waiting = [];
  for (const doc of waiting) {
    const applied = await transitionDocument(
      db,
      tenantId,
      doc.id,
      { status: "queued", attempts: 0 },
      { stage: "mapping_added", outcome: "info", actor: opts.actor, detail: { because: opts.because } },
      nowMs,
      { onlyIfStatusIn: ["needs_mapping"] },
    );
    if (applied) requeued.push(doc);
  }
  await enqueueDocuments(env, tenantId, requeued, "mapping_added");
  return requeued.length;
}
