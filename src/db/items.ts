// Item cross-references: (partner or any) × (legal entity or any) × identifier → ERP item + UOM.
// UPCs, EANs and GTINs are stored as GTIN-14 so an order's ConsumerPackageCode (UPC-A) matches a
// mapping entered as a GTIN and vice versa.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "./client";
import type { ItemKey, ItemMapping, ItemMappingRow } from "../flows/item-matching";
import { items } from "./schema";

/** Upserts mapping rows (one D1 row per identifier), in batches under D1's statement limits. */
export async function upsertItemMappings(db: Db, tenantId: string, rows: ItemMappingRow[], nowMs: number): Promise<number> {
  const statements = rows.flatMap((r) =>
    r.keys.map((k) =>
      db
        .insert(items)
        .values({
          tenantId,
          partnerId: r.partnerId,
          legalEntity: r.legalEntity,
          kind: k.kind,
          value: k.value,
          erpItemId: r.erpItemId,
          uom: r.uom ?? null,
          uomFactor: r.uomFactor ?? null,
          updatedAt: nowMs,
        })
        .onConflictDoUpdate({
          target: [items.tenantId, items.partnerId, items.legalEntity, items.kind, items.value],
          set: { erpItemId: r.erpItemId, uom: r.uom ?? null, uomFactor: r.uomFactor ?? null, updatedAt: nowMs },
        }),
    ),
  );
  for (let i = 0; i < statements.length; i += 50) {
    const chunk = statements.slice(i, i + 50);
    if (chunk.length > 0) await db.batch(chunk as unknown as Parameters<Db["batch"]>[0]);
  }
  return rows.length;
}

/**
 * Every mapping that could match the given identifiers for a partner (partner-specific or any)
 * and legal entity (specific or any). The flow picks per line in the documented order.
 */
export async function findItemMappings(
  db: Db,
  tenantId: string,
  partnerId: string,
  legalEntity: string | null,
  keys: ItemKey[],
): Promise<ItemMapping[]> {
  if (keys.length === 0) return [];
  const out: ItemMapping[] = [];
  const values = [...new Set(keys.map((k) => k.value))];
  // 100 bound parameters per statement: keep each IN list well under it.
  for (let i = 0; i < values.length; i += 80) {
    const chunk = values.slice(i, i + 80);
    const rows = await db
      .select()
      .from(items)
      .where(
        and(
          eq(items.tenantId, tenantId),
          inArray(items.partnerId, [partnerId, "*"]),
          inArray(items.legalEntity, legalEntity ? [legalEntity, "*"] : ["*"]),
          inArray(items.value, chunk),
        ),
      )
      .all();
    for (const r of rows) {
      out.push({ partnerId: r.partnerId, legalEntity: r.legalEntity, kind: r.kind, value: r.value, erpItemId: r.erpItemId, uom: r.uom, uomFactor: r.uomFactor });
    }
  }
  return out;
}

export async function listItemMappings(db: Db, tenantId: string, limit: number, offset: number): Promise<ItemMapping[]> {
  const rows = await db
    .select()
    .from(items)
    .where(eq(items.tenantId, tenantId))
    .orderBy(asc(items.id))
    .limit(limit)
    .offset(offset)
    .all();
  return rows.map((r) => ({ partnerId: r.partnerId, legalEntity: r.legalEntity, kind: r.kind, value: r.value, erpItemId: r.erpItemId, uom: r.uom, uomFactor: r.uomFactor }));
}

export async function countItemMappings(db: Db, tenantId: string): Promise<number> {
  const row = await db.select({ n: sql<number>`count(*)` }).from(items).where(eq(items.tenantId, tenantId)).get();
  return row?.n ?? 0;
}

/** Every mapping a partner's documents can use (its own and "any"), for the outbound 846 feed. */
export async function listPartnerItemMappings(db: Db, tenantId: string, partnerId: string, limit = 20_000): Promise<ItemMapping[]> {
  const rows = await db
    .select()
    .from(items)
    .where(and(eq(items.tenantId, tenantId), inArray(items.partnerId, [partnerId, "*"])))
    .orderBy(asc(items.id))
    .limit(limit)
    .all();
  return rows.map((r) => ({ partnerId: r.partnerId, legalEntity: r.legalEntity, kind: r.kind, value: r.value, erpItemId: r.erpItemId, uom: r.uom, uomFactor: r.uomFactor }));
}
