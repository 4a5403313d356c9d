// The cron (every minute): enqueue one poll per stream of each tenant whose poll is due, then
// move their next poll forward; and re-queue documents that made no progress for too long (a
// lost message must not mean a lost document).
import { and, inArray, lt } from "drizzle-orm";
import { createDb } from "../db/client";
import { transitionDocument } from "../db/documents";
import { documents } from "../db/schema";
import { dueTenants, scheduleNextPolls } from "../db/tenants";
import type { Env } from "../env";
import type { Logger } from "../lib/log";
import { enqueueDocuments } from "../queues/enqueue";
import { enqueuePolls } from "../queues/enqueue-polls";
import { MAX_DELAY_SECONDS } from "../queues/settle";
import { runWatch } from "../watch/run";

/** Tenants handled per cron run (10,000 fit comfortably in the 30 s CPU budget; measured by bench). */
export const MAX_TENANTS_PER_RUN = 10_000;
/** A document in flight with no update for this long has lost its message. */
export const STALE_AFTER_MS = MAX_DELAY_SECONDS * 1000 + 15 * 60_000;
const STALE_PER_RUN = 200;

export async function runCron(env: Env, scheduledTime: number, log: Logger): Promise<{ tenants: number; polls: number; requeued: number }> {
  const db = createDb(env.DB);
  const due = await dueTenants(db, scheduledTime, MAX_TENANTS_PER_RUN);
  let polls = 0;
  if (due.length > 0) {
    polls = await enqueuePolls(env, due, "cron");
    await scheduleNextPolls(db, due.map((t) => t.id), scheduledTime);
  }
  const requeued = await requeueStale(env, scheduledTime, log);
  if (due.length > 0 || requeued > 0) log.info("cron", { tenants: due.length, polls, requeued });
  // Due dates and alerts: their own failure must not cost the polls above (they ran already).
  await runWatch(env, scheduledTime, log).catch((e: unknown) => log.error("watch failed", { error: e instanceof Error ? e.message : String(e) }));
  return { tenants: due.length, polls, requeued };
}

async function requeueStale(env: Env, nowMs: number, log: Logger): Promise<number> {
  const db = createDb(env.DB);
  const stale = await db
    .select({ id: documents.id, tenantId: documents.tenantId, direction: documents.direction, status: documents.status, updatedAt: documents.updatedAt })
    .from(documents)
    .where(and(inArray(documents.status, ["received", "queued", "delivering"]), lt(documents.updatedAt, nowMs - STALE_AFTER_MS)))
    .limit(STALE_PER_RUN)
    .all();
  let count = 0;
  for (const doc of stale) {
    const applied = await transitionDocument(
      db,
      doc.tenantId,
      doc.id,
      { status: doc.status },
      { stage: "requeue_stale", outcome: "info", detail: { minutesWithoutProgress: Math.round((nowMs - doc.updatedAt) / 60_000) } },
      nowMs,
      { onlyIfStatusIn: [doc.status] },
    );
    if (!applied) continue;
    await enqueueDocuments(env, doc.tenantId, [doc], "replay");
    count++;
  }
  if (count > 0) log.warn("re-queued documents without progress", { count });
  return count;
}
