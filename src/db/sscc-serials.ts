// SSCC serial numbers per tenant: a block of `count` serials is taken by one atomic
// INSERT … ON CONFLICT DO UPDATE … RETURNING, so two consumers never get the same serial.
import { sql } from "drizzle-orm";
import type { Db } from "./client";
import { ssccSerials } from "./schema";

/** The first of `count` consecutive serials reserved for the caller (serials start at 1). */
export async function reserveSsccSerials(db: Db, tenantId: string, count: number): Promise<number> {
  const row = await db
    .insert(ssccSerials)
    .values({ tenantId, nextSerial: count + 1 })
    .onConflictDoUpdate({ target: ssccSerials.tenantId, set: { nextSerial: sql`${ssccSerials.nextSerial} + ${count}` } })
    .returning({ next: ssccSerials.nextSerial })
    .get();
  return row.next - count;
}
