// The watch, run by the cron every minute (no poll needed): it reads what changed in the documents
// since its last run (one indexed range query), starts and settles obligations from those changes,
// moves obligations whose warning or due time has come to at_risk / missed, raises and clears alert
// conditions (documents failed or invalid, missing mappings, failing or stale polls), and hands the
// queued alerts to the dispatcher. Everything it does is idempotent, so it reads its window with an
// overlap and a second look at a change changes nothing.
//
// Why the cron and not a Durable Object alarm per tenant: the cron runs every minute anyway, and one
// indexed query over obligations.next_check_at finds every tenant's due obligations at once, so
// 10,000 open obligations cost one query a minute and no Durable Object request at all (an alarm
// per tenant costs a DO request per wake-up and another each time an earlier deadline appears).
// Timeliness is the cron's: a state changes at the first run at or after its moment, within a
// minute. `npm run bench -- --only timers` measures it (README "Due dates and alerts").
import { and, eq, gt, inArray, lte } from "drizzle-orm";
import { openConditions, raiseCondition, resolveCondition, setOccurrences, type AlertLinks, type ConditionRow } from "../alerts/conditions";
import { dispatchAlerts, type DispatchOutcome } from "../alerts/dispatch";
import { ruleNumbers, type AlertRules } from "../alerts/settings";
import { createDb, type Db } from "../db/client";
import { metaOf, statusDetailOf } from "../db/documents";
import { advanceObligation, dueObligations, obligationInserts, satisfiableObligations, satisfyObligation, type ObligationRow } from "../db/obligations";
import { getPartner, type Partner } from "../db/partners";
import { allPollHealth } from "../db/poll-health";
import { alertSettings, documents, obligations, tenants, watchState } from "../db/schema";
import { getTenant, type Tenant } from "../db/tenants";
import { erpProfile } from "../erp/profiles";
import type { Env } from "../env";
import { readConfig } from "../env";
import type { Logger } from "../lib/log";
import { describeMs } from "../sla/duration";
import { describeObligation, orderObligations, shipmentObligations } from "../sla/derive";
import { effectiveSla, type EffectiveSla } from "../sla/rules";
import { STREAM as SPS_STREAM } from "../queues/sps-mailbox-poll";
import { mappingCodesOf } from "./mapping-codes";

const WATERMARK_KEY = "documents";
/** Re-read this much before the watermark: a row written with an older clock, or committed late. */
const OVERLAP_MS = 90_000;
const CHANGES_PER_RUN = 500;
const DUE_PER_RUN = 1000;
const ALL_STATUSES = ["received", "queued", "delivering", "delivered", "needs_mapping", "invalid", "held", "rejected", "failed"] as const;

type Changed = Pick<typeof documents.$inferSelect, "id" | "tenantId" | "direction" | "type" | "partnerId" | "naturalKey" | "status" | "statusDetail" | "meta" | "createdAt" | "updatedAt">;

export interface WatchOutcome {
  changes: number;
  created: number;
  satisfied: number;
  atRisk: number;
  missed: number;
  raised: number;
  resolved: number;
  dispatch: DispatchOutcome;
}

