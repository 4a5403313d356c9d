// The connection test: get a token, make one read call, and say what failed in words a person can
// act on (bad secret, wrong endpoint version, unreachable host, missing mailbox folder).
import type { ConnectionSystem } from "../connections/systems";
import type { Db } from "../db/client";
import { loadConnection, setConnectionStatus } from "../db/connections";
import type { Env } from "../env";
import { createErpAdapter, createSpsClient } from "../clients/factory";
import { asConnectorError, ConnectorError } from "../lib/errors";
import { TenantGateClient } from "../tenant-gate/client";

export interface Check {
  name: string;
  ok: boolean;
  message: string;
}

function explain(e: ConnectorError): string {
  if (e.kind === "network") return `${e.message} (is the host reachable and the URL right?)`;
  if (e.kind === "timeout") return `${e.message} (the host did not answer in time)`;
  return e.message;
}

async function step(checks: Check[], name: string, run: () => Promise<string>): Promise<boolean> {
  try {
    checks.push({ name, ok: true, message: await run() });
    return true;
  } catch (e) {
    checks.push({ name, ok: false, message: explain(asConnectorError(e)) });
    return false;
  }
}

export async function testConnection(
  env: Env,
  db: Db,
  tenantId: string,
  system: ConnectionSystem,
  nowMs: number,
): Promise<{ ok: boolean; checks: Check[] }> {
  const checks: Check[] = [];
  const gate = new TenantGateClient(env, tenantId, system);
  let connection;
  try {
    connection = await loadConnection(db, env, tenantId, system);
  } catch (e) {
    return { ok: false, checks: [{ name: "configuration", ok: false, message: asConnectorError(e).message }] };
  }
  // A test always starts from fresh credentials, not a token cached before the last PUT.
  await gate.reset();
  const tokenOk = await step(checks, "token", async () => {
    const permit = await gate.acquire({ needToken: true });
    if (!permit.ok) {
      if (permit.reason === "token") throw new ConnectorError(permit.failure.kind, permit.failure.message);
      return `token cached; requests are paused for ${Math.ceil(permit.waitMs / 1000)} s`;
    }
    return "obtained an access token";
  });
  if (tokenOk) {
    if (connection.system === "sps") {
      const sps = createSpsClient(env, tenantId, connection, gate);
      await step(checks, "mailbox", async () => {
        const page = await sps.listDirectory(connection.settings.inboundPath, { limit: 1 });
        return `listed ${connection.settings.inboundPath} (${page.entries.length > 0 ? "has entries" : "empty"})`;
      });
    } else {
      const adapter = createErpAdapter(env, { id: tenantId, erp: connection.system }, connection);
      checks.push(...(await adapter.testConnection()));
    }
  }
  const ok = checks.every((c) => c.ok);
  const firstFailure = checks.find((c) => !c.ok);
  await setConnectionStatus(db, tenantId, system, ok ? "ok" : "broken", firstFailure ? `${firstFailure.name}: ${firstFailure.message}` : null, nowMs);
  return { ok, checks };
}
