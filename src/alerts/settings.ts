// A tenant's alert channels and rules (GET/PUT /v1/tenants/:tenant/alerts). Channel secrets (a
// webhook's signing secret, a Slack incoming-webhook URL, which is itself a credential) are kept as
// one JWE bound to the tenant, like connection secrets, and never returned: a reply says which are set.
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import type { CryptoEnv } from "../db/connections";
import { readJson } from "../db/json-column";
import { alertSettings } from "../db/schema";
import { decryptSecrets, encryptSecrets, keyRing } from "../lib/credentials-crypto";
import { ConnectorError } from "../lib/errors";
import { registerSecret } from "../lib/redact";
import { err, ok, type Result } from "../lib/result";
import { validateUpstreamUrl } from "../lib/url-guard";
import { isTimeZone } from "../sla/calendar";
import { IsoDuration, parseDurationMs } from "../sla/duration";

export const SEVERITIES = ["info", "warning", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];
export const severityRank = (s: Severity) => SEVERITIES.indexOf(s);

export const ALERT_TYPES = [
  "obligation_at_risk",
  "obligation_missed",
  "document_failed",
  "document_invalid",
  "mapping_missing",
  "connection_failing",
  "poll_stale",
] as const;
export type AlertType = (typeof ALERT_TYPES)[number];

const ChannelId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "lowercase letters, digits and dashes, up to 40");
const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM, 24-hour");

const QuietHours = z
  .object({
    from: ClockTime,
    to: ClockTime,
    timeZone: z.string().max(64).refine(isTimeZone, "an IANA time zone such as America/Chicago").optional(),
    /** Alerts of this severity or above go out even in quiet hours (default critical). */
    bypass: z.enum(["warning", "critical", "none"]).optional(),
  })
  .strict();

const ChannelCommon = {
  id: ChannelId,
  /** Alerts below this severity are not sent on this channel (default warning). */
  minSeverity: z.enum(SEVERITIES).optional(),
  /** Only these alert types (default: all). */
  types: z.array(z.enum(ALERT_TYPES)).min(1).optional(),
  quietHours: QuietHours.optional(),
  enabled: z.boolean().optional(),
};

/** PUT body: secrets may be omitted to keep the stored ones (matched by channel id). */
export const ChannelInput = z.discriminatedUnion("type", [
  z
    .object({
      ...ChannelCommon,
      type: z.literal("webhook"),
      url: z.string().max(2000),
      /** HMAC-SHA256 key of the X-Signature header (at least 16 characters). */
      secret: z.string().min(16).max(200).optional(),
    })
    .strict(),
  z
    .object({
      ...ChannelCommon,
      type: z.literal("slack"),
      /** The Slack incoming-webhook URL (https://hooks.slack.com/services/…): a credential, stored encrypted. */
      webhookUrl: z.string().max(2000).optional(),
    })
    .strict(),
]);
export type ChannelInput = z.infer<typeof ChannelInput>;

export const AlertRules = z
  .object({
    /** Events of one type raised within this window go together; 3 or more of a type make one digest (default: those since the last watch run, one minute). */
    groupWindow: IsoDuration.optional(),
    /** From how many alerts of one type in a group a digest is sent instead (default 3). */
    digestAfter: z.number().int().min(2).max(1000).optional(),
    /** A connection is failing after this many polls in a row failed (default 3). */
    failingPolls: z.number().int().min(1).max(100).optional(),
    /** Alert when a stream has not polled successfully for this long (default PT1H). */
    pollStaleAfter: IsoDuration.optional(),
    /** Alert types switched off for the whole tenant. */
    muted: z.array(z.enum(ALERT_TYPES)).optional(),
  })
  .strict();
export type AlertRules = z.infer<typeof AlertRules>;

export const AlertSettingsInput = z.object({ channels: z.array(ChannelInput).max(10), rules: AlertRules.optional() }).strict();