/** Per run: tenants, partners, rules and alert links, each read once. */
class RunContext {
  private tenants = new Map<string, Tenant | undefined>();
  private partners = new Map<string, Partner | undefined>();
  private rules = new Map<string, AlertRules>();
  /** The POs each outbound document of this run answers (read once, used by both passes). */
  readonly pos = new Map<string, Promise<{ pos: string[]; orders: { id: string; naturalKey: string; meta: string }[] }>>();
  readonly outcome: WatchOutcome = { changes: 0, created: 0, satisfied: 0, atRisk: 0, missed: 0, raised: 0, resolved: 0, dispatch: { events: 0, deliveries: 0, sent: 0, failed: 0 } };
  constructor(
    readonly db: Db,
    readonly links: AlertLinks,
    readonly nowMs: number,
    readonly log: Logger,
  ) {}
  async tenant(id: string) {
    if (!this.tenants.has(id)) this.tenants.set(id, await getTenant(this.db, id));
    return this.tenants.get(id);
  }
  async partner(tenantId: string, partnerId: string) {
    const key = `${tenantId}\u0000${partnerId}`;
    if (!this.partners.has(key)) this.partners.set(key, await getPartner(this.db, tenantId, partnerId));
    return this.partners.get(key);
  }
  async sla(tenantId: string, partnerId: string): Promise<EffectiveSla | undefined> {
    const tenant = await this.tenant(tenantId);
    if (!tenant) return undefined;
    const partner = await this.partner(tenantId, partnerId);
    return effectiveSla(partner?.sla, tenant.settings.sla);
  }
  async alertRules(tenantId: string): Promise<AlertRules> {
    if (!this.rules.has(tenantId)) {
      const row = await this.db.select({ settings: alertSettings.settings }).from(alertSettings).where(eq(alertSettings.tenantId, tenantId)).get();
      const parsed = row ? (JSON.parse(row.settings) as { rules?: AlertRules }) : {};
      this.rules.set(tenantId, parsed.rules ?? {});
    }
    return this.rules.get(tenantId)!;
  }
  async raise(tenantId: string, c: Parameters<typeof raiseCondition>[2]) {
    const rules = ruleNumbers(await this.alertRules(tenantId));
    if (rules.muted.has(c.type)) return;
    if (await raiseCondition(this.db, tenantId, c, this.links, this.nowMs)) this.outcome.raised++;
  }
  async resolve(tenantId: string, key: string, how: Parameters<typeof resolveCondition>[3]) {
    if (await resolveCondition(this.db, tenantId, key, how, this.links, this.nowMs)) this.outcome.resolved++;
  }
}

export function alertLinks(env: Env): AlertLinks {
  return { base: readConfig(env).PUBLIC_URL ?? "" };
}

export async function runWatch(env: Env, nowMs: number, log: Logger): Promise<WatchOutcome> {
  const db = createDb(env.DB);
  const run = new RunContext(db, alertLinks(env), nowMs, log);
  const open = await openConditions(db);
  await readChanges(run, open);
  await advanceDue(run);
  await checkPolls(run, open);
  await reconcileMappings(run, open);
  run.outcome.dispatch = await dispatchAlerts(db, env, run.links, nowMs, log);
  const o = run.outcome;
  if (o.created + o.satisfied + o.atRisk + o.missed + o.raised + o.resolved + o.dispatch.deliveries > 0) log.info("watch", { ...o, dispatch: undefined, ...o.dispatch });
  return o;
}

// ---- Document changes ---------------------------------------------------------------------------

async function readChanges(run: RunContext, open: ConditionRow[]): Promise<void> {
  const { db } = run;
  // What has been written up to now (the wall clock; the run's own time may be a cron's scheduled
  // time, or a test's, and must not move the watermark past writes still to come).
  const scanTo = Date.now();
  const mark = await db.select().from(watchState).where(eq(watchState.key, WATERMARK_KEY)).get();
  const since = mark ? mark.value - OVERLAP_MS : 0;
  const rows: Changed[] = await db
    .select({
      id: documents.id,
      tenantId: documents.tenantId,
      direction: documents.direction,
      type: documents.type,
      partnerId: documents.partnerId,
      naturalKey: documents.naturalKey,
      status: documents.status,
      statusDetail: documents.statusDetail,
      meta: documents.meta,
      createdAt: documents.createdAt,
      updatedAt: documents.updatedAt,
    })
    .from(documents)
    .where(and(inArray(documents.status, [...ALL_STATUSES]), gt(documents.updatedAt, since), lte(documents.updatedAt, scanTo)))
    .orderBy(documents.updatedAt)
    .limit(CHANGES_PER_RUN)
    .all();
  run.outcome.changes = rows.length;
  const openKeys = new Set(open.map((c) => `${c.tenantId}\u0000${c.key}`));
  // Two passes: every obligation these changes start exists before any change settles one, whatever
  // order the rows come in (an 855 sent in the same minute its 850 arrived).
  for (const pass of [startObligations, settleAndAlert] as const) {
    for (const doc of rows) {
      try {
        await pass(run, doc, openKeys);
      } catch (e) {
        // One bad row must not stop the watch; it is read again next run (overlap) or stays visible as is.
        run.log.warn("watch: document change not processed", { tenantId: doc.tenantId, documentId: doc.id, error: e instanceof Error ? e.message : String(e) });
      }
    }
  }
  // The watermark moves to the newest change read (with a full page, nothing past it is skipped); a run
  // that read nothing writes nothing, so an idle minute costs reads only.
  const newest = rows.length > 0 ? rows[rows.length - 1]!.updatedAt : mark ? mark.value : scanTo;
  if (!mark || newest > mark.value) {
    await db.insert(watchState).values({ key: WATERMARK_KEY, value: newest }).onConflictDoUpdate({ target: watchState.key, set: { value: newest } }).run();
  }
}

