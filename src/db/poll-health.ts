// Poll health per tenant and stream, for the alerts "connection failing" and "no successful poll
// for …". A success is written only when it changes something (after failures) or when the stored
// success is more than SUCCESS_REFRESH_MS old, so an idle healthy poll writes no row most minutes.
import { and, eq, gt, lt, or, sql } from "drizzle-orm";
import { redactString } from "../lib/redact";
import type { Db } from "./client";
import { pollHealth } from "./schema";

export const SUCCESS_REFRESH_MS = 5 * 60_000;

export type PollHealthRow = typeof pollHealth.$inferSelect;

export async function recordPollSuccess(db: Db, tenantId: string, stream: string, nowMs: number): Promise<void> {
  await db
    .insert(pollHealth)
    .values({ tenantId, stream, lastSuccessAt: nowMs, consecutiveFailures: 0 })
    .onConflictDoUpdate({
      target: [pollHealth.tenantId, pollHealth.stream],
      set: { lastSuccessAt: nowMs, consecutiveFailures: 0, authRefused: false, lastError: null },
      setWhere: or(gt(pollHealth.consecutiveFailures, 0), sql`${pollHealth.lastSuccessAt} IS NULL`, lt(pollHealth.lastSuccessAt, nowMs - SUCCESS_REFRESH_MS)),
    })
    .run();
}

export async function recordPollFailure(db: Db, tenantId: string, stream: string, error: string, authRefused: boolean, nowMs: number): Promise<void> {
  await db
    .insert(pollHealth)
    .values({ tenantId, stream, lastFailureAt: nowMs, consecutiveFailures: 1, lastError: redactString(error).slice(0, 500), authRefused })
    .onConflictDoUpdate({
      target: [pollHealth.tenantId, pollHealth.stream],
      set: { lastFailureAt: nowMs, consecutiveFailures: sql`${pollHealth.consecutiveFailures} + 1`, lastError: redactString(error).slice(0, 500), authRefused },
    })
    .run();
}

/** Every stream's health (the watch; one row per tenant and stream). */
export async function allPollHealth(db: Db): Promise<PollHealthRow[]> {
  return db.select().from(pollHealth).all();
}

export async function tenantPollHealth(db: Db, tenantId: string): Promise<PollHealthRow[]> {
  return db.select().from(pollHealth).where(eq(pollHealth.tenantId, tenantId)).all();
}

export async function streamHealth(db: Db, tenantId: string, stream: string): Promise<PollHealthRow | undefined> {
  return db.select().from(pollHealth).where(and(eq(pollHealth.tenantId, tenantId), eq(pollHealth.stream, stream))).get();
}
