// Obligation rows (src/sla): created once per (tenant, kind, partner, subject), moved through
// pending → at_risk → missed by the watch, settled met/missed by the document that satisfies them,
// or waived by an operator. Every query is scoped by tenant except the watch's sweep of due rows.
import { and, asc, desc, eq, gte, inArray, isNotNull, lt, lte, sql, type SQL } from "drizzle-orm";
import type { Db } from "./client";
import { obligations, type ObligationKind, type ObligationState } from "./schema";

export type ObligationRow = typeof obligations.$inferSelect;
export type NewObligation = Omit<ObligationRow, "state" | "nextCheckAt" | "satisfiedBy" | "satisfiedAt" | "latenessMs" | "wasAtRisk" | "waivedBy" | "waivedReason" | "updatedAt">;

export const OPEN_STATES: ObligationState[] = ["pending", "at_risk"];

/** Insert-or-ignore statements for new obligations (the unique key makes a second sight a no-op). */
export function obligationInserts(db: Db, rows: NewObligation[]) {
  return rows.map((r) =>
    db
      .insert(obligations)
      .values({ ...r, state: "pending", nextCheckAt: r.warnAt, updatedAt: r.createdAt })
      .onConflictDoNothing(),
  );
}

/** Obligations whose next check is due, across tenants (the watch). */
export async function dueObligations(db: Db, nowMs: number, limit: number): Promise<ObligationRow[]> {
  return db
    .select()
    .from(obligations)
    .where(and(isNotNull(obligations.nextCheckAt), lte(obligations.nextCheckAt, nowMs)))
    .orderBy(asc(obligations.nextCheckAt))
    .limit(limit)
    .all();
}

/** pending → at_risk (next check: due) or → missed (no next check), only from the state read. */
export async function advanceObligation(db: Db, row: ObligationRow, to: "at_risk" | "missed", nowMs: number): Promise<boolean> {
  const res = await db
    .update(obligations)
    .set({ state: to, nextCheckAt: to === "at_risk" ? row.dueAt : null, wasAtRisk: true, updatedAt: nowMs })
    .where(and(eq(obligations.tenantId, row.tenantId), eq(obligations.id, row.id), eq(obligations.state, row.state)))
    .run();
  return res.meta.changes === 1;
}

/** Open (or missed and not yet satisfied) obligations a document may satisfy. */
export async function satisfiableObligations(
  db: Db,
  tenantId: string,
  where: { kind: ObligationKind; partnerId: string; subject?: string; orderKeys?: string[]; sourceDocumentId?: string },
): Promise<ObligationRow[]> {
  const conds: SQL[] = [
    eq(obligations.tenantId, tenantId),
    eq(obligations.kind, where.kind),
    eq(obligations.partnerId, where.partnerId),
    inArray(obligations.state, ["pending", "at_risk", "missed"]),
    sql`${obligations.satisfiedBy} IS NULL`,
  ];
  if (where.subject !== undefined) conds.push(eq(obligations.subject, where.subject));
  if (where.orderKeys !== undefined) conds.push(inArray(obligations.orderKey, where.orderKeys.length ? where.orderKeys : [""]));
  if (where.sourceDocumentId !== undefined) conds.push(eq(obligations.sourceDocumentId, where.sourceDocumentId));
  return db.select().from(obligations).where(and(...conds)).all();
}

/** Settles an obligation with the document that satisfied it: met when on time, missed (late) otherwise. */
export async function satisfyObligation(db: Db, row: ObligationRow, documentId: string, satisfiedAt: number, nowMs: number): Promise<ObligationState | undefined> {
  // By the times alone: an 855 sent before its due time is met even if the watch saw the due time pass first.
  const state: ObligationState = satisfiedAt > row.dueAt ? "missed" : "met";
  const res = await db
    .update(obligations)
    .set({ state, nextCheckAt: null, satisfiedBy: documentId, satisfiedAt, latenessMs: satisfiedAt - row.dueAt, updatedAt: nowMs })
    .where(and(eq(obligations.tenantId, row.tenantId), eq(obligations.id, row.id), sql`${obligations.satisfiedBy} IS NULL`, inArray(obligations.state, ["pending", "at_risk", "missed"])))
    .run();
  return res.meta.changes === 1 ? state : undefined;
}

export async function getObligation(db: Db, tenantId: string, id: string): Promise<ObligationRow | undefined> {
  return db.select().from(obligations).where(and(eq(obligations.tenantId, tenantId), eq(obligations.id, id))).get();
}

/** An operator waives an open or missed obligation (it then counts neither way). */
export async function waiveObligation(db: Db, tenantId: string, id: string, actor: string, reason: string, nowMs: number): Promise<ObligationRow | undefined> {
  return db
    .update(obligations)
    .set({ state: "waived", nextCheckAt: null, waivedBy: actor, waivedReason: reason, updatedAt: nowMs })
    .where(and(eq(obligations.tenantId, tenantId), eq(obligations.id, id), inArray(obligations.state, ["pending", "at_risk", "missed"])))
    .returning()
    .get();
}