function shipmentConfirmedAt(doc: Changed): number {
  const meta = metaOf(doc);
  const modified = typeof meta.lastModified === "string" ? Date.parse(meta.lastModified) : Number.NaN;
  return Number.isNaN(modified) ? doc.createdAt : Math.min(modified, doc.createdAt);
}

interface OrderDocRef {
  documentId: string;
  orderKey: string;
}

function orderDocsOf(doc: Changed): OrderDocRef[] {
  const refs = metaOf(doc).orderDocs;
  if (!Array.isArray(refs)) return [];
  return refs.filter((r): r is OrderDocRef => typeof r === "object" && r !== null && typeof (r as OrderDocRef).documentId === "string");
}

/** The POs (850 natural keys) an outbound document answers, once per run. */
function posOf(run: RunContext, doc: Changed): Promise<{ pos: string[]; orders: { id: string; naturalKey: string; meta: string }[] }> {
  let found = run.pos.get(doc.id);
  if (!found) run.pos.set(doc.id, (found = readPos(run.db, doc)));
  return found;
}

async function readPos(db: Db, doc: Changed): Promise<{ pos: string[]; orders: { id: string; naturalKey: string; meta: string }[] }> {
  const ids = [...new Set(orderDocsOf(doc).map((r) => r.documentId))];
  const sourceId = metaOf(doc).sourceDocumentId;
  if (typeof sourceId === "string") ids.push(sourceId);
  if (ids.length === 0) return { pos: [], orders: [] };
  const orders = await db
    .select({ id: documents.id, naturalKey: documents.naturalKey, meta: documents.meta })
    .from(documents)
    .where(and(eq(documents.tenantId, doc.tenantId), inArray(documents.id, ids.slice(0, 90))))
    .all();
  return { pos: [...new Set(orders.map((o) => o.naturalKey))], orders };
}

async function startObligations(run: RunContext, doc: Changed): Promise<void> {
  const { db, nowMs } = run;
  if (doc.partnerId === "") return;
  if (doc.direction === "inbound" && doc.type === "850" && !doc.naturalKey.startsWith("file:")) {
    const meta = metaOf(doc);
    const purpose = typeof meta.purpose === "string" ? meta.purpose : "original";
    const tenant = await run.tenant(doc.tenantId);
    const sla = await run.sla(doc.tenantId, doc.partnerId);
    if (!tenant || !sla || purpose !== "original") return;
    const partner = await run.partner(doc.tenantId, doc.partnerId);
    const wantsAck = partner ? (partner.rules.send855 ?? erpProfile(tenant.erp).send855ByDefault) : erpProfile(tenant.erp).send855ByDefault;
    const dates = typeof meta.dates === "object" && meta.dates !== null ? (meta.dates as Record<string, string>) : {};
    await insertObligations(run, orderObligations({ tenantId: doc.tenantId, partnerId: doc.partnerId, po: doc.naturalKey, documentId: doc.id, receivedAt: doc.createdAt, dates, wantsAck }, sla, nowMs));
    return;
  }
  if (doc.direction === "outbound" && doc.type === "856") {
    const existing = await db
      .select({ id: obligations.id })
      .from(obligations)
      .where(and(eq(obligations.tenantId, doc.tenantId), inArray(obligations.kind, ["856", "810"]), eq(obligations.partnerId, doc.partnerId), eq(obligations.subject, doc.naturalKey)))
      .limit(1)
      .all();
    if (existing.length > 0) return;
    const { pos, orders } = await posOf(run, doc);
    const sla = await run.sla(doc.tenantId, doc.partnerId);
    if (pos.length === 0 || !sla) return;
    const dates = (metaOf(orders[0]!).dates ?? {}) as Record<string, string>;
    await insertObligations(run, shipmentObligations({ tenantId: doc.tenantId, partnerId: doc.partnerId, shipmentNbr: doc.naturalKey, po: pos[0]!, documentId: doc.id, confirmedAt: shipmentConfirmedAt(doc), deliveryDate: dates["002"] }, sla, nowMs));
  }
}

