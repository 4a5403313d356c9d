// Sends queued alert events: per tenant and type, the events of one group window go out together,
// `digestAfter` or more of them as one digest; per channel, events below its minimum severity or of
// types it does not take are left out, and during its quiet hours non-urgent messages are held until
// the quiet period ends. Each message is one alert_deliveries row, retried with backoff (honouring
// Retry-After) on 429, 5xx and network failures, given up after MAX_ATTEMPTS; every attempt's
// outcome stays on the row. Webhooks are signed: X-Signature: t=<unix s>,v1=<hex HMAC-SHA256 of "t.body">.
import { and, asc, eq, inArray, isNotNull, isNull, lt, lte } from "drizzle-orm";
import type { Db } from "../db/client";
import type { CryptoEnv } from "../db/connections";
import { alertDeliveries, alertEvents, watchState } from "../db/schema";
import { fullJitterMs, parseRetryAfter } from "../lib/backoff";
import { httpRequest } from "../lib/http";
import { newId } from "../lib/ids";
import type { Logger } from "../lib/log";
import { redactString } from "../lib/redact";
import { localDate, instantOf } from "../sla/calendar";
import { consoleUrl, type AlertBody, type AlertLinks } from "./conditions";
import { loadAlertSettings, ruleNumbers, severityRank, SEVERITIES, type AlertChannel, type LoadedAlertSettings, type Severity, type StoredChannel } from "./settings";

export const MAX_ATTEMPTS = 8;
const RETRY_BASE_MS = 30_000;
const RETRY_CAP_MS = 3_600_000;
const SEND_TIMEOUT_MS = 10_000;
const EVENTS_PER_RUN = 1000;
const DELIVERIES_PER_RUN = 100;
/** How long a run holds a delivery it is sending (longer than SEND_TIMEOUT_MS). */
const CLAIM_MS = 60_000;

export interface DigestBody {
  id: string;
  event: "digest";
  type: string;
  severity: Severity;
  tenant: string;
  count: number;
  message: string;
  occurredAt: string;
  url: string;
  alerts: AlertBody[];
}

type Message = AlertBody | DigestBody;

const encoder = new TextEncoder();

async function hmacHex(secret: string, text: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(text)));
  return [...mac].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The X-Signature header value for a body sent at unix time `t`. */
export async function signatureHeader(secret: string, body: string, t: number): Promise<string> {
  return `t=${t},v1=${await hmacHex(secret, `${t}.${body}`)}`;
}

const ICON: Record<Severity, string> = { info: ":information_source:", warning: ":warning:", critical: ":rotating_light:" };

/** A Slack incoming-webhook message (text fallback + Block Kit section) for an alert or digest. */
export function slackMessage(m: Message): { text: string; blocks: unknown[] } {
  const head = m.event === "resolved" ? ":white_check_mark: Resolved" : `${ICON[m.severity]} ${m.severity === "critical" ? "Critical" : m.severity === "warning" ? "Warning" : "Info"}`;
  const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const lines =
    m.event === "digest"
      ? [`*${head}: ${m.count} alerts (${m.type.replace(/_/g, " ")})* for ${escape(m.tenant)}`, ...m.alerts.slice(0, 10).map((a) => `• ${escape(a.message)}`), ...(m.count > 10 ? [`…and ${m.count - 10} more`] : [])]
      : [`*${head}* ${escape(m.tenant)}${m.partner ? ` · ${escape(m.partner)}` : ""}`, escape(m.message), ...(m.due ? [`Due ${m.due}`] : [])];
  const link = /^https?:\/\//.test(m.url) ? `<${m.url}|Open in the console>` : `Console: ${m.url}`;
  return {
    text: `${head}: ${m.event === "digest" ? `${m.count} alerts` : m.message}`,
    blocks: [{ type: "section", text: { type: "mrkdwn", text: [...lines, link].join("\n").slice(0, 2900) } }],
  };
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number) as [number, number];
  return h * 60 + m;
}

/** When the channel's quiet period that contains `nowMs` ends; undefined when not quiet. */
export function quietUntil(channel: StoredChannel, nowMs: number): number | undefined {
  const q = channel.quietHours;
  if (!q) return undefined;
  const tz = q.timeZone ?? "UTC";
  const today = localDate(nowMs, tz);
  const from = minutesOf(q.from);
  const to = minutesOf(q.to);
  if (from === to) return undefined;
  const minute = Math.floor((nowMs - instantOf(today, tz)) / 60_000);
  const inside = from < to ? minute >= from && minute < to : minute >= from || minute < to;
  if (!inside) return undefined;
  const endDay = from < to || minute < to ? today : new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return instantOf(endDay, tz, Math.floor(to / 60), to % 60);
}

