// TenantGate: one Durable Object per (tenant, system). It serialises what must not race: the
// access-token cache (single-flight refresh, refreshed ahead of expiry, one refresh per 401), the
// request budget (a token bucket sized from the licence limit), the backoff window after a 429 or
// 5xx, and poll leases. It never awaits an ERP or SPS data call: callers do those with the permit
// it grants. The only upstream call it makes is the token request itself.
import { DurableObject } from "cloudflare:workers";
import { z } from "zod";
import { SYSTEMS, tokenSourceOf, type ConnectionSystem } from "../connections/systems";
import { createDb } from "../db/client";
import { loadConnection, setConnectionStatus } from "../db/connections";
import { readConfig, type Env } from "../env";
import { fullJitterMs } from "../lib/backoff";
import { decryptSecrets, encryptSecrets, keyRing } from "../lib/credentials-crypto";
import { asConnectorError, ConnectorError, type FailureKind } from "../lib/errors";
import { registerSecret } from "../lib/redact";
import { bucketTake, type BucketState } from "./token-bucket";


/** Refresh when less than this share of the token's lifetime is left (capped below). */
const REFRESH_AHEAD_FRACTION = 0.2;
const REFRESH_AHEAD_MAX_MS = 5 * 60_000;
/** After a refused token request, do not ask again for this long (the answer will not change). */
const AUTH_FAILURE_COOLDOWN_MS = 60_000;
/** A quiet period after the last backoff window resets the consecutive-failure count. */
const BACKOFF_RESET_MS = 120_000;

export const GateIdentity = z.object({
  tenantId: z.string().min(1).max(64),
  system: z.enum(SYSTEMS),
});
export type GateIdentity = z.infer<typeof GateIdentity>;

const AcquireArgs = GateIdentity.extend({
  needToken: z.boolean().default(true),
  /** Requests per minute the upstream allows (from the connection); undefined = unlimited. */
  requestsPerMinute: z.number().int().positive().optional(),
});
const InvalidateArgs = GateIdentity.extend({ token: z.string().min(1) });
const ThrottleArgs = GateIdentity.extend({
  retryAfterMs: z.number().int().nonnegative().optional(),
  status: z.number().int().optional(),
});
const LeaseArgs = GateIdentity.extend({ stream: z.string().min(1).max(100), ttlMs: z.number().int().positive().max(15 * 60_000) });
const ReleaseArgs = GateIdentity.extend({ stream: z.string().min(1).max(100), leaseId: z.string().min(1) });

export interface SerializedFailure {
  kind: FailureKind;
  message: string;
  retryable: boolean;
  retryAfterMs?: number | undefined;
  status?: number | undefined;
}

export type AcquireResult =
  | { ok: true; token?: string; tokenExpiresAt?: number }
  | { ok: false; reason: "backoff"; waitMs: number; lastStatus?: number | undefined }
  | { ok: false; reason: "budget"; waitMs: number }
  | { ok: false; reason: "token"; failure: SerializedFailure };

export interface GateStatus {
  hasToken: boolean;
  tokenExpiresAt: number | null;
  backoffUntil: number | null;
  consecutiveFailures: number;
  tokenFailure: SerializedFailure | null;
  tokenRequests: number;
  leases: Record<string, number>;
}

interface StoredToken {
  /** JWE of the access token (encrypted at rest like every credential). */
  sealed: string;
  issuedAt: number;
  expiresAt: number;
}

interface BackoffState {
  until: number;
  consecutive: number;
  /** The upstream status that opened the window (429, 503…), for messages. */
  lastStatus?: number | undefined;
}

interface TokenFailureState {
  failure: SerializedFailure;
  until: number;
}

function serialize(e: ConnectorError): SerializedFailure {
  return { kind: e.kind, message: e.message, retryable: e.retryable, retryAfterMs: e.retryAfterMs, status: e.status };
}

export class TenantGate extends DurableObject<Env> {
  private identity: GateIdentity | undefined;
  private token: { value: string; issuedAt: number; expiresAt: number } | undefined;
  private refreshToken: string | undefined;
  private refreshing: Promise<void> | undefined;
  private backoff: BackoffState = { until: 0, consecutive: 0 };
  private bucket: BucketState | undefined;
  private tokenFailure: TokenFailureState | undefined;
  private tokenRequests = 0;
  private leases: Record<string, { id: string; until: number }> = {};
  private loaded = false;

  /** Test seam: the clock and the randomness used for jitter. */
  now: () => number = () => Date.now();
  random: () => number = () => Math.random();