async function settleAndAlert(run: RunContext, doc: Changed, openKeys: Set<string>): Promise<void> {
  const { db } = run;
  if (doc.partnerId !== "" && doc.direction === "outbound") {
    if (doc.type === "856") {
      const { pos } = await posOf(run, doc);
      // The goods left: the ship-by obligation of each PO in the shipment is settled at the confirmation time.
      if (pos.length > 0) await satisfy(run, await satisfiableObligations(db, doc.tenantId, { kind: "ship", partnerId: doc.partnerId, orderKeys: pos }), doc, shipmentConfirmedAt(doc));
      if (doc.status === "delivered") await satisfy(run, await satisfiableObligations(db, doc.tenantId, { kind: "856", partnerId: doc.partnerId, subject: doc.naturalKey }), doc, doc.updatedAt);
    }
    if (doc.type === "810" && doc.status === "delivered") {
      const { pos } = await posOf(run, doc);
      if (pos.length > 0) await satisfy(run, await satisfiableObligations(db, doc.tenantId, { kind: "810", partnerId: doc.partnerId, orderKeys: pos }), doc, doc.updatedAt);
    }
    if (doc.type === "855" && doc.status === "delivered") {
      // An 855's natural key is its PO (queues/inbound.ts, erp-polls.ts ackDocumentFor).
      await satisfy(run, await satisfiableObligations(db, doc.tenantId, { kind: "855", partnerId: doc.partnerId, subject: doc.naturalKey }), doc, doc.updatedAt);
    }
  }
  await documentConditions(run, doc, openKeys);
}

async function insertObligations(run: RunContext, rows: ReturnType<typeof orderObligations>): Promise<void> {
  if (rows.length === 0) return;
  const results = (await run.db.batch(obligationInserts(run.db, rows) as unknown as Parameters<Db["batch"]>[0])) as unknown as D1Result[];
  run.outcome.created += results.filter((r) => r.meta.changes === 1).length;
}

async function satisfy(run: RunContext, rows: ObligationRow[], doc: Changed, at: number): Promise<void> {
  for (const row of rows) {
    const state = await satisfyObligation(run.db, row, doc.id, at, run.nowMs);
    if (!state) continue;
    run.outcome.satisfied++;
    const lateness = at - row.dueAt;
    const what = describeObligation(row);
    const verb = row.kind === "ship" ? "shipped" : "sent";
    const message = lateness > 0 ? `${what} ${verb} ${describeMs(lateness)} late` : `${what} ${verb} ${describeMs(-lateness)} before it was due`;
    await run.resolve(row.tenantId, `obligation_at_risk:${row.id}`, { message, state });
    await run.resolve(row.tenantId, `obligation_missed:${row.id}`, { message, state });
  }
}

