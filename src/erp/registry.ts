// Builds the ErpAdapter of a tenant (a third ERP is one more case here and a new folder).
import type { ConnectionOf } from "../connections/schemas";
import type { ErpKind } from "../db/schema";
import type { Env } from "../env";
import { TenantGateClient } from "../tenant-gate/client";
import type { ErpAdapter } from "./adapter";
import { AcumaticaAdapter } from "./acumatica/adapter";
import { DynamicsAdapter } from "./dynamics/adapter";

export function createErpAdapter(
  env: Pick<Env, "TENANT_GATE" | "HTTP_TIMEOUT_MS">,
  tenant: { id: string; erp: ErpKind },
  connection: ConnectionOf<"acumatica"> | ConnectionOf<"dynamics">,
): ErpAdapter {
  if (tenant.erp !== connection.system) throw new Error(`tenant ${tenant.id} runs ${tenant.erp}, not ${connection.system}`);
  const gate = new TenantGateClient(env, tenant.id, connection.system);
  // HTTP_TIMEOUT_MS (tests, chaos) overrides each client's own timeout.
  const opts = { timeoutMs: Number(env.HTTP_TIMEOUT_MS) || undefined };
  return connection.system === "acumatica" ? new AcumaticaAdapter(gate, connection.settings, opts) : new DynamicsAdapter(gate, connection.settings, opts);
}
