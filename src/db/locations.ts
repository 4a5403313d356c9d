// Location mappings, always scoped by tenant: a retailer's store or DC number → the tenant's name.
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "./client";
import { locations } from "./schema";

export interface LocationMapping {
  partnerId: string;
  code: string;
  name: string;
}

/** Upserts mappings in batches of single-row statements (5 parameters each). */
export async function upsertLocations(db: Db, tenantId: string, rows: LocationMapping[], nowMs: number): Promise<number> {
  const statements = rows.map((r) =>
    db
      .insert(locations)
      .values({ tenantId, partnerId: r.partnerId, code: r.code, name: r.name, updatedAt: nowMs })
      .onConflictDoUpdate({ target: [locations.tenantId, locations.partnerId, locations.code], set: { name: r.name, updatedAt: nowMs } }),
  );
  for (let i = 0; i < statements.length; i += 50) {
    const chunk = statements.slice(i, i + 50);
    if (chunk.length > 0) await db.batch(chunk as unknown as Parameters<Db["batch"]>[0]);
  }
  return rows.length;
}

export async function listLocations(db: Db, tenantId: string, opts: { partnerId?: string | undefined; limit: number; offset: number }): Promise<LocationMapping[]> {
  const where = [eq(locations.tenantId, tenantId), ...(opts.partnerId ? [eq(locations.partnerId, opts.partnerId)] : [])];
  const rows = await db
    .select()
    .from(locations)
    .where(and(...where))
    .orderBy(asc(locations.partnerId), asc(locations.code))
    .limit(opts.limit)
    .offset(opts.offset)
    .all();
  return rows.map((r) => ({ partnerId: r.partnerId, code: r.code, name: r.name }));
}
