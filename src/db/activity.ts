// Activity rows from inbound 846/852 (one per partner, location, item, period and measure), always
// scoped by tenant: batched upserts, the filtered listing, the unmapped codes and the per-item summary.
import { and, asc, eq, gt, gte, isNull, lte, sql, type SQL } from "drizzle-orm";
import type { ActivityRow } from "../flows/activity-rows";
import type { Db } from "./client";
import { activity, locations } from "./schema";

/**
 * Rows per INSERT. The rows travel as one JSON text bound to one parameter and are unpacked by
 * `json_each`, so a statement binds 4 parameters whatever its size, well under D1's 100 bound
 * parameters per statement (reference/limits-and-costs.md); 500 rows are about 60 KB of JSON,
 * under D1's 100 KB statement and 2 MB value limits.
 */
export const ROWS_PER_STATEMENT = 500;
/** Statements per D1 batch (one round trip, one transaction). */
export const STATEMENTS_PER_BATCH = 20;

const UPSERT_SQL = `INSERT INTO activity (tenant_id, partner_id, document_id, location_code, item_code, erp_item_id, period_start, period_end, measure, quantity, uom)
  SELECT ?1, ?2, ?3, value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7
  FROM json_each(?4) WHERE true
  ON CONFLICT (tenant_id, partner_id, location_code, item_code, period_start, period_end, measure)
  DO UPDATE SET quantity = excluded.quantity, erp_item_id = excluded.erp_item_id, uom = excluded.uom, document_id = excluded.document_id`;
// `WHERE true` keeps SQLite from reading ON CONFLICT as part of the SELECT's join (sqlite.org/lang_upsert.html).

/** Writes rows (insert, or replace the figure of the same key): re-delivering a report adds nothing. */
export async function upsertActivityRows(db: Db, tenantId: string, partnerId: string, documentId: string, rows: ActivityRow[]): Promise<{ statements: number; batches: number }> {
  // Raw D1 statements: drizzle's batch takes its own query builders only, and this one is plain SQL.
  const d1 = db.$client;
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const json = JSON.stringify(rows.slice(i, i + ROWS_PER_STATEMENT).map((r) => [r.locationCode, r.itemCode, r.erpItemId, r.periodStart, r.periodEnd, r.measure, r.quantity, r.uom]));
    statements.push(d1.prepare(UPSERT_SQL).bind(tenantId, partnerId, documentId, json));
  }
  let batches = 0;
  for (let i = 0; i < statements.length; i += STATEMENTS_PER_BATCH) {
    await d1.batch(statements.slice(i, i + STATEMENTS_PER_BATCH));
    batches += 1;
  }
  return { statements: statements.length, batches };
}

export interface ActivityFilters {
  partnerId?: string | undefined;
  /** The ERP item id, or a retailer item code such as "bp:NW-1". */
  item?: string | undefined;
  location?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  measure?: string | undefined;
}

export interface ActivityRecord extends ActivityRow {
  id: number;
  partnerId: string;
  documentId: string;
  locationName: string | null;
}

function filtersOf(tenantId: string, f: ActivityFilters): SQL[] {
  const where: SQL[] = [eq(activity.tenantId, tenantId)];
  if (f.partnerId) where.push(eq(activity.partnerId, f.partnerId));
  if (f.item) where.push(f.item.includes(":") ? eq(activity.itemCode, f.item) : eq(activity.erpItemId, f.item));
  if (f.location) where.push(eq(activity.locationCode, f.location));
  if (f.from) where.push(gte(activity.periodEnd, f.from));
  if (f.to) where.push(lte(activity.periodStart, f.to));
  if (f.measure) where.push(eq(activity.measure, f.measure));
  return where;
}

