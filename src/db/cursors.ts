// Stream cursors: the SPS listing position or an ERP watermark per (tenant, stream), as JSON whose
// shape the stream owns and validates.
import { and, desc, eq } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "./client";
import { cursors } from "./schema";

export async function readCursor<T extends z.ZodType>(db: Db, tenantId: string, stream: string, schema: T): Promise<z.output<T> | undefined> {
  const row = await db
    .select()
    .from(cursors)
    .where(and(eq(cursors.tenantId, tenantId), eq(cursors.stream, stream)))
    .get();
  return row ? schema.parse(JSON.parse(row.value)) : undefined;
}

/** The upsert statement (usable inside a batch, so a watermark moves with the rows it covers). */
export function cursorUpsert(db: Db, tenantId: string, stream: string, value: unknown, nowMs: number) {
  const json = JSON.stringify(value);
  return db
    .insert(cursors)
    .values({ tenantId, stream, value: json, updatedAt: nowMs })
    .onConflictDoUpdate({ target: [cursors.tenantId, cursors.stream], set: { value: json, updatedAt: nowMs } });
}

export async function writeCursor(db: Db, tenantId: string, stream: string, value: unknown, nowMs: number): Promise<void> {
  await cursorUpsert(db, tenantId, stream, value, nowMs).run();
}

/** When each of a tenant's streams last advanced its cursor (a poll that succeeded), newest first. */
export async function listCursorTimes(db: Db, tenantId: string): Promise<{ stream: string; updatedAt: number }[]> {
  return db.select({ stream: cursors.stream, updatedAt: cursors.updatedAt }).from(cursors).where(eq(cursors.tenantId, tenantId)).orderBy(desc(cursors.updatedAt)).all();
}