/** What is stored in clear (no secret), per channel. */
const StoredChannel = z.discriminatedUnion("type", [
  z.object({ ...ChannelCommon, type: z.literal("webhook"), url: z.string() }).strict(),
  z.object({ ...ChannelCommon, type: z.literal("slack"), host: z.string() }).strict(),
]);
const StoredSettings = z.object({ channels: z.array(StoredChannel), rules: AlertRules, secretsSet: z.array(z.string()).optional() }).strict();
export type StoredChannel = z.infer<typeof StoredChannel>;
export type StoredAlertSettings = z.infer<typeof StoredSettings>;

export interface AlertChannel {
  config: StoredChannel;
  /** Webhook: signing secret; Slack: the webhook URL. */
  secret: string | undefined;
}

export interface LoadedAlertSettings {
  channels: AlertChannel[];
  rules: AlertRules;
}

const SECRET_SYSTEM = "alerts";

export const DEFAULT_RULES = { digestAfter: 3, failingPolls: 3, pollStaleAfter: "PT1H" } as const;

export function ruleNumbers(rules: AlertRules) {
  return {
    groupWindowMs: rules.groupWindow ? (parseDurationMs(rules.groupWindow) ?? 0) : 0,
    digestAfter: rules.digestAfter ?? DEFAULT_RULES.digestAfter,
    failingPolls: rules.failingPolls ?? DEFAULT_RULES.failingPolls,
    pollStaleAfterMs: parseDurationMs(rules.pollStaleAfter ?? DEFAULT_RULES.pollStaleAfter) ?? 3_600_000,
    muted: new Set(rules.muted ?? []),
  };
}

async function readRow(db: Db, tenantId: string) {
  return db.select().from(alertSettings).where(eq(alertSettings.tenantId, tenantId)).get();
}

