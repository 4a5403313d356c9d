// Builds the upstream clients of a tenant: its ERP's adapter (from the ERP profile table) and its
// SPS client, each calling through the tenant's TenantGate. HTTP_TIMEOUT_MS (tests, chaos) overrides
// each client's own timeout; 0 leaves the clients' defaults.
import type { ConnectionOf } from "../connections/systems";
import { readConfig, type Env } from "../env";
import type { ErpAdapter } from "../erp/adapter";
import { erpProfile, type ErpKind } from "../erp/profiles";
import { SpsClient } from "../sps/client";
import { TenantGateClient } from "../tenant-gate/client";

function clientOptions(env: Env): { timeoutMs: number | undefined } {
  return { timeoutMs: readConfig(env).HTTP_TIMEOUT_MS || undefined };
}

export function createErpAdapter(env: Env, tenant: { id: string; erp: ErpKind }, connection: ConnectionOf<ErpKind>): ErpAdapter {
  if (tenant.erp !== connection.system) throw new Error(`tenant ${tenant.id} runs ${tenant.erp}, not ${connection.system}`);
  const gate = new TenantGateClient(env, tenant.id, connection.system);
  return erpProfile(tenant.erp).createAdapter(gate, connection.settings, clientOptions(env));
}

/** The SPS client of a tenant; pass the gate when the caller holds one already (a lease, a reset). */
export function createSpsClient(env: Env, tenantId: string, connection: ConnectionOf<"sps">, gate = new TenantGateClient(env, tenantId, "sps")): SpsClient {
  return new SpsClient(gate, connection.settings, clientOptions(env));
}