export interface ObligationFilters {
  state?: ObligationState | undefined;
  kind?: ObligationKind | undefined;
  partner?: string | undefined;
  dueBefore?: number | undefined;
  dueFrom?: number | undefined;
  sourceDocumentId?: string | undefined;
}

/** A tenant's obligations, soonest due first, keyset-paged on (due_at, id). */
export async function listObligations(db: Db, tenantId: string, f: ObligationFilters, opts: { limit: number; after?: { dueAt: number; id: string } | undefined }): Promise<ObligationRow[]> {
  const conds: SQL[] = [eq(obligations.tenantId, tenantId)];
  if (f.state) conds.push(eq(obligations.state, f.state));
  if (f.kind) conds.push(eq(obligations.kind, f.kind));
  if (f.partner) conds.push(eq(obligations.partnerId, f.partner));
  if (f.dueBefore !== undefined) conds.push(lt(obligations.dueAt, f.dueBefore));
  if (f.dueFrom !== undefined) conds.push(gte(obligations.dueAt, f.dueFrom));
  if (f.sourceDocumentId) conds.push(eq(obligations.sourceDocumentId, f.sourceDocumentId));
  if (opts.after) conds.push(sql`(${obligations.dueAt}, ${obligations.id}) > (${opts.after.dueAt}, ${opts.after.id})`);
  return db.select().from(obligations).where(and(...conds)).orderBy(asc(obligations.dueAt), asc(obligations.id)).limit(opts.limit).all();
}

/** The obligations a document started or satisfied (for its page). */
export async function obligationsOfDocument(db: Db, tenantId: string, documentId: string): Promise<ObligationRow[]> {
  return db
    .select()
    .from(obligations)
    .where(and(eq(obligations.tenantId, tenantId), sql`(${obligations.sourceDocumentId} = ${documentId} OR ${obligations.satisfiedBy} = ${documentId})`))
    .orderBy(asc(obligations.dueAt))
    .limit(50)
    .all();
}

/** The open obligations due soonest (the dashboard). */
export async function upcomingObligations(db: Db, tenantId: string, limit: number): Promise<ObligationRow[]> {
  return db
    .select()
    .from(obligations)
    .where(and(eq(obligations.tenantId, tenantId), inArray(obligations.state, ["pending", "at_risk"])))
    .orderBy(asc(obligations.dueAt))
    .limit(limit)
    .all();
}

/** Recently missed and not yet satisfied (the dashboard). */
export async function recentlyMissed(db: Db, tenantId: string, limit: number): Promise<ObligationRow[]> {
  return db
    .select()
    .from(obligations)
    .where(and(eq(obligations.tenantId, tenantId), eq(obligations.state, "missed")))
    .orderBy(desc(obligations.dueAt))
    .limit(limit)
    .all();
}

/** A partner's obligations due, or satisfied, within [from, to) (the scorecard sorts them out). */
export async function obligationsDueBetween(db: Db, tenantId: string, partnerId: string, from: number, to: number): Promise<ObligationRow[]> {
  return db
    .select()
    .from(obligations)
    .where(
      and(
        eq(obligations.tenantId, tenantId),
        eq(obligations.partnerId, partnerId),
        sql`((${obligations.dueAt} >= ${from} AND ${obligations.dueAt} < ${to}) OR (${obligations.satisfiedAt} >= ${from} AND ${obligations.satisfiedAt} < ${to}))`,
      ),
    )
    .orderBy(asc(obligations.dueAt))
    .all();
}

/** An obligation as the API shows it. */
export function obligationView(r: ObligationRow, nowMs: number) {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    id: r.id,
    kind: r.kind,
    partnerId: r.partnerId,
    subject: r.subject,
    orderKey: r.orderKey,
    sourceDocumentId: r.sourceDocumentId,
    state: r.state,
    startsAt: new Date(r.startsAt).toISOString(),
    warnAt: new Date(r.warnAt).toISOString(),
    due: new Date(r.dueAt).toISOString(),
    satisfiedBy: r.satisfiedBy,
    satisfiedAt: iso(r.satisfiedAt),
    /** Positive: late by; negative: early by (ms). For an open obligation: time left is due − now. */
    latenessMs: r.latenessMs,
    msUntilDue: r.state === "pending" || r.state === "at_risk" ? r.dueAt - nowMs : null,
    wasAtRisk: r.wasAtRisk,
    fee: r.fee,
    waivedBy: r.waivedBy,
    waivedReason: r.waivedReason,
    updatedAt: new Date(r.updatedAt).toISOString(),
  };
}

/** Recently met, newest first (the due-dates page). */
export async function recentlyMet(db: Db, tenantId: string, limit: number): Promise<ObligationRow[]> {
  return db
    .select()
    .from(obligations)
    .where(and(eq(obligations.tenantId, tenantId), eq(obligations.state, "met")))
    .orderBy(desc(obligations.satisfiedAt))
    .limit(limit)
    .all();
}
