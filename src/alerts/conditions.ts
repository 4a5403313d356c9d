// Alert conditions: each problem the connector can tell someone about has a key (an obligation at
// risk, a document failed, a missing item code, a failing connection…). Raising an open condition
// again changes nothing but its count (one alert per condition until it clears); clearing it queues
// the matching "resolved" message. Events wait in alert_events for the dispatcher (./dispatch.ts).
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { alertConditions, alertEvents } from "../db/schema";
import { newId } from "../lib/ids";
import type { AlertType, Severity } from "./settings";

export interface ConditionInput {
  key: string;
  type: AlertType;
  severity: Severity;
  partnerId?: string | undefined;
  document?: { id: string; number: string } | undefined;
  due?: number | undefined;
  state?: string | undefined;
  message: string;
}

/** The JSON body every channel gets (a webhook as is; Slack formatted from it). */
export interface AlertBody {
  id: string;
  event: "raised" | "resolved" | "test";
  /** For a "resolved" message: the id of the alert it resolves. */
  resolves?: string | undefined;
  type: AlertType | "test";
  severity: Severity;
  tenant: string;
  partner: string | null;
  document: { id: string; number: string } | null;
  due: string | null;
  state: string;
  message: string;
  occurredAt: string;
  url: string;
}

export interface AlertLinks {
  /** https://connector.example.com, when PUBLIC_URL is set; else links are paths. */
  base: string;
}

export function consoleUrl(links: AlertLinks, tenantId: string, documentId?: string | undefined): string {
  const path = documentId ? `/console/t/${tenantId}/documents/${documentId}` : `/console/t/${tenantId}`;
  return `${links.base}${path}`;
}

function eventInsert(db: Db, tenantId: string, key: string, body: AlertBody, nowMs: number) {
  return db.insert(alertEvents).values({
    id: newId("evt", nowMs),
    tenantId,
    conditionKey: key,
    kind: body.event,
    type: body.type,
    severity: body.severity,
    body: JSON.stringify(body),
    createdAt: nowMs,
  });
}

/**
 * Opens a condition; true when an alert was queued. Raising one that is open already writes nothing
 * (the watch sees the same failed document again on its next runs): the upsert applies only to a new
 * or a resolved condition.
 */
export async function raiseCondition(db: Db, tenantId: string, c: ConditionInput, links: AlertLinks, nowMs: number): Promise<boolean> {
  const alertId = newId("alr", nowMs);
  const values = {
    type: c.type,
    severity: c.severity,
    state: "open" as const,
    partnerId: c.partnerId ?? null,
    documentId: c.document?.id ?? null,
    subject: c.document?.number ?? null,
    message: c.message,
    occurrences: 1,
    openedAt: nowMs,
    resolvedAt: null,
    alertId,
  };
  const opened = await db
    .insert(alertConditions)
    .values({ tenantId, key: c.key, ...values })
    .onConflictDoUpdate({ target: [alertConditions.tenantId, alertConditions.key], set: values, setWhere: sql`${alertConditions.state} = 'resolved'` })
    .run();
  if (opened.meta.changes !== 1) return false;
  const body: AlertBody = {
    id: alertId,
    event: "raised",
    type: c.type,
    severity: c.severity,
    tenant: tenantId,
    partner: c.partnerId ?? null,
    document: c.document ?? null,
    due: c.due !== undefined ? new Date(c.due).toISOString() : null,
    state: c.state ?? "open",
    message: c.message,
    occurredAt: new Date(nowMs).toISOString(),
    url: consoleUrl(links, tenantId, c.document?.id),
  };
  await eventInsert(db, tenantId, c.key, body, nowMs).run();
  return true;
}

/**
 * Clears an open condition. Unless `silent` (a condition superseded by a worse one, e.g. at risk →
 * missed), the "resolved" message is queued with `message` and the given state.
 */
export async function resolveCondition(
  db: Db,
  tenantId: string,
  key: string,
  how: { message: string; state?: string; silent?: boolean },
  links: AlertLinks,
  nowMs: number,
): Promise<boolean> {
  const row = await db
    .update(alertConditions)
    .set({ state: "resolved", resolvedAt: nowMs })
    .where(and(eq(alertConditions.tenantId, tenantId), eq(alertConditions.key, key), eq(alertConditions.state, "open")))
    .returning()
    .get();
  if (!row) return false;
  if (how.silent) return true;
  const body: AlertBody = {
    id: newId("alr", nowMs),
    event: "resolved",
    resolves: row.alertId,
    type: row.type as AlertType,
    severity: row.severity as Severity,
    tenant: tenantId,
    partner: row.partnerId,
    document: row.documentId ? { id: row.documentId, number: row.subject ?? "" } : null,
    due: null,
    state: how.state ?? "resolved",
    message: how.message,
    occurredAt: new Date(nowMs).toISOString(),
    url: consoleUrl(links, tenantId, row.documentId ?? undefined),
  };
  await eventInsert(db, tenantId, key, body, nowMs).run();
  return true;
}

export type ConditionRow = typeof alertConditions.$inferSelect;

/** Open conditions, across tenants (the watch reconciles them) or for one tenant. */
export async function openConditions(db: Db, tenantId?: string, limit = 2000): Promise<ConditionRow[]> {
  const where = tenantId ? and(eq(alertConditions.state, "open"), eq(alertConditions.tenantId, tenantId)) : eq(alertConditions.state, "open");
  return db.select().from(alertConditions).where(where).limit(limit).all();
}

/** How many documents an open condition stands for (a missing code's waiting documents), when that changed. */
export async function setOccurrences(db: Db, tenantId: string, key: string, occurrences: number): Promise<void> {
  await db
    .update(alertConditions)
    .set({ occurrences })
    .where(and(eq(alertConditions.tenantId, tenantId), eq(alertConditions.key, key), eq(alertConditions.state, "open"), sql`${alertConditions.occurrences} <> ${occurrences}`))
    .run();
}

/** The open conditions among these keys of one tenant. */
export async function openConditionsByKey(db: Db, tenantId: string, keys: string[]): Promise<ConditionRow[]> {
  if (keys.length === 0) return [];
  const out: ConditionRow[] = [];
  for (let i = 0; i < keys.length; i += 90) {
    out.push(
      ...(await db
        .select()
        .from(alertConditions)
        .where(and(eq(alertConditions.tenantId, tenantId), eq(alertConditions.state, "open"), inArray(alertConditions.key, keys.slice(i, i + 90))))
        .all()),
    );
  }
  return out;
}