async function documentConditions(run: RunContext, doc: Changed, openKeys: Set<string>): Promise<void> {
  const number = doc.naturalKey.startsWith("file:") ? doc.naturalKey.slice(5) : doc.naturalKey;
  const document = { id: doc.id, number };
  const reasons = statusDetailOf(doc);
  const label = `${doc.type} ${doc.direction === "inbound" ? "from" : "to"} ${doc.partnerId || "an unknown partner"} (${number})`;
  const failedKey = `document_failed:${doc.id}`;
  const invalidKey = `document_invalid:${doc.id}`;
  if (doc.status === "failed" || doc.status === "rejected") {
    await run.raise(doc.tenantId, { key: failedKey, type: "document_failed", severity: "critical", partnerId: doc.partnerId || undefined, document, state: doc.status, message: `${label} ${doc.status === "failed" ? "failed for good" : "was rejected"}: ${reasons[0] ?? "see its audit trail"}` });
  } else if (openKeys.has(`${doc.tenantId}\u0000${failedKey}`)) {
    await run.resolve(doc.tenantId, failedKey, { message: `${label} is ${doc.status} again`, state: doc.status });
  }
  if (doc.status === "invalid") {
    await run.raise(doc.tenantId, { key: invalidKey, type: "document_invalid", severity: "warning", partnerId: doc.partnerId || undefined, document, state: doc.status, message: `${label} is invalid: ${reasons[0] ?? "see its audit trail"}` });
  } else if (openKeys.has(`${doc.tenantId}\u0000${invalidKey}`)) {
    await run.resolve(doc.tenantId, invalidKey, { message: `${label} is ${doc.status} now`, state: doc.status });
  }
  if (doc.status === "needs_mapping") {
    for (const code of mappingCodesOf(doc.partnerId, reasons, doc.id)) {
      await run.raise(doc.tenantId, {
        key: `mapping_missing:${code.key}`,
        type: "mapping_missing",
        severity: "warning",
        partnerId: doc.partnerId || undefined,
        document,
        state: "waiting",
        message: `${code.label} has no mapping; documents wait for it (first: ${label}). ${code.fix}`,
      });
    }
  }
}

// ---- Deadlines ----------------------------------------------------------------------------------

async function advanceDue(run: RunContext): Promise<void> {
  const { db, nowMs } = run;
  const due = await dueObligations(db, nowMs, DUE_PER_RUN);
  for (const row of due) {
    const what = describeObligation(row);
    const dueText = new Date(row.dueAt).toISOString();
    const document = { id: row.sourceDocumentId, number: row.kind === "855" || row.kind === "ship" ? row.orderKey : row.subject };
    if (nowMs >= row.dueAt) {
      if (!(await advanceObligation(db, row, "missed", nowMs))) continue;
      run.outcome.missed++;
      await run.resolve(row.tenantId, `obligation_at_risk:${row.id}`, { message: "superseded by the missed alert", silent: true });
      const message = row.kind === "ship" ? `${what} has not shipped; it had to ship by ${dueText}` : `${what} is overdue: it was due at ${dueText} and has not been sent`;
      await run.raise(row.tenantId, { key: `obligation_missed:${row.id}`, type: "obligation_missed", severity: "critical", partnerId: row.partnerId, document, due: row.dueAt, state: "missed", message });
    } else if (row.state === "pending") {
      if (!(await advanceObligation(db, row, "at_risk", nowMs))) continue;
      run.outcome.atRisk++;
      const left = describeMs(row.dueAt - nowMs);
      const message = row.kind === "ship" ? `${what} must ship by ${dueText} (${left} left) and has not shipped` : `${what} is due at ${dueText} (${left} left) and has not been sent`;
      await run.raise(row.tenantId, { key: `obligation_at_risk:${row.id}`, type: "obligation_at_risk", severity: "warning", partnerId: row.partnerId, document, due: row.dueAt, state: "at_risk", message });
    } else {
      // at_risk with a next check before its due time (rules changed): look again at the due time.
      await db.update(obligations).set({ nextCheckAt: row.dueAt }).where(and(eq(obligations.tenantId, row.tenantId), eq(obligations.id, row.id))).run();
    }
  }
}

// ---- Polls --------------------------------------------------------------------------------------

