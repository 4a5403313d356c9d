// Simulated Microsoft Entra ID directories (tenants): app registrations with secrets, the resources
// (F&O environments and any extra resource URIs) the directory knows, token lifetimes and the
// token-endpoint throttle switch. A directory is found by its tenant id or by one of its domains,
// as the token URL accepts either (dynamics-365-fo.md section 1).
import { revokeTenantTokens } from "./tokens";

/** Entra's default access-token lifetime is randomized around 60-90 min; 3599 s is what the fact sheet's example shows (section 9a). */
export const DEFAULT_TOKEN_TTL_SECONDS = 3599;

export interface EntraApp {
  /** Lower-case application (client) id. */
  clientId: string;
  clientSecret: string;
  displayName: string;
}

export interface EntraDirectory {
  /** Lower-case GUID. */
  tenantId: string;
  /** Lower-case domains, e.g. "contoso.onmicrosoft.com". */
  domains: string[];
  displayName: string;
  apps: Map<string, EntraApp>;
  /** Extra resource URIs (besides the F&O environments bound to this tenant), lower-case. */
  resources: string[];
  tokenTtlSeconds: number;
  extTokenTtlSeconds: number;
  /** Token requests allowed per sliding minute; null = unlimited. */
  tokenRequestsPerMinute: number | null;
  tokenRequestTimes: number[];
}

export interface DirectoryConfig {
  tenantId: string;
  domains?: string[];
  displayName?: string;
  apps: Array<{ clientId: string; clientSecret: string; displayName?: string }>;
  resources?: string[];
  tokenTtlSeconds?: number;
  extTokenTtlSeconds?: number;
  tokenRequestsPerMinute?: number | null;
}

export const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const directories = new Map<string, EntraDirectory>();
/** domain → tenant id */
const domainIndex = new Map<string, string>();

export function normalizeResource(resource: string): string {
  return resource.trim().toLowerCase();
}

/** Creates the directory, or resets it (new settings, every token it issued becomes unknown). */
export function createDirectory(config: DirectoryConfig): EntraDirectory {
  const tenantId = config.tenantId.toLowerCase();
  const previous = directories.get(tenantId);
  if (previous) {
    for (const domain of previous.domains) domainIndex.delete(domain);
    revokeTenantTokens(tenantId);
  }
  const domains = (config.domains ?? []).map((d) => d.toLowerCase());
  const directory: EntraDirectory = {
    tenantId,
    domains,
    displayName: config.displayName ?? domains[0] ?? tenantId,
    apps: new Map(
      config.apps.map((app) => [
        app.clientId.toLowerCase(),
        { clientId: app.clientId.toLowerCase(), clientSecret: app.clientSecret, displayName: app.displayName ?? `app ${app.clientId}` },
      ]),
    ),
    resources: (config.resources ?? []).map(normalizeResource),
    tokenTtlSeconds: config.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS,
    extTokenTtlSeconds: config.extTokenTtlSeconds ?? config.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS,
    tokenRequestsPerMinute: config.tokenRequestsPerMinute ?? null,
    tokenRequestTimes: [],
  };
  directories.set(tenantId, directory);
  for (const domain of domains) domainIndex.set(domain, tenantId);
  return directory;
}

/**
 * The directory `npm start` and the demo use; created on first use. Its app is registered in the
 * demo F&O environment (dynamics/environments.ts).
 */
export const DEMO_DIRECTORY: DirectoryConfig = {
  tenantId: "5f3c1e2a-7b4d-4c6e-9a8b-2d1f0e3c4b5a",
  domains: ["blueheron.onmicrosoft.com"],
  displayName: "Blue Heron Candle Co.",
  apps: [{ clientId: "8a2e6c4f-1d3b-4f5a-9c7e-6b4d2f0a8e1c", clientSecret: "demo-entra-secret", displayName: "EDI connector (demo)" }],
};

/** Finds a directory by tenant id or domain (case-insensitive). */
export function findDirectory(key: string): EntraDirectory | undefined {
  const normalized = key.toLowerCase();
  const byId = directories.get(normalized) ?? directories.get(domainIndex.get(normalized) ?? "");
  if (byId) return byId;
  const demoKeys = [DEMO_DIRECTORY.tenantId, ...(DEMO_DIRECTORY.domains ?? [])];
  if (demoKeys.includes(normalized)) return createDirectory(DEMO_DIRECTORY);
  return undefined;
}

/** The scope key for faults and counters: the tenant id when the directory is known by a domain. */
export function canonicalTenantKey(key: string): string {
  return findDirectory(key)?.tenantId ?? key.toLowerCase();
}

/** Whether a directory answers to this tenant id or domain (without creating the demo). */
export function directoryAnswersTo(directory: EntraDirectory, key: string): boolean {
  const normalized = key.toLowerCase();
  return directory.tenantId === normalized || directory.domains.includes(normalized);
}