function wants(channel: StoredChannel, body: AlertBody): boolean {
  if (channel.enabled === false) return false;
  if (body.event === "test") return true;
  if (channel.types && !channel.types.includes(body.type as never)) return false;
  return severityRank(body.severity) >= severityRank(channel.minSeverity ?? "warning");
}

function bypassesQuiet(channel: StoredChannel, severity: Severity): boolean {
  const bypass = channel.quietHours?.bypass ?? "critical";
  return bypass !== "none" && severityRank(severity) >= severityRank(bypass);
}

function digestOf(tenantId: string, type: string, events: AlertBody[], links: AlertLinks, nowMs: number): DigestBody {
  const severity = SEVERITIES[Math.max(...events.map((e) => severityRank(e.severity)))]!;
  const resolved = events.filter((e) => e.event === "resolved").length;
  const raised = events.length - resolved;
  const words = type.replace(/_/g, " ");
  return {
    id: newId("dig", nowMs),
    event: "digest",
    type,
    severity,
    tenant: tenantId,
    count: events.length,
    message: `${events.length} ${words} alerts for ${tenantId}${resolved ? ` (${raised} raised, ${resolved} resolved)` : ""}`,
    occurredAt: new Date(nowMs).toISOString(),
    url: consoleUrl(links, tenantId),
    alerts: events,
  };
}

export interface DispatchOutcome {
  events: number;
  deliveries: number;
  sent: number;
  failed: number;
}

/** Groups pending events into deliveries, then sends the deliveries that are due. */
export async function dispatchAlerts(db: Db, env: CryptoEnv, links: AlertLinks, nowMs: number, log: Logger): Promise<DispatchOutcome> {
  const idle = { events: 0, deliveries: 0, sent: 0, failed: 0 };
  // Nothing to do (the common minute): two index probes, no write.
  const [anyEvent, anyDue] = await Promise.all([
    db.select({ id: alertEvents.id }).from(alertEvents).where(isNull(alertEvents.dispatchedAt)).limit(1).all(),
    db.select({ id: alertDeliveries.id }).from(alertDeliveries).where(and(isNotNull(alertDeliveries.nextAttemptAt), lte(alertDeliveries.nextAttemptAt, nowMs))).limit(1).all(),
  ]);
  if (anyEvent.length === 0 && anyDue.length === 0) return idle;
  // One dispatcher at a time: two overlapping cron runs would otherwise both turn the same events
  // into deliveries. A run that dies holds the lock for LOCK_MS at most.
  if (!(await takeLock(db, nowMs))) {
    log.info("alert dispatch skipped: another run holds it", {});
    return idle;
  }
  try {
    return await dispatchLocked(db, env, links, nowMs, log);
  } finally {
    await db.update(watchState).set({ value: 0 }).where(and(eq(watchState.key, LOCK_KEY), eq(watchState.value, nowMs))).run();
  }
}

const LOCK_KEY = "alert-dispatch-lock";
const LOCK_MS = 120_000;

async function takeLock(db: Db, nowMs: number): Promise<boolean> {
  const res = await db
    .insert(watchState)
    .values({ key: LOCK_KEY, value: nowMs })
    .onConflictDoUpdate({ target: watchState.key, set: { value: nowMs }, setWhere: lt(watchState.value, nowMs - LOCK_MS) })
    .run();
  return res.meta.changes === 1;
}