  private async load(identity: GateIdentity): Promise<void> {
    if (this.identity && (this.identity.tenantId !== identity.tenantId || this.identity.system !== identity.system)) {
      throw new Error(`TenantGate for ${this.identity.tenantId}/${this.identity.system} called as ${identity.tenantId}/${identity.system}`);
    }
    this.identity = identity;
    if (this.loaded) return;
    const storage = this.ctx.storage;
    const [token, refresh, backoff, leases, requests] = await Promise.all([
      storage.get<StoredToken>("token"),
      storage.get<string>("refreshToken"),
      storage.get<BackoffState>("backoff"),
      storage.get<Record<string, { id: string; until: number }>>("leases"),
      storage.get<number>("tokenRequests"),
    ]);
    const ring = await this.ring();
    if (token) {
      const opened = await decryptSecrets(ring, this.binding("access"), token.sealed);
      if (opened.ok && opened.value.secrets.value) {
        this.token = { value: opened.value.secrets.value, issuedAt: token.issuedAt, expiresAt: token.expiresAt };
        registerSecret(this.token.value);
      }
    }
    if (refresh) {
      const opened = await decryptSecrets(ring, this.binding("refresh"), refresh);
      if (opened.ok && opened.value.secrets.value) {
        this.refreshToken = opened.value.secrets.value;
        registerSecret(this.refreshToken);
      }
    }
    if (backoff) this.backoff = backoff;
    if (leases) this.leases = leases;
    this.tokenRequests = requests ?? 0;
    this.loaded = true;
  }

  private ring() {
    return keyRing(this.env.CREDENTIALS_KEY, this.env.CREDENTIALS_KEY_PREVIOUS);
  }

  private binding(kind: "access" | "refresh") {
    const id = this.identity!;
    return { tenantId: id.tenantId, system: `${id.system}:${kind}-token` };
  }

  // ---- token cache -------------------------------------------------------------------------

  private tokenIsFresh(nowMs: number): boolean {
    if (!this.token) return false;
    const lifetime = this.token.expiresAt - this.token.issuedAt;
    const margin = Math.min(REFRESH_AHEAD_MAX_MS, lifetime * REFRESH_AHEAD_FRACTION);
    return nowMs < this.token.expiresAt - margin;
  }

  /** Single-flight: concurrent callers share one refresh; each re-checks afterwards. */
  private async ensureToken(): Promise<{ token: string; expiresAt: number } | SerializedFailure> {
    for (let round = 0; round < 2; round++) {
      const nowMs = this.now();
      if (this.tokenIsFresh(nowMs)) return { token: this.token!.value, expiresAt: this.token!.expiresAt };
      if (this.tokenFailure && nowMs < this.tokenFailure.until) {
        const f = this.tokenFailure.failure;
        return { ...f, retryAfterMs: Math.max(f.retryAfterMs ?? 0, this.tokenFailure.until - nowMs) };
      }
      this.refreshing ??= this.refresh().finally(() => {
        this.refreshing = undefined;
      });
      await this.refreshing;
    }
    if (this.token) return { token: this.token.value, expiresAt: this.token.expiresAt };
    return this.tokenFailure?.failure ?? { kind: "internal", message: "no token after refresh", retryable: true };
  }

  private async refresh(): Promise<void> {
    const id = this.identity!;
    const db = createDb(this.env.DB);
    const started = this.now();
    try {
      const connection = await loadConnection(db, this.env, id.tenantId, id.system);
      this.tokenRequests += 1;
      const issued = await tokenSourceOf(id.system).fetchToken(connection, { refreshToken: this.refreshToken });
      const issuedAt = this.now();
      this.token = { value: issued.accessToken, issuedAt, expiresAt: issuedAt + issued.expiresInSec * 1000 };
      registerSecret(issued.accessToken);
      const ring = await this.ring();
      const writes: Record<string, unknown> = {
        token: { sealed: await encryptSecrets(ring, this.binding("access"), { value: issued.accessToken }), issuedAt, expiresAt: this.token.expiresAt } satisfies StoredToken,
        tokenRequests: this.tokenRequests,
      };
      if (issued.refreshToken) {
        this.refreshToken = issued.refreshToken;
        registerSecret(issued.refreshToken);
        writes.refreshToken = await encryptSecrets(ring, this.binding("refresh"), { value: issued.refreshToken });
      }
      await this.ctx.storage.put(writes);
      const hadFailure = this.tokenFailure !== undefined;
      this.tokenFailure = undefined;
      if (hadFailure) await setConnectionStatus(db, id.tenantId, id.system, "ok", null, this.now()).catch(() => undefined);
    } catch (e) {
      const error = asConnectorError(e);
      this.token = undefined;
      await this.ctx.storage.delete("token");
      await this.ctx.storage.put("tokenRequests", this.tokenRequests);
      const cooldown =
        error.kind === "auth_config" || error.kind === "config"
          ? AUTH_FAILURE_COOLDOWN_MS
          : error.retryAfterMs ?? fullJitterMs(1, readConfig(this.env).BACKOFF_BASE_MS, 30_000, this.random);
      this.tokenFailure = { failure: serialize(error), until: started + cooldown };
      if (error.kind === "auth_config" || error.kind === "config") {
        // Show the connection as broken to operators (GET /v1/tenants/:tenant).
        await setConnectionStatus(db, id.tenantId, id.system, "broken", error.message, this.now()).catch(() => undefined);
      }
    }
  }

  // ---- RPC ---------------------------------------------------------------------------------

