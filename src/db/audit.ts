// The append-only audit trail: every status transition and every notable step of a document.
// Detail is redacted here, so no caller can write a secret into it.
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { redact } from "../lib/redact";
import type { Db } from "./client";
import { auditEvents, documents, type DocumentStatus } from "./schema";

export type AuditOutcome = "ok" | "info" | "retry" | "error" | "duplicate" | "conflict";

export interface AuditEntry {
  stage: string;
  outcome: AuditOutcome;
  status?: DocumentStatus | undefined;
  actor?: string | undefined;
  detail?: Record<string, unknown> | undefined;
}

export interface AuditView {
  at: string;
  stage: string;
  outcome: string;
  status: string | null;
  actor: string;
  detail: Record<string, unknown> | null;
}

function detailJson(detail: Record<string, unknown> | undefined): string | null {
  return detail === undefined ? null : JSON.stringify(redact(detail));
}

/** The insert of one audit event (for use inside a D1 batch). */
export function auditInsert(db: Db, tenantId: string, documentId: string, entry: AuditEntry, atMs: number) {
  return db.insert(auditEvents).values({
    tenantId,
    documentId,
    at: atMs,
    stage: entry.stage,
    outcome: entry.outcome,
    status: entry.status ?? null,
    actor: entry.actor ?? "system",
    detail: detailJson(entry.detail),
  });
}

/**
 * An audit insert that only lands if the document row exists (used in the same batch as an
 * INSERT ... ON CONFLICT DO NOTHING of a new document: the first event appears with it or not at all).
 */
export function auditInsertIfDocumentExists(db: Db, tenantId: string, documentId: string, entry: AuditEntry, atMs: number) {
  return auditInsertWhere(db, tenantId, documentId, entry, atMs, sql`EXISTS (SELECT 1 FROM ${documents} WHERE ${documents.id} = ${documentId} AND ${documents.tenantId} = ${tenantId})`);
}

/** An audit insert guarded by an SQL condition evaluated inside the same batch (INSERT … SELECT … WHERE). */
export function auditInsertWhere(db: Db, tenantId: string, documentId: string, entry: AuditEntry, atMs: number, condition: SQL) {
  const values = db
    .select({
      // Every column in table order (drizzle's insert…select requires it); NULL lets SQLite number the row.
      id: sql<number>`NULL`.as("id"),
      tenantId: sql<string>`${tenantId}`.as("tenant_id"),
      documentId: sql<string>`${documentId}`.as("document_id"),
      at: sql<number>`${atMs}`.as("at"),
      stage: sql<string>`${entry.stage}`.as("stage"),
      outcome: sql<string>`${entry.outcome}`.as("outcome"),
      status: sql<DocumentStatus | null>`${entry.status ?? null}`.as("status"),
      actor: sql<string>`${entry.actor ?? "system"}`.as("actor"),
      detail: sql<string | null>`${detailJson(entry.detail)}`.as("detail"),
    })
    .from(sql`(SELECT 1)`)
    .where(condition);
  return db.insert(auditEvents).select(values);
}

export async function appendAudit(db: Db, tenantId: string, documentId: string, entry: AuditEntry, atMs: number): Promise<void> {
  await auditInsert(db, tenantId, documentId, entry, atMs).run();
}

export async function listAudit(db: Db, tenantId: string, documentId: string): Promise<AuditView[]> {
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.tenantId, tenantId), eq(auditEvents.documentId, documentId)))
    .orderBy(asc(auditEvents.id))
    .all();
  return rows.map((r) => ({
    at: new Date(r.at).toISOString(),
    stage: r.stage,
    outcome: r.outcome,
    status: r.status,
    actor: r.actor,
    detail: r.detail === null ? null : (JSON.parse(r.detail) as Record<string, unknown>),
  }));
}

/**
 * When the document last had an attempt whose ERP write may have landed unseen: a retry or failure
 * recorded with `uncertain: true` (a timeout, a dropped connection, a 5xx on the write), or a
 * takeover of a consumer that died holding the document (it may have written and not recorded it).
 * Undefined if none.
 */
export async function lastUncertainAttemptAt(db: Db, tenantId: string, documentId: string): Promise<number | undefined> {
  const row = await db
    .select({ at: sql<number | null>`max(${auditEvents.at})` })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.tenantId, tenantId),
        eq(auditEvents.documentId, documentId),
        sql`((${auditEvents.outcome} in ('retry', 'error') and json_extract(${auditEvents.detail}, '$.uncertain') = 1) or json_extract(${auditEvents.detail}, '$.tookOverStaleClaim') = 1)`,
      ),
    )
    .get();
  return row?.at ?? undefined;
}