async function dispatchLocked(db: Db, env: CryptoEnv, links: AlertLinks, nowMs: number, log: Logger): Promise<DispatchOutcome> {
  const pending = await db.select().from(alertEvents).where(isNull(alertEvents.dispatchedAt)).orderBy(asc(alertEvents.createdAt)).limit(EVENTS_PER_RUN).all();
  const byTenant = new Map<string, typeof pending>();
  for (const e of pending) byTenant.set(e.tenantId, [...(byTenant.get(e.tenantId) ?? []), e]);
  const settingsCache = new Map<string, LoadedAlertSettings>();
  let deliveries = 0;
  let events = 0;
  for (const [tenantId, rows] of byTenant) {
    let settings: LoadedAlertSettings;
    try {
      settings = await loadAlertSettings(db, env, tenantId);
    } catch (e) {
      log.warn("alert settings unreadable; events kept", { tenantId, error: e instanceof Error ? e.message : String(e) });
      continue;
    }
    settingsCache.set(tenantId, settings);
    const rules = ruleNumbers(settings.rules);
    const groups = new Map<string, typeof rows>();
    for (const r of rows) groups.set(r.kind === "test" ? `test:${r.id}` : r.type, [...(groups.get(r.kind === "test" ? `test:${r.id}` : r.type) ?? []), r]);
    for (const [group, members] of groups) {
      const oldest = members[0]!.createdAt;
      if (!group.startsWith("test:") && rules.groupWindowMs > 0 && nowMs - oldest < rules.groupWindowMs) continue;
      const ids = members.map((m) => m.id);
      const bodies = members.filter((m) => !rules.muted.has(m.type as never) || m.kind === "test").map((m) => JSON.parse(m.body) as AlertBody);
      const inserts = [];
      for (const channel of settings.channels) {
        const mine = bodies.filter((b) => wants(channel.config, b));
        if (mine.length === 0) continue;
        const messages: { body: Message; ids: string[]; digest: boolean; severity: Severity }[] =
          mine.length >= rules.digestAfter
            ? [{ body: digestOf(tenantId, group, mine, links, nowMs), ids: mine.map((b) => b.id), digest: true, severity: SEVERITIES[Math.max(...mine.map((b) => severityRank(b.severity)))]! }]
            : mine.map((b) => ({ body: b, ids: [b.id], digest: false, severity: b.severity }));
        const quiet = quietUntil(channel.config, nowMs);
        for (const m of messages) {
          const at = quiet !== undefined && !bypassesQuiet(channel.config, m.severity) ? quiet : nowMs;
          inserts.push(
            db.insert(alertDeliveries).values({
              id: newId("dlv", nowMs),
              tenantId,
              channel: channel.config.id,
              eventIds: JSON.stringify(m.ids),
              digest: m.digest,
              body: JSON.stringify(m.body),
              state: "pending",
              attempts: 0,
              nextAttemptAt: at,
              lastError: at > nowMs ? `held for the channel's quiet hours until ${new Date(at).toISOString()}` : null,
              createdAt: nowMs,
              updatedAt: nowMs,
            }),
          );
        }
      }
      const mark = db.update(alertEvents).set({ dispatchedAt: nowMs }).where(and(eq(alertEvents.tenantId, tenantId), inArray(alertEvents.id, ids), isNull(alertEvents.dispatchedAt)));
      await db.batch([mark, ...inserts] as unknown as Parameters<Db["batch"]>[0]);
      deliveries += inserts.length;
      events += ids.length;
    }
  }
  const sent = await sendDue(db, env, settingsCache, nowMs, log);
  return { events, deliveries, ...sent };
}

type DeliveryRow = typeof alertDeliveries.$inferSelect;

async function sendDue(db: Db, env: CryptoEnv, cache: Map<string, LoadedAlertSettings>, nowMs: number, log: Logger): Promise<{ sent: number; failed: number }> {
  const due = await db
    .select()
    .from(alertDeliveries)
    .where(and(isNotNull(alertDeliveries.nextAttemptAt), lte(alertDeliveries.nextAttemptAt, nowMs)))
    .orderBy(asc(alertDeliveries.nextAttemptAt))
    .limit(DELIVERIES_PER_RUN)
    .all();
  let sent = 0;
  let failed = 0;
  // A few at a time: a slow receiver must not hold up everyone else's alerts.
  for (let i = 0; i < due.length; i += 6) {
    const results = await Promise.all(
      due.slice(i, i + 6).map(async (d) => {
        let settings = cache.get(d.tenantId);
        if (!settings) {
          settings = await loadAlertSettings(db, env, d.tenantId).catch(() => undefined);
          if (settings) cache.set(d.tenantId, settings);
        }
        const channel = settings?.channels.find((c) => c.config.id === d.channel);
        // Claim it first: a watch run that overlaps this one (a slow cron) then skips it rather than
        // sending the same message twice. A run that dies mid-send leaves it due again after the claim.
        const claimed = await db
          .update(alertDeliveries)
          .set({ nextAttemptAt: nowMs + CLAIM_MS })
          .where(and(eq(alertDeliveries.tenantId, d.tenantId), eq(alertDeliveries.id, d.id), eq(alertDeliveries.attempts, d.attempts), eq(alertDeliveries.nextAttemptAt, d.nextAttemptAt!)))
          .run();
        if (claimed.meta.changes !== 1) return "skipped" as const;
        return attempt(db, d, channel, nowMs, log);
      }),
    );
    for (const r of results) r === "delivered" ? sent++ : r === "failed" ? failed++ : undefined;
  }
  return { sent, failed };
}