async function openSecrets(db: Db, env: CryptoEnv, tenantId: string, jwe: string | null): Promise<Record<string, string>> {
  if (!jwe) return {};
  const ring = await keyRing(env.CREDENTIALS_KEY, env.CREDENTIALS_KEY_PREVIOUS);
  const opened = await decryptSecrets(ring, { tenantId, system: SECRET_SYSTEM }, jwe);
  if (!opened.ok) throw new ConnectorError("config", `The alert channels' secrets of tenant ${tenantId} cannot be read (${opened.error.kind}); PUT /v1/tenants/${tenantId}/alerts again`);
  for (const v of Object.values(opened.value.secrets)) {
    registerSecret(v);
    // A Slack URL's token is its last path segment: masked on its own too, wherever it shows.
    if (/^https?:\/\//.test(v)) registerSecret(new URL(v).pathname.split("/").pop());
  }
  return opened.value.secrets;
}

/** The settings with their secrets, for sending. */
export async function loadAlertSettings(db: Db, env: CryptoEnv, tenantId: string): Promise<LoadedAlertSettings> {
  const row = await readRow(db, tenantId);
  if (!row) return { channels: [], rules: {} };
  const stored = readJson(StoredSettings, row.settings, { channels: [], rules: {} });
  const secrets = await openSecrets(db, env, tenantId, row.secrets);
  return { channels: stored.channels.map((config) => ({ config, secret: secrets[config.id] })), rules: stored.rules };
}

/** The settings as the API shows them: no secret, only whether each is set. */
export async function alertSettingsView(db: Db, tenantId: string) {
  const row = await readRow(db, tenantId);
  const stored = row ? readJson(StoredSettings, row.settings, { channels: [], rules: {} }) : { channels: [], rules: {} };
  const set = new Set<string>(row?.secrets ? ("secretsSet" in stored ? (stored.secretsSet ?? []) : []) : []);
  return {
    channels: stored.channels.map((ch) => ({ ...ch, secretSet: set.has(ch.id) })),
    rules: { ...DEFAULT_RULES, ...stored.rules },
    updatedAt: row ? new Date(row.updatedAt).toISOString() : null,
  };
}

export type SettingsRefusal = { path: string; message: string };

function slackUrlOk(raw: string, allowPrivate: boolean): Result<URL, string> {
  const checked = validateUpstreamUrl(raw, { allowPrivate });
  if (!checked.ok) return err(checked.error.message);
  const url = new URL(raw);
  const sandboxPath = allowPrivate && /\/slack\/services\//.test(url.pathname);
  if (url.hostname !== "hooks.slack.com" && !sandboxPath) return err("a Slack incoming-webhook URL is https://hooks.slack.com/services/…");
  if (!sandboxPath && !/^\/services\/[A-Za-z0-9]+\/[A-Za-z0-9]+\/[A-Za-z0-9]+$/.test(url.pathname)) return err("a Slack incoming-webhook URL has the path /services/T…/B…/…");
  return ok(url);
}

/**
 * Replaces the tenant's channels and rules. A channel given without its secret keeps the stored
 * one of the same id; a new webhook or Slack channel without one is refused.
 */
export async function saveAlertSettings(
  db: Db,
  env: CryptoEnv,
  tenantId: string,
  input: z.infer<typeof AlertSettingsInput>,
  opts: { allowPrivate: boolean; nowMs: number },
): Promise<Result<void, SettingsRefusal[]>> {
  const row = await readRow(db, tenantId);
  const previous = await openSecrets(db, env, tenantId, row?.secrets ?? null);
  const refusals: SettingsRefusal[] = [];
  const ids = new Set<string>();
  const channels: StoredChannel[] = [];
  const secrets: Record<string, string> = {};
  input.channels.forEach((ch, i) => {
    const at = `channels.${i}`;
    if (ids.has(ch.id)) refusals.push({ path: `${at}.id`, message: `channel id ${ch.id} is used twice` });
    ids.add(ch.id);
    const { id, minSeverity, types, quietHours, enabled } = ch;
    const common = { id, ...(minSeverity ? { minSeverity } : {}), ...(types ? { types } : {}), ...(quietHours ? { quietHours } : {}), ...(enabled !== undefined ? { enabled } : {}) };
    if (ch.type === "webhook") {
      const url = validateUpstreamUrl(ch.url, { allowPrivate: opts.allowPrivate });
      if (!url.ok) refusals.push({ path: `${at}.url`, message: url.error.message });
      const secret = ch.secret ?? previous[ch.id];
      if (!secret) refusals.push({ path: `${at}.secret`, message: "a webhook channel needs a signing secret (16 characters or more)" });
      else secrets[ch.id] = secret;
      channels.push({ ...common, type: "webhook", url: url.ok ? url.value : ch.url });
    } else {
      const raw = ch.webhookUrl ?? previous[ch.id];
      if (!raw) {
        refusals.push({ path: `${at}.webhookUrl`, message: "a Slack channel needs its incoming-webhook URL" });
        return;
      }
      const url = slackUrlOk(raw, opts.allowPrivate);
      if (!url.ok) refusals.push({ path: `${at}.webhookUrl`, message: url.error });
      else {
        secrets[ch.id] = raw;
        channels.push({ ...common, type: "slack", host: url.value.host });
      }
    }
  });
  if (refusals.length) return err(refusals);
  const ring = await keyRing(env.CREDENTIALS_KEY, env.CREDENTIALS_KEY_PREVIOUS);
  const jwe = Object.keys(secrets).length ? await encryptSecrets(ring, { tenantId, system: SECRET_SYSTEM }, secrets) : null;
  // secretsSet lets the view say which secrets are set without decrypting them.
  const stored = JSON.stringify({ channels, rules: input.rules ?? {}, secretsSet: Object.keys(secrets).sort() });
  await db
    .insert(alertSettings)
    .values({ tenantId, settings: stored, secrets: jwe, updatedAt: opts.nowMs })
    .onConflictDoUpdate({ target: alertSettings.tenantId, set: { settings: stored, secrets: jwe, updatedAt: opts.nowMs } })
    .run();
  return ok(undefined);
}