const STREAM_WORDS: Record<string, string> = { [SPS_STREAM]: "the SPS mailbox", "erp:shipments": "the ERP shipments", "erp:invoices": "the ERP invoices", "erp:acks": "the ERP order confirmations" };
const streamWords = (stream: string) => STREAM_WORDS[stream] ?? `the stream ${stream}`;

async function checkPolls(run: RunContext, open: ConditionRow[]): Promise<void> {
  const { db, nowMs } = run;
  const health = await allPollHealth(db);
  if (health.length === 0) return;
  const active = new Set((await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.status, "active")).all()).map((t) => t.id));
  const isOpen = new Set(open.map((c) => `${c.tenantId}\u0000${c.key}`));
  for (const h of health) {
    const rules = ruleNumbers(await run.alertRules(h.tenantId));
    const failingKey = `connection_failing:${h.stream}`;
    const staleKey = `poll_stale:${h.stream}`;
    const failing = h.authRefused || h.consecutiveFailures >= rules.failingPolls;
    if (failing) {
      const why = h.authRefused ? "the credentials were refused" : `${h.consecutiveFailures} polls in a row failed`;
      await run.raise(h.tenantId, { key: failingKey, type: "connection_failing", severity: "critical", state: "failing", message: `Polling ${streamWords(h.stream)} is failing (${why}): ${h.lastError ?? "no detail"}` });
    } else if (isOpen.has(`${h.tenantId}\u0000${failingKey}`)) {
      await run.resolve(h.tenantId, failingKey, { message: `Polling ${streamWords(h.stream)} works again`, state: "ok" });
    }
    const stale = active.has(h.tenantId) && h.lastSuccessAt !== null && nowMs - h.lastSuccessAt >= rules.pollStaleAfterMs;
    if (stale) {
      await run.raise(h.tenantId, { key: staleKey, type: "poll_stale", severity: "warning", state: "stale", message: `${streamWords(h.stream)} has not been polled successfully for ${describeMs(nowMs - h.lastSuccessAt!)} (last success ${new Date(h.lastSuccessAt!).toISOString()})` });
    } else if (isOpen.has(`${h.tenantId}\u0000${staleKey}`) && (h.lastSuccessAt === null || nowMs - h.lastSuccessAt < rules.pollStaleAfterMs || !active.has(h.tenantId))) {
      await run.resolve(h.tenantId, staleKey, { message: `${streamWords(h.stream)} is polled successfully again`, state: "ok" });
    }
  }
}

// ---- Mappings -----------------------------------------------------------------------------------

/** A missing-mapping condition clears when no document of its tenant waits for that code any more. */
async function reconcileMappings(run: RunContext, open: ConditionRow[]): Promise<void> {
  const mapping = open.filter((c) => c.type === "mapping_missing");
  const byTenant = new Map<string, ConditionRow[]>();
  for (const c of mapping) byTenant.set(c.tenantId, [...(byTenant.get(c.tenantId) ?? []), c]);
  for (const [tenantId, conditions] of byTenant) {
    const waiting = await run.db
      .select({ id: documents.id, partnerId: documents.partnerId, statusDetail: documents.statusDetail })
      .from(documents)
      .where(and(eq(documents.tenantId, tenantId), eq(documents.status, "needs_mapping")))
      .limit(2000)
      .all();
    const waitingFor = new Map<string, number>();
    for (const d of waiting) for (const code of mappingCodesOf(d.partnerId, statusDetailOf(d), d.id)) waitingFor.set(`mapping_missing:${code.key}`, (waitingFor.get(`mapping_missing:${code.key}`) ?? 0) + 1);
    for (const c of conditions) {
      const count = waitingFor.get(c.key);
      if (count !== undefined) {
        if (count !== c.occurrences) await setOccurrences(run.db, tenantId, c.key, count);
        continue;
      }
      await run.resolve(tenantId, c.key, { message: `${c.message.split(" has no mapping")[0]} is mapped now; the documents that waited for it went on`, state: "mapped" });
    }
  }
}

