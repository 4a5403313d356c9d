// Access tokens issued by the simulated Entra ID, kept in one registry so the F&O simulator can
// check who a bearer token belongs to (tenant, app), which resource (environment) it was issued
// for and when it expires. Tokens are JWT-shaped but only this registry makes them valid.

export interface AccessTokenGrant {
  /** Canonical (lower-case GUID) tenant id of the directory that issued the token. */
  tenantId: string;
  /** Lower-case application (client) id. */
  clientId: string;
  /** The resource the token is for, as requested (scope without "/.default"). */
  resource: string;
  /** The F&O environment key the resource resolves to, if any. */
  environmentKey: string | undefined;
  expiresAt: number;
}

const grants = new Map<string, AccessTokenGrant>();

export function recordAccessToken(token: string, grant: AccessTokenGrant): void {
  grants.set(token, grant);
}

export function findAccessToken(token: string): AccessTokenGrant | undefined {
  return grants.get(token);
}

/** Forgets every token of a tenant (its directory was reset): they become unknown. */
export function revokeTenantTokens(tenantId: string): void {
  for (const [token, grant] of grants) if (grant.tenantId === tenantId) grants.delete(token);
}

/** Makes every token of a tenant expired now; returns how many there were. */
export function expireTenantTokens(tenantId: string): number {
  let count = 0;
  for (const grant of grants.values()) {
    if (grant.tenantId === tenantId) {
      grant.expiresAt = 0;
      count++;
    }
  }
  return count;
}

export function countLiveTokens(tenantId: string, nowMs: number): number {
  let count = 0;
  for (const grant of grants.values()) if (grant.tenantId === tenantId && grant.expiresAt > nowMs) count++;
  return count;
}
