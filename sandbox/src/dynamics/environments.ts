// Simulated F&O environments, keyed by hostname in host mode ("contoso.operations.dynamics.com")
// or by name in path mode ("demo" → http://127.0.0.1:8788/dynamics/demo). Each holds the Entra
// tenant it trusts, the app ids registered under "Microsoft Entra ID applications" (section 1),
// its legal entities and the service user's default company (section 2), paging, the request-rate
// switch, the cold-start switch, the record store and the business-event outbox.
import { DEMO_DIRECTORY } from "../entra/directories";
import { seededRandom, type Random } from "../prng";
import type { BusinessEvent } from "./business-events";
import { seedDemoWorld } from "./seed";
import { EnvironmentStore } from "./store";
import { MANUAL_ORDER_NUMBERS_ALLOWED, NAVIGATION_POST_SUPPORTED } from "./unconfirmed";

/** Section 2: server-driven paging returns at most 10,000 rows per page. */
export const DEFAULT_PAGE_SIZE = 10_000;

/** The loopback hosts path mode is served on (same list as router.ts). */
const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

export interface ColdStart {
  /** The first call after this much idle time (seconds) is slow. */
  afterIdleSeconds: number;
  /** How long the warm-up takes; every call arriving meanwhile waits for it. */
  delayMs: number;
}

export interface DynamicsEnvironment {
  key: string;
  /** Entra tenant id or domain the environment trusts, lower-case. */
  tenant: string;
  /** Application ids registered in F&O, lower-case. */
  clientIds: string[];
  legalEntities: string[];
  defaultCompany: string;
  pageSize: number;
  requestsPerMinute: number | null;
  requestTimes: number[];
  coldStart: ColdStart | null;
  /** Accept `POST SalesOrderHeadersV2(…)/SalesOrderLines` (default no: nothing public shows F&O accepting it). */
  navigationPosts: boolean;
  /** The sales order number sequence allows manual numbers (a SalesOrderNumber in the POST body); default no. */
  manualOrderNumbers: boolean;
  lastActivityAt: number;
  /** While now < warmingUntil, requests wait for the warm-up to finish. */
  warmingUntil: number;
  /** Set by the "restart" control call: the next request waits this long whatever the idle time. */
  restartDelayMs: number | null;
  store: EnvironmentStore;
  events: BusinessEvent[];
  random: Random;
  controlNumber: number;
}

export interface EnvironmentConfig {
  environment: string;
  tenant: string;
  clientIds: string[];
  legalEntities?: string[];
  defaultCompany?: string;
  seed?: "demo" | "empty";
  pageSize?: number;
  requestsPerMinute?: number | null;
  coldStart?: ColdStart | null;
  navigationPosts?: boolean;
  manualOrderNumbers?: boolean;
}

const environments = new Map<string, DynamicsEnvironment>();

/** Defaults of new environments set by the sandbox Worker's bindings (index.ts): the suite runs once with each. */
const defaults = { navigationPosts: NAVIGATION_POST_SUPPORTED };

export function setSandboxDefaults(next: { navigationPosts: boolean }): void {
  defaults.navigationPosts = next.navigationPosts;
}

export class EnvironmentConfigError extends Error {}

/** Creates the environment, or resets it (fresh data, empty outbox) when it exists. */
export function createEnvironment(config: EnvironmentConfig, nowMs = Date.now()): DynamicsEnvironment {
  const legalEntities = (config.legalEntities ?? ["usmf", "demf"]).map((le) => le.toLowerCase());
  const defaultCompany = (config.defaultCompany ?? legalEntities[0] ?? "").toLowerCase();
  if (!legalEntities.includes(defaultCompany)) {
    throw new EnvironmentConfigError(`the default company '${defaultCompany}' is not one of the legal entities ${legalEntities.join(", ")}`);
  }
  const key = config.environment.toLowerCase();
  const store = new EnvironmentStore();
  if ((config.seed ?? "demo") === "demo") seedDemoWorld(store, legalEntities);
  const environment: DynamicsEnvironment = {
    key,
    tenant: config.tenant.toLowerCase(),
    clientIds: config.clientIds.map((id) => id.toLowerCase()),
    legalEntities,
    defaultCompany,
    pageSize: config.pageSize ?? DEFAULT_PAGE_SIZE,
    requestsPerMinute: config.requestsPerMinute ?? null,
    requestTimes: [],
    coldStart: config.coldStart ?? null,
    navigationPosts: config.navigationPosts ?? defaults.navigationPosts,
    manualOrderNumbers: config.manualOrderNumbers ?? MANUAL_ORDER_NUMBERS_ALLOWED,
    lastActivityAt: nowMs,
    warmingUntil: 0,
    restartDelayMs: null,
    store,
    events: [],
    random: seededRandom(`dynamics:${key}`),
    controlNumber: 5637144576,
  };
  environments.set(key, environment);
  return environment;
}

/** The environment `npm start` serves at http://127.0.0.1:8788/dynamics/demo; created on first use. */
export const DEMO_ENVIRONMENT: EnvironmentConfig = {
  environment: "demo",
  tenant: DEMO_DIRECTORY.tenantId,
  clientIds: DEMO_DIRECTORY.apps.map((app) => app.clientId),
  legalEntities: ["usmf", "demf"],
  defaultCompany: "usmf",
};

export function findEnvironment(key: string): DynamicsEnvironment | undefined {
  const normalized = key.toLowerCase();
  const existing = environments.get(normalized);
  if (existing) return existing;
  if (normalized === DEMO_ENVIRONMENT.environment) return createEnvironment(DEMO_ENVIRONMENT);
  return undefined;
}

export function hasEnvironment(key: string): boolean {
  return environments.has(key.toLowerCase());
}

export function listEnvironments(): DynamicsEnvironment[] {
  return [...environments.values()];
}

/**
 * The environment a resource URI (the scope without "/.default") names: `https://{host}` with no
 * path for a host-mode environment, `http://127.0.0.1:8788/dynamics/{name}` in path mode. A
 * trailing slash names no environment (section 1: the resource must not end with "/").
 */
export function environmentForResource(resource: string): DynamicsEnvironment | undefined {
  if (resource.endsWith("/")) return undefined;
  let url: URL;
  try {
    url = new URL(resource);
  } catch {
    return undefined;
  }
  if (url.search !== "" || url.hash !== "") return undefined;
  const host = url.hostname.toLowerCase();
  if (LOCAL_HOSTS.has(host)) {
    const match = /^\/dynamics\/([^/]+)$/.exec(url.pathname);
    return match?.[1] ? findEnvironment(decodeURIComponent(match[1])) : undefined;
  }
  if (url.protocol !== "https:" || url.port !== "" || resource.toLowerCase() !== `https://${host}`) return undefined;
  return hasEnvironment(host) ? environments.get(host) : undefined;
}