/** A page of rows in id order after `afterId`, with the tenant's location names. */
export async function listActivity(db: Db, tenantId: string, f: ActivityFilters, opts: { limit: number; afterId?: number | undefined }): Promise<ActivityRecord[]> {
  const where = filtersOf(tenantId, f);
  if (opts.afterId !== undefined) where.push(gt(activity.id, opts.afterId));
  const rows = await db
    .select({ row: activity, locationName: locations.name })
    .from(activity)
    .leftJoin(locations, and(eq(locations.tenantId, activity.tenantId), eq(locations.partnerId, activity.partnerId), eq(locations.code, activity.locationCode)))
    .where(and(...where))
    .orderBy(asc(activity.id))
    .limit(opts.limit)
    .all();
  return rows.map(({ row, locationName }) => ({
    id: row.id,
    partnerId: row.partnerId,
    documentId: row.documentId,
    locationCode: row.locationCode,
    locationName: locationName ?? null,
    itemCode: row.itemCode,
    erpItemId: row.erpItemId,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    measure: row.measure,
    quantity: row.quantity,
    uom: row.uom,
  }));
}

export async function countActivityOfDocument(db: Db, tenantId: string, documentId: string): Promise<{ rows: number; unmappedItems: number; quantity: number }> {
  const row = await db
    .select({
      rows: sql<number>`count(*)`,
      unmappedItems: sql<number>`count(DISTINCT CASE WHEN ${activity.erpItemId} IS NULL THEN ${activity.itemCode} END)`,
      quantity: sql<number>`coalesce(sum(${activity.quantity}), 0)`,
    })
    .from(activity)
    .where(and(eq(activity.tenantId, tenantId), eq(activity.documentId, documentId)))
    .get();
  return { rows: row?.rows ?? 0, unmappedItems: row?.unmappedItems ?? 0, quantity: row?.quantity ?? 0 };
}

export interface UnmappedCode {
  partnerId: string;
  kind: "item" | "location";
  code: string;
  rows: number;
}

/** Retailer item codes with no ERP item, and location codes with no name, with their row counts. */
export async function listUnmapped(db: Db, tenantId: string, limit: number): Promise<UnmappedCode[]> {
  const items = await db
    .select({ partnerId: activity.partnerId, code: activity.itemCode, rows: sql<number>`count(*)` })
    .from(activity)
    .where(and(eq(activity.tenantId, tenantId), isNull(activity.erpItemId)))
    .groupBy(activity.partnerId, activity.itemCode)
    .orderBy(asc(activity.partnerId), asc(activity.itemCode))
    .limit(limit)
    .all();
  const locs = await db
    .select({ partnerId: activity.partnerId, code: activity.locationCode, rows: sql<number>`count(*)` })
    .from(activity)
    .leftJoin(locations, and(eq(locations.tenantId, activity.tenantId), eq(locations.partnerId, activity.partnerId), eq(locations.code, activity.locationCode)))
    .where(and(eq(activity.tenantId, tenantId), isNull(locations.code), sql`${activity.locationCode} <> ''`))
    .groupBy(activity.partnerId, activity.locationCode)
    .orderBy(asc(activity.partnerId), asc(activity.locationCode))
    .limit(limit)
    .all();
  return [...items.map((r) => ({ ...r, kind: "item" as const })), ...locs.map((r) => ({ ...r, kind: "location" as const }))];
}

export interface PeriodTotal {
  partnerId: string;
  itemKey: string;
  erpItemId: string | null;
  measure: string;
  periodStart: string;
  periodEnd: string;
  quantity: number;
}

/** Totals over locations per partner, item, measure and period (sold and on hand), for the summary. */
export async function periodTotals(db: Db, tenantId: string, f: ActivityFilters, limit: number): Promise<PeriodTotal[]> {
  const where = filtersOf(tenantId, f);
  where.push(sql`${activity.measure} IN ('sold', 'on_hand')`);
  const itemKey = sql<string>`coalesce(${activity.erpItemId}, ${activity.itemCode})`;
  return db
    .select({
      partnerId: activity.partnerId,
      itemKey,
      erpItemId: activity.erpItemId,
      measure: activity.measure,
      periodStart: activity.periodStart,
      periodEnd: activity.periodEnd,
      quantity: sql<number>`sum(${activity.quantity})`,
    })
    .from(activity)
    .where(and(...where))
    .groupBy(activity.partnerId, itemKey, activity.measure, activity.periodStart, activity.periodEnd)
    .orderBy(asc(activity.partnerId), asc(itemKey), asc(activity.periodStart))
    .limit(limit)
    .all();
}
