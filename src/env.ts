// Bindings and vars of the connector Worker, and their parsing (once per entry point).
import { z } from "zod";
import type { TenantGate } from "./tenant-gate/gate";
import type { PollMessage, InboundMessage, OutboundMessage } from "./queues/messages";

/** Everything wrangler.toml (and the secrets) bind to the Worker. */
export interface Env {
  DB: D1Database;
  TENANT_GATE: DurableObjectNamespace<TenantGate>;
  POLLS: Queue<PollMessage>;
  INBOUND: Queue<InboundMessage>;
  OUTBOUND: Queue<OutboundMessage>;
  // Secrets.
  API_SIGNING_KEY: string;
  CREDENTIALS_KEY: string;
  CREDENTIALS_KEY_PREVIOUS?: string;
  // Vars (strings, parsed by readConfig).
  ENVIRONMENT?: string;
  ALLOW_PRIVATE_UPSTREAMS?: string;
  LOG_LEVEL?: string;
  SPS_FILES_PER_POLL?: string;
  ERP_RECORDS_PER_POLL?: string;
  RETRY_BASE_SECONDS?: string;
  RETRY_MAX_SECONDS?: string;
  MAX_ATTEMPTS?: string;
  BACKOFF_BASE_MS?: string;
  BACKOFF_CAP_MS?: string;
  HTTP_TIMEOUT_MS?: string;
  CLAIM_TTL_MS?: string;
  CONSUMER_CONCURRENCY?: string;
  CHAOS_CRASH_AFTER_ERP_WRITE?: string;
  API_JWKS_URL?: string;
  /** Cloudflare Access in front of the console: the team domain (<team>.cloudflareaccess.com) and the application's AUD tag. */
  CONSOLE_ACCESS_TEAM_DOMAIN?: string;
  CONSOLE_ACCESS_AUD?: string;
  /** The connector's public origin (https://edi.example.com), for console links in alerts. */
  PUBLIC_URL?: string;
}

const intVar = (fallback: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === "") return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: "custom", message: `must be an integer between ${min} and ${max}` });
        return z.NEVER;
      }
      return n;
    });

const ConfigSchema = z.object({
  ENVIRONMENT: z.string().optional().transform((v) => v ?? "production"),
  ALLOW_PRIVATE_UPSTREAMS: z
    .enum(["true", "false", ""])
    .optional()
    .transform((v) => v === "true"),
  LOG_LEVEL: z
    .enum(["debug", "info", "warn", "error", ""])
    .optional()
    .transform((v) => (v ? v : "info")),
  SPS_FILES_PER_POLL: intVar(50, 1, 500),
  ERP_RECORDS_PER_POLL: intVar(100, 1, 1000),
  RETRY_BASE_SECONDS: intVar(5, 0, 3600),
  RETRY_MAX_SECONDS: intVar(900, 0, 43_200),
  MAX_ATTEMPTS: intVar(8, 1, 50),
  /** TenantGate backoff after a 429/5xx without Retry-After: full jitter over base·2^n, capped. */
  BACKOFF_BASE_MS: intVar(1000, 1, 60_000),
  BACKOFF_CAP_MS: intVar(120_000, 1, 3_600_000),
  /** Documents a queue consumer works on at once (a Worker may hold 6 connections open). */
  CONSUMER_CONCURRENCY: intVar(3, 1, 6),
  /** A consumer's claim on a document lapses after this long (a consumer that died); then another may take over. */
  CLAIM_TTL_MS: intVar(120_000, 1_000, 3_600_000),
  /**
   * After an ERP write whose outcome is uncertain (a timeout, a dropped connection, a 5xx), the order
   * is looked up before it is written again; an order not found is not created again until this long
   * after that attempt, because the ERP may still be committing it (a server keeps working after the
   * client gave up). Three minutes outlast ASP.NET's default 110 s request execution timeout, which
   * Acumatica (IIS) and F&O (AOS) run under unless their administrators changed it: unconfirmed for
   * any given instance; raise it for instances known to run longer requests.
   */
  UNCERTAIN_WRITE_SETTLE_MS: intVar(180_000, 0, 3_600_000),
  /** Overrides every upstream data call's timeout (ms); unset = each client's own (SPS 30 s, ERPs 60 s). */
  HTTP_TIMEOUT_MS: intVar(0, 0, 600_000),
  /**
   * Fault injection for `npm run chaos` only: the probability that the inbound consumer "dies"
   * right after an ERP write, before recording it. Never set in production.
   */
  CHAOS_CRASH_AFTER_ERP_WRITE: z
    .string()
    .optional()
    .transform((v) => (v ? Math.min(1, Math.max(0, Number(v) || 0)) : 0)),
  API_JWKS_URL: z.string().url().optional().or(z.literal("").transform(() => undefined)),
  CONSOLE_ACCESS_TEAM_DOMAIN: z
    .string()
    .regex(/^[a-z0-9-]+\.cloudflareaccess\.com$/i, "a team domain like acme.cloudflareaccess.com")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  CONSOLE_ACCESS_AUD: z.string().min(1).optional().or(z.literal("").transform(() => undefined)),
  PUBLIC_URL: z
    .string()
    .url()
    .transform((v) => v.replace(/\/+$/, ""))
    .optional()
    .or(z.literal("").transform(() => undefined)),
});

export type Config = z.output<typeof ConfigSchema>;

const cache = new WeakMap<object, Config>();

/** Parses the vars once per Env object; a bad value fails loudly at the entry point. */
export function readConfig(env: Env): Config {
  const hit = cache.get(env);
  if (hit) return hit;
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid Worker configuration: ${where}`);
  }
  cache.set(env, parsed.data);
  return parsed.data;
}