  /**
   * One call per upstream request: checks the backoff window and the request budget and, when
   * asked, returns a fresh access token. A refusal says how long to wait.
   */
  async acquire(args: z.input<typeof AcquireArgs>): Promise<AcquireResult> {
    const a = AcquireArgs.parse(args);
    await this.load(a);
    let nowMs = this.now();
    if (nowMs < this.backoff.until) {
      return { ok: false, reason: "backoff", waitMs: this.backoff.until - nowMs, ...(this.backoff.lastStatus ? { lastStatus: this.backoff.lastStatus } : {}) };
    }
    if (this.backoff.consecutive > 0 && nowMs > this.backoff.until + BACKOFF_RESET_MS) {
      this.backoff = { until: 0, consecutive: 0 };
      await this.ctx.storage.put("backoff", this.backoff);
    }
    let token: { token: string; expiresAt: number } | undefined;
    if (a.needToken) {
      const t = await this.ensureToken();
      if ("kind" in t) return { ok: false, reason: "token", failure: t };
      token = t;
      nowMs = this.now();
    }
    if (a.requestsPerMinute !== undefined) {
      const taken = bucketTake(this.bucket, a.requestsPerMinute, nowMs);
      this.bucket = taken.state;
      if (!taken.granted) return { ok: false, reason: "budget", waitMs: taken.waitMs };
    }
    return token ? { ok: true, token: token.token, tokenExpiresAt: token.expiresAt } : { ok: true };
  }

  /**
   * Drops the cached token after an upstream said 401 to it. Only the token the caller used is
   * dropped, so ten callers reporting the same token cause exactly one refresh.
   */
  async invalidateToken(args: z.input<typeof InvalidateArgs>): Promise<{ invalidated: boolean }> {
    const a = InvalidateArgs.parse(args);
    await this.load(a);
    if (!this.token || this.token.value !== a.token) return { invalidated: false };
    this.token = undefined;
    await this.ctx.storage.delete("token");
    return { invalidated: true };
  }

  /** Opens (or extends) the backoff window after a 429 or 5xx: Retry-After when given, else full jitter. */
  async reportThrottle(args: z.input<typeof ThrottleArgs>): Promise<{ backoffUntil: number }> {
    const a = ThrottleArgs.parse(args);
    await this.load(a);
    const nowMs = this.now();
    const consecutive = this.backoff.consecutive + 1;
    const config = readConfig(this.env);
    const wait = a.retryAfterMs ?? fullJitterMs(consecutive - 1, config.BACKOFF_BASE_MS, config.BACKOFF_CAP_MS, this.random);
    this.backoff = { until: Math.max(this.backoff.until, nowMs + wait), consecutive, lastStatus: a.status };
    await this.ctx.storage.put("backoff", this.backoff);
    return { backoffUntil: this.backoff.until };
  }

  /** Claims a stream for one poller until `ttlMs` passes or it releases it. */
  async acquireLease(args: z.input<typeof LeaseArgs>): Promise<{ ok: true; leaseId: string } | { ok: false; heldUntil: number }> {
    const a = LeaseArgs.parse(args);
    await this.load(a);
    const nowMs = this.now();
    const held = this.leases[a.stream];
    if (held && held.until > nowMs) return { ok: false, heldUntil: held.until };
    const leaseId = crypto.randomUUID();
    this.leases[a.stream] = { id: leaseId, until: nowMs + a.ttlMs };
    await this.ctx.storage.put("leases", this.leases);
    return { ok: true, leaseId };
  }

  async releaseLease(args: z.input<typeof ReleaseArgs>): Promise<{ released: boolean }> {
    const a = ReleaseArgs.parse(args);
    await this.load(a);
    if (this.leases[a.stream]?.id !== a.leaseId) return { released: false };
    delete this.leases[a.stream];
    await this.ctx.storage.put("leases", this.leases);
    return { released: true };
  }

  async status(args: GateIdentity): Promise<GateStatus> {
    const a = GateIdentity.parse(args);
    await this.load(a);
    const nowMs = this.now();
    const leases: Record<string, number> = {};
    for (const [stream, l] of Object.entries(this.leases)) if (l.until > nowMs) leases[stream] = l.until;
    return {
      hasToken: this.token !== undefined && nowMs < this.token.expiresAt,
      tokenExpiresAt: this.token?.expiresAt ?? null,
      backoffUntil: this.backoff.until > nowMs ? this.backoff.until : null,
      consecutiveFailures: this.backoff.consecutive,
      tokenFailure: this.tokenFailure?.failure ?? null,
      tokenRequests: this.tokenRequests,
      leases,
    };
  }

  /** Forgets the cached token and any cooldown (after the connection's credentials change). */
  async reset(args: GateIdentity): Promise<void> {
    const a = GateIdentity.parse(args);
    await this.load(a);
    this.token = undefined;
    this.refreshToken = undefined;
    this.tokenFailure = undefined;
    this.backoff = { until: 0, consecutive: 0 };
    await this.ctx.storage.delete(["token", "refreshToken", "backoff"]);
  }
}

export type { ConnectionSystem };
