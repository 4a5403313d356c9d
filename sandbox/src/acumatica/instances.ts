// Simulated Acumatica instances (one tenant each), keyed by hostname in host mode
// ("acme.acumatica.com") or by name in path mode ("demo"), optionally under a virtual directory
// (acumatica.md section 1: `https://host/{site}/entity/...`). Holds credentials, endpoint versions,
// token lifetimes, licence limits, issued tokens and the record store.
import { seedDemoWorld } from "./seed";
import { RecordStore } from "./store";

/** Endpoint versions a current instance serves (section 1: 24.200.001 confirmed; 23.200.001 ships in 2024.1). */
export const DEFAULT_VERSIONS = ["24.200.001", "23.200.001"];
export const DEFAULT_ACCESS_TOKEN_TTL_SECONDS = 3600; // section 2a: read expires_in; 3600 typical (unconfirmed)
export const DEFAULT_REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 3600; // section 2a: 30 days from first issue (S8)

export interface AccessGrant {
  username: string;
  scopes: string[];
  expiresAt: number;
}

export interface RefreshGrant {
  username: string;
  scopes: string[];
  /** Absolute expiry from the first issue; rotation does not extend it (no sliding expiration). */
  expiresAt: number;
}

export interface LicenceLimits {
  requestsPerMinute: number | null;
  maxConcurrent: number | null;
  retryAfterOnLimit: boolean;
}

export interface AcumaticaInstance {
  key: string;
  /** Virtual directory, "" or "/site1". */
  pathPrefix: string;
  tenant: string;
  /** Client id without the "@Tenant" suffix. */
  clientId: string;
  clientSecret: string;
  users: Map<string, string>;
  versions: string[];
  tokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  limits: LicenceLimits;
  licence: { acceptedAt: number[]; inFlight: number };
  accessTokens: Map<string, AccessGrant>;
  refreshTokens: Map<string, RefreshGrant>;
  store: RecordStore;
}

export interface InstanceConfig {
  instance: string;
  pathPrefix?: string;
  tenant: string;
  clientId: string;
  clientSecret: string;
  users: Array<{ username: string; password: string }>;
  versions?: string[];
  tokenTtlSeconds?: number;
  refreshTokenTtlSeconds?: number;
  requestsPerMinute?: number | null;
  maxConcurrent?: number | null;
  retryAfterOnLimit?: boolean;
  seed?: "demo" | "empty";
}

const instances = new Map<string, AcumaticaInstance>();

export function normalizePathPrefix(prefix: string | undefined): string {
  const trimmed = (prefix ?? "").replace(/^\/+|\/+$/g, "");
  return trimmed === "" ? "" : `/${trimmed}`;
}

/** Creates the instance, or resets it (fresh data, all tokens invalid) when it exists. */
export function createInstance(config: InstanceConfig): AcumaticaInstance {
  const at = config.clientId.lastIndexOf("@");
  const bareClientId = at >= 0 ? config.clientId.slice(0, at) : config.clientId;
  const store = new RecordStore();
  if ((config.seed ?? "demo") === "demo") seedDemoWorld(store);
  const instance: AcumaticaInstance = {
    key: config.instance.toLowerCase(),
    pathPrefix: normalizePathPrefix(config.pathPrefix),
    tenant: config.tenant,
    clientId: bareClientId,
    clientSecret: config.clientSecret,
    users: new Map(config.users.map((u) => [u.username, u.password])),
    versions: config.versions ?? [...DEFAULT_VERSIONS],
    tokenTtlSeconds: config.tokenTtlSeconds ?? DEFAULT_ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlSeconds: config.refreshTokenTtlSeconds ?? DEFAULT_REFRESH_TOKEN_TTL_SECONDS,
    limits: {
      requestsPerMinute: config.requestsPerMinute ?? null,
      maxConcurrent: config.maxConcurrent ?? null,
      retryAfterOnLimit: config.retryAfterOnLimit ?? false,
    },
    licence: { acceptedAt: [], inFlight: 0 },
    accessTokens: new Map(),
    refreshTokens: new Map(),
    store,
  };
  instances.set(instance.key, instance);
  return instance;
}

/** The instance `npm start` uses at http://127.0.0.1:8788/acumatica/demo; created on first use. */
export const DEMO_INSTANCE: InstanceConfig = {
  instance: "demo",
  tenant: "Company",
  clientId: "6E3B9C1A-2F4D-4B8E-9A1C-7D5E3F2B1A90",
  clientSecret: "demo-acumatica-secret",
  users: [{ username: "edi.integration", password: "demo-password" }],
};

export function findInstance(key: string): AcumaticaInstance | undefined {
  const normalized = key.toLowerCase();
  const existing = instances.get(normalized);
  if (existing) return existing;
  if (normalized === DEMO_INSTANCE.instance) return createInstance(DEMO_INSTANCE);
  return undefined;
}

export function hasInstance(key: string): boolean {
  return instances.has(key.toLowerCase());
}

/** Makes every access token (and optionally every refresh token) expired now. */
export function expireInstanceTokens(instance: AcumaticaInstance, refreshTokensToo: boolean): { accessTokens: number; refreshTokens: number } {
  for (const grant of instance.accessTokens.values()) grant.expiresAt = 0;
  if (refreshTokensToo) for (const grant of instance.refreshTokens.values()) grant.expiresAt = 0;
  return { accessTokens: instance.accessTokens.size, refreshTokens: refreshTokensToo ? instance.refreshTokens.size : 0 };
}
