// Tenant rows: creation, listing (scoped for tenant-role callers), settings, poll scheduling.
import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "./client";
import { readJson } from "./json-column";
import type { ErpKind } from "../erp/profiles";
import { SlaSchema } from "../sla/rules";
import { tenants, type DocumentFormat } from "./schema";

/** A postal address the tenant keeps (ship-from warehouse, remit-to), in RSX terms. */
export const SettingsAddressSchema = z
  .object({
    name: z.string().trim().min(1).max(60),
    /** The retailer-facing location number (e.g. a DUNS or the supplier's warehouse code). */
    locationNumber: z.string().trim().max(35).optional(),
    /** RSX LocationCodeQualifier of locationNumber: 1 DUNS, UL GLN, 91 seller's own code… */
    locationQualifier: z.string().trim().max(3).optional(),
    address1: z.string().trim().min(1).max(55),
    address2: z.string().trim().max(55).optional(),
    city: z.string().trim().min(1).max(30),
    state: z.string().trim().max(2).optional(),
    postalCode: z.string().trim().max(15).optional(),
    country: z.string().trim().min(2).max(3).optional(),
  })
  .strict();
export type SettingsAddress = z.infer<typeof SettingsAddressSchema>;

export const TenantSettingsSchema = z
  .object({
    /** GS1 company prefix (6 to 11 digits) used to generate SSCC-18s when the ERP has none. */
    gs1CompanyPrefix: z.string().regex(/^\d{6,11}$/).optional(),
    /** The warehouse goods leave from (856 SF address). */
    shipFrom: SettingsAddressSchema.optional(),
    /** Where retailers send payment (810 RI address). */
    remitTo: SettingsAddressSchema.optional(),
    /** ERP ship-via code → carrier SCAC (Acumatica has no SCAC field). */
    carrierScacByShipVia: z.record(z.string().max(30), z.string().regex(/^[A-Z]{2,4}$/)).optional(),
    /** Default due-date rules of the tenant's partners (src/sla); a partner's own `sla` wins per key. */
    sla: SlaSchema.optional(),
  })
  .strict();
export type TenantSettings = z.infer<typeof TenantSettingsSchema>;

export type TenantRow = typeof tenants.$inferSelect;

export interface Tenant {
  id: string;
  name: string;
  erp: ErpKind;
  pollIntervalMinutes: number;
  documentFormat: DocumentFormat;
  status: "active" | "paused";
  settings: TenantSettings;
  nextPollAt: number;
  createdAt: number;
  updatedAt: number;
}

export function toTenant(row: TenantRow): Tenant {
  return { ...row, settings: readJson(TenantSettingsSchema, row.settings, {}) };
}

export async function getTenant(db: Db, id: string): Promise<Tenant | undefined> {
  const row = await db.select().from(tenants).where(eq(tenants.id, id)).get();
  return row ? toTenant(row) : undefined;
}

export async function listTenants(db: Db, onlyId?: string): Promise<Tenant[]> {
  const rows = onlyId
    ? await db.select().from(tenants).where(eq(tenants.id, onlyId)).all()
    : await db.select().from(tenants).orderBy(asc(tenants.id)).all();
  return rows.map(toTenant);
}

/** Inserts a tenant; false when the id is taken. */
export async function insertTenant(
  db: Db,
  t: { id: string; name: string; erp: ErpKind; pollIntervalMinutes: number; documentFormat: DocumentFormat; settings: TenantSettings },
  nowMs: number,
): Promise<boolean> {
  const res = await db
    .insert(tenants)
    .values({ ...t, settings: JSON.stringify(t.settings), nextPollAt: nowMs, createdAt: nowMs, updatedAt: nowMs })
    .onConflictDoNothing()
    .run();
  return res.meta.changes === 1;
}

export async function updateTenant(
  db: Db,
  id: string,
  patch: Partial<{ name: string; pollIntervalMinutes: number; documentFormat: DocumentFormat; status: "active" | "paused"; settings: TenantSettings }>,
  nowMs: number,
): Promise<Tenant | undefined> {
  const { settings, ...rest } = patch;
  const row = await db
    .update(tenants)
    .set({ ...rest, ...(settings ? { settings: JSON.stringify(settings) } : {}), updatedAt: nowMs })
    .where(eq(tenants.id, id))
    .returning()
    .get();
  return row ? toTenant(row) : undefined;
}

/** Active tenants whose next poll is due, oldest first. */
export async function dueTenants(db: Db, nowMs: number, limit: number): Promise<Pick<TenantRow, "id" | "erp" | "pollIntervalMinutes">[]> {
  return db
    .select({ id: tenants.id, erp: tenants.erp, pollIntervalMinutes: tenants.pollIntervalMinutes })
    .from(tenants)
    .where(and(eq(tenants.status, "active"), lte(tenants.nextPollAt, nowMs)))
    .orderBy(asc(tenants.nextPollAt))
    .limit(limit)
    .all();
}

/** Moves the given tenants' next poll to now + their interval (one statement per chunk of ids). */
export async function scheduleNextPolls(db: Db, ids: string[], nowMs: number): Promise<void> {
  // D1 allows 100 bound parameters per statement (limits-and-costs.md 1.3).
  for (let i = 0; i < ids.length; i += 90) {
    const chunk = ids.slice(i, i + 90);
    await db
      .update(tenants)
      .set({ nextPollAt: sql`${nowMs} + ${tenants.pollIntervalMinutes} * 60000` })
      .where(inArray(tenants.id, chunk))
      .run();
  }
}
