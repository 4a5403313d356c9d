// Document rows, always scoped by tenant: recording under a natural key, status transitions with
// their audit event in one batch, listing with filters and cursor paging.
import { and, desc, eq, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { newId } from "../lib/ids";
import { auditInsert, auditInsertIfDocumentExists, auditInsertWhere, type AuditEntry } from "./audit";
import type { Db } from "./client";
import { readJson } from "./json-column";
import { documents, type Direction, type DocumentFormat, type DocumentStatus, type DocumentType } from "./schema";

export type DocumentRow = typeof documents.$inferSelect;

/** A drizzle statement that can join a D1 batch. */
export type BatchStatement = Parameters<Db["batch"]>[0][number];

const StringList = z.array(z.string());
const Meta = z.record(z.string(), z.unknown());

export function statusDetailOf(row: Pick<DocumentRow, "statusDetail">): string[] {
  return readJson(StringList, row.statusDetail, []);
}

export function metaOf(row: Pick<DocumentRow, "meta">): Record<string, unknown> {
  return readJson(Meta, row.meta, {});
}

export interface NewDocument {
  direction: Direction;
  type: DocumentType;
  partnerId: string;
  naturalKey: string;
  status: DocumentStatus;
  statusDetail?: string[] | undefined;
  spsPath?: string | undefined;
  erpReference?: string | undefined;
  contentHash?: string | undefined;
  rawFormat?: DocumentFormat | undefined;
  rawSize?: number | undefined;
  raw?: Uint8Array | undefined;
  meta?: Record<string, unknown> | undefined;
}

export type RecordResult =
  | { created: true; id: string }
  | { created: false; existing: DocumentRow; sameContent: boolean };

/**
 * Records a document under its natural key, in the same D1 batch as its first audit event. When
 * the key exists already, nothing is created: the caller decides between `duplicate` and
 * `conflict` (sameContent tells which) and audits it on the existing row.
 */
/**
 * The statements that insert a document under its natural key (or nothing, if the key exists) with
 * its first audit event, for a caller that puts them in a larger batch.
 */
export function documentInsertStatements(db: Db, tenantId: string, doc: NewDocument, firstEvent: AuditEntry, nowMs: number): { id: string; statements: BatchStatement[] } {
  const id = newId("doc", nowMs);
  const insert = db
    .insert(documents)
    .values({
      id,
      tenantId,
      direction: doc.direction,
      type: doc.type,
      partnerId: doc.partnerId,
      naturalKey: doc.naturalKey,
      status: doc.status,
      statusDetail: doc.statusDetail && doc.statusDetail.length > 0 ? JSON.stringify(doc.statusDetail) : null,
      spsPath: doc.spsPath ?? null,
      erpReference: doc.erpReference ?? null,
      contentHash: doc.contentHash ?? null,
      rawFormat: doc.rawFormat ?? null,
      rawSize: doc.rawSize ?? null,
      raw: doc.raw ?? null,
      meta: JSON.stringify(doc.meta ?? {}),
      createdAt: nowMs,
      updatedAt: nowMs,
    })
    .onConflictDoNothing();
  const audit = auditInsertIfDocumentExists(db, tenantId, id, { ...firstEvent, status: firstEvent.status ?? doc.status }, nowMs);
  return { id, statements: [insert, audit] };
}

/**
 * Records a document under its natural key, in the same D1 batch as its first audit event. When
 * the key exists already, nothing is created: the caller decides between `duplicate` and
 * `conflict` (sameContent tells which) and audits it on the existing row.
 */
export async function recordDocument(db: Db, tenantId: string, doc: NewDocument, firstEvent: AuditEntry, nowMs: number): Promise<RecordResult> {
  const { id, statements } = documentInsertStatements(db, tenantId, doc, firstEvent, nowMs);
  const [inserted] = await db.batch(statements as unknown as Parameters<Db["batch"]>[0]);
  if ((inserted as D1Result).meta.changes === 1) return { created: true, id };
  const existing = await findByNaturalKey(db, tenantId, doc.type, doc.partnerId, doc.naturalKey);
  if (!existing) throw new Error(`document key ${doc.type}/${doc.partnerId}/${doc.naturalKey} neither inserted nor found`);
  return { created: false, existing, sameContent: existing.contentHash !== null && existing.contentHash === doc.contentHash };
}

export async function findByNaturalKey(
  db: Db,
  tenantId: string,
  type: DocumentType,
  partnerId: string,
  naturalKey: string,
): Promise<DocumentRow | undefined> {
  return db
    .select()
    .from(documents)
    .where(
      and(
        eq(documents.tenantId, tenantId),
        eq(documents.type, type),
        eq(documents.partnerId, partnerId),
        eq(documents.naturalKey, naturalKey),
      ),
    )
    .get();
}

export async function getDocument(db: Db, tenantId: string, id: string): Promise<DocumentRow | undefined> {
  return db
    .select()
    .from(documents)
    .where(and(eq(documents.tenantId, tenantId), eq(documents.id, id)))
    .get();
}

export interface DocumentPatch {
  status?: DocumentStatus;
  statusDetail?: string[] | null;
  erpReference?: string | null;
  spsPath?: string | null;
  meta?: Record<string, unknown>;
  attempts?: number;
  lastError?: string | null;
  partnerId?: string;
  naturalKey?: string;
  raw?: Uint8Array | null;
  rawFormat?: DocumentFormat | null;
  rawSize?: number | null;
}

function patchValues(patch: DocumentPatch, nowMs: number) {
  const { statusDetail, meta, ...rest } = patch;
  return {
    ...rest,
    ...(statusDetail !== undefined ? { statusDetail: statusDetail && statusDetail.length > 0 ? JSON.stringify(statusDetail) : null } : {}),
    ...(meta !== undefined ? { meta: JSON.stringify(meta) } : {}),
    updatedAt: nowMs,
  };
}

/**
 * Applies a patch and appends its audit event in one batch. With `onlyIfStatusIn`, the update is
 * conditional (compare-and-set on the status) and the audit event lands only if it applied;
 * returns whether it applied.
 */
export async function transitionDocument(
  db: Db,
  tenantId: string,
  id: string,
  patch: DocumentPatch,
  event: AuditEntry,
  nowMs: number,
  opts: { onlyIfStatusIn?: DocumentStatus[]; onlyIfUpdatedAt?: number; also?: BatchStatement[] } = {},
): Promise<boolean> {
  const where = [eq(documents.tenantId, tenantId), eq(documents.id, id)];
  if (opts.onlyIfStatusIn) where.push(inArray(documents.status, opts.onlyIfStatusIn));
  if (opts.onlyIfUpdatedAt !== undefined) where.push(eq(documents.updatedAt, opts.onlyIfUpdatedAt));
  const update = db.update(documents).set(patchValues(patch, nowMs)).where(and(...where));
  const entry = { ...event, status: event.status ?? patch.status };
  if (!opts.onlyIfStatusIn && opts.onlyIfUpdatedAt === undefined) {
    await db.batch([update, auditInsert(db, tenantId, id, entry, nowMs), ...(opts.also ?? [])] as unknown as Parameters<Db["batch"]>[0]);
    return true;
  }
  if (opts.also?.length) throw new Error("transitionDocument: extra statements only with an unconditional update");
  // Conditional: the audit event lands only if the update just applied (changes() of the UPDATE).
  const [res] = await db.batch([update, auditInsertWhere(db, tenantId, id, entry, nowMs, sql`changes() = 1`)]);
  return (res as D1Result).meta.changes === 1;
}

export interface DocumentFilters {
  status?: DocumentStatus | undefined;
  type?: DocumentType | undefined;
  direction?: Direction | undefined;
  partner?: string | undefined;
  q?: string | undefined;
  /** Created at or after (ms). */
  from?: number | undefined;
  /** Created before (ms). */
  to?: number | undefined;
}

/** Newest first; `before` is the id of the last row of the previous page. */
export async function listDocuments(
  db: Db,
  tenantId: string,
  filters: DocumentFilters,
  page: { limit: number; before?: string | undefined },
): Promise<DocumentRow[]> {
  const where: SQL[] = [eq(documents.tenantId, tenantId)];
  if (filters.status) where.push(eq(documents.status, filters.status));
  if (filters.type) where.push(eq(documents.type, filters.type));
  if (filters.direction) where.push(eq(documents.direction, filters.direction));
  if (filters.partner) where.push(eq(documents.partnerId, filters.partner));
  if (filters.q) {
    const pattern = `%${filters.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    where.push(
      or(
        sql`${documents.naturalKey} LIKE ${pattern} ESCAPE '\\'`,
        sql`${documents.erpReference} LIKE ${pattern} ESCAPE '\\'`,
        sql`${documents.spsPath} LIKE ${pattern} ESCAPE '\\'`,
      )!,
    );
  }
  if (filters.from !== undefined) where.push(sql`${documents.createdAt} >= ${filters.from}`);
  if (filters.to !== undefined) where.push(sql`${documents.createdAt} < ${filters.to}`);
  if (page.before) where.push(lt(documents.id, page.before));
  return db
    .select({
      id: documents.id,
      tenantId: documents.tenantId,
      direction: documents.direction,
      type: documents.type,
      partnerId: documents.partnerId,
      naturalKey: documents.naturalKey,
      status: documents.status,
      statusDetail: documents.statusDetail,
      erpReference: documents.erpReference,
      spsPath: documents.spsPath,
      contentHash: documents.contentHash,
      rawFormat: documents.rawFormat,
      rawSize: documents.rawSize,
      raw: sql<null>`NULL`,
      meta: documents.meta,
      attempts: documents.attempts,
      lastError: documents.lastError,
      createdAt: documents.createdAt,
      updatedAt: documents.updatedAt,
    })
    .from(documents)
    .where(and(...where))
    .orderBy(desc(documents.id))
    .limit(page.limit)
    .all();
}

export async function countByStatus(db: Db, tenantId: string): Promise<Record<string, number>> {
  const rows = await db
    .select({ status: documents.status, n: sql<number>`count(*)` })
    .from(documents)
    .where(eq(documents.tenantId, tenantId))
    .groupBy(documents.status)
    .all();
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** Documents waiting on a mapping (for automatic re-queue when partners or items arrive). */
export async function listNeedingMapping(db: Db, tenantId: string, limit: number): Promise<Pick<DocumentRow, "id" | "direction" | "partnerId">[]> {
  return db
    .select({ id: documents.id, direction: documents.direction, partnerId: documents.partnerId })
    .from(documents)
    .where(and(eq(documents.tenantId, tenantId), eq(documents.status, "needs_mapping")))
    .limit(limit)
    .all();
}

/** Documents per type and status created since `sinceMs` (the console's dashboard counts). */
export async function countByTypeAndStatusSince(db: Db, tenantId: string, sinceMs: number): Promise<{ type: string; status: string; n: number }[]> {
  return db
    .select({ type: documents.type, status: documents.status, n: sql<number>`count(*)` })
    .from(documents)
    .where(and(eq(documents.tenantId, tenantId), sql`${documents.createdAt} >= ${sinceMs}`))
    .groupBy(documents.type, documents.status)
    .all();
}

/** Documents that mention `documentId` in their meta (an 855, 856 or 810 answering an 850), newest first. */
export async function documentsMentioning(db: Db, tenantId: string, documentId: string, limit = 50): Promise<DocumentRow[]> {
  const pattern = `%"${documentId.replace(/[\\%_"]/g, (ch) => `\\${ch}`)}"%`;
  const rows = await db
    .select()
    .from(documents)
    .where(and(eq(documents.tenantId, tenantId), sql`${documents.meta} LIKE ${pattern} ESCAPE '\\'`))
    .orderBy(desc(documents.id))
    .limit(limit)
    .all();
  return rows.filter((r) => r.id !== documentId);
}

/** A partner's documents created within [from, to), counted by type, direction and status (the scorecard). */
export async function countPartnerDocuments(db: Db, tenantId: string, partnerId: string, from: number, to: number): Promise<{ type: string; direction: string; status: string; n: number }[]> {
  return db
    .select({ type: documents.type, direction: documents.direction, status: documents.status, n: sql<number>`count(*)` })
    .from(documents)
    .where(and(eq(documents.tenantId, tenantId), eq(documents.partnerId, partnerId), sql`${documents.createdAt} >= ${from}`, sql`${documents.createdAt} < ${to}`))
    .groupBy(documents.type, documents.direction, documents.status)
    .all();
}