/** One attempt of one delivery; the row records its outcome and the next attempt, if any. */
export async function attempt(db: Db, d: DeliveryRow, channel: AlertChannel | undefined, nowMs: number, log: Logger, opts: { once?: boolean } = {}): Promise<"delivered" | "retry" | "failed"> {
  const attempts = d.attempts + 1;
  const finish = async (state: "delivered" | "failed" | "pending", patch: { lastStatus?: number | null; lastError?: string | null; nextAttemptAt?: number | null }) => {
    await db
      .update(alertDeliveries)
      .set({ state, attempts, updatedAt: nowMs, nextAttemptAt: state === "pending" ? (patch.nextAttemptAt ?? nowMs) : null, lastStatus: patch.lastStatus ?? null, lastError: patch.lastError ?? null })
      .where(and(eq(alertDeliveries.tenantId, d.tenantId), eq(alertDeliveries.id, d.id), eq(alertDeliveries.attempts, d.attempts)))
      .run();
    return state === "pending" ? ("retry" as const) : state;
  };
  if (!channel || !channel.secret) return finish("failed", { lastError: `channel ${d.channel} no longer exists or has no secret` });
  const body = d.body;
  let request: { url: string; headers: Record<string, string>; payload: string };
  if (channel.config.type === "webhook") {
    const t = Math.floor(nowMs / 1000);
    request = {
      url: channel.config.url,
      headers: { "content-type": "application/json", "x-signature": await signatureHeader(channel.secret, body, t), "user-agent": "sps-erp-connector-alerts/1", "x-alert-delivery": d.id },
      payload: body,
    };
  } else {
    request = { url: channel.secret, headers: { "content-type": "application/json" }, payload: JSON.stringify(slackMessage(JSON.parse(body) as Message)) };
  }
  const retry = (status: number | null, error: string, retryAfterMs?: number) => {
    if (opts.once) return finish("failed", { lastStatus: status, lastError: error });
    if (attempts >= MAX_ATTEMPTS) return finish("failed", { lastStatus: status, lastError: `gave up after ${attempts} attempts: ${error}` });
    const wait = retryAfterMs ?? fullJitterMs(attempts - 1, RETRY_BASE_MS, RETRY_CAP_MS, Math.random);
    return finish("pending", { lastStatus: status, lastError: error, nextAttemptAt: nowMs + Math.max(1000, wait) });
  };
  try {
    const res = await httpRequest({ url: request.url, method: "POST", headers: request.headers, body: request.payload, timeoutMs: SEND_TIMEOUT_MS, system: "connector", maxBodyBytes: 4096 });
    if (res.status >= 200 && res.status < 300) return finish("delivered", { lastStatus: res.status });
    const answer = redactString(res.text().slice(0, 200));
    if (res.status === 429 || res.status >= 500) return retry(res.status, `HTTP ${res.status} ${answer}`, parseRetryAfter(res.headers.get("retry-after"), nowMs));
    log.warn("alert delivery refused", { tenantId: d.tenantId, channel: d.channel, status: res.status });
    return finish("failed", { lastStatus: res.status, lastError: `HTTP ${res.status} ${answer} (not retried: the receiver refused the message)` });
  } catch (e) {
    return retry(null, redactString(e instanceof Error ? e.message : String(e)));
  }
}

/** Sends a test alert to every channel now (POST …/alerts/test) and reports each outcome. */
export async function sendTestAlert(db: Db, env: CryptoEnv, links: AlertLinks, tenantId: string, actor: string, nowMs: number, log: Logger) {
  const settings = await loadAlertSettings(db, env, tenantId);
  const body: AlertBody = {
    id: newId("alr", nowMs),
    event: "test",
    type: "test",
    severity: "info",
    tenant: tenantId,
    partner: null,
    document: null,
    due: null,
    state: "test",
    message: `Test alert for ${tenantId}, sent by ${actor}`,
    occurredAt: new Date(nowMs).toISOString(),
    url: consoleUrl(links, tenantId),
  };
  const results: { channel: string; type: string; delivered: boolean; status: number | null; error: string | null }[] = [];
  for (const channel of settings.channels) {
    const row: DeliveryRow = {
      id: newId("dlv", nowMs),
      tenantId,
      channel: channel.config.id,
      eventIds: JSON.stringify([body.id]),
      digest: false,
      body: JSON.stringify(body),
      state: "pending",
      attempts: 0,
      nextAttemptAt: null,
      lastStatus: null,
      lastError: null,
      createdAt: nowMs,
      updatedAt: nowMs,
    };
    await db.insert(alertDeliveries).values(row).run();
    // One attempt, no retry queue: the caller sees the answer now.
    const outcome = await attempt(db, row, channel, nowMs, log, { once: true });
    const after = await db.select().from(alertDeliveries).where(eq(alertDeliveries.id, row.id)).get();
    results.push({ channel: channel.config.id, type: channel.config.type, delivered: outcome === "delivered", status: after?.lastStatus ?? null, error: outcome === "delivered" ? null : (after?.lastError ?? null) });
  }
  return results;
}
