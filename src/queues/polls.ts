// Poll consumer: one stream of one tenant per message, under the stream's lease so it is never
// polled twice at once. A walk that stops at its bound continues in a follow-up message.
import { createDb, type Db } from "../db/client";
import { loadConnection, setConnectionStatus } from "../db/connections";
import { recordPollFailure, recordPollSuccess } from "../db/poll-health";
import { getTenant, type Tenant } from "../db/tenants";
import { erpProfile } from "../erp/profiles";
import { readConfig, type Env } from "../env";
import { ConnectorError } from "../lib/errors";
import type { Logger } from "../lib/log";
import { createSpsClient } from "../clients/factory";
import { pollMailbox, STREAM as SPS_STREAM } from "./sps-mailbox-poll";
import { TenantGateClient } from "../tenant-gate/client";
import type { PollMessage } from "./messages";
import { pollErpStream } from "./erp-polls";
import { runInventoryFeeds } from "./inventory-feed";

/** Longer than one bounded poll can take; a crashed poller's lease lapses after it. */
const LEASE_TTL_MS = 5 * 60_000;

export async function processPoll(env: Env, _ctx: ExecutionContext, msg: PollMessage, log: Logger): Promise<void> {
  const db = createDb(env.DB);
  const tenant = await getTenant(db, msg.tenantId);
  if (!tenant) {
    log.warn("poll for an unknown tenant dropped", { tenantId: msg.tenantId });
    return;
  }
  if (tenant.status !== "active" && msg.trigger !== "api") return;
  const system = msg.stream === SPS_STREAM ? "sps" : tenant.erp;
  const gate = new TenantGateClient(env, tenant.id, system);
  const lease = await gate.acquireLease(msg.stream, LEASE_TTL_MS);
  if (!lease.ok) {
    log.debug("stream is being polled already", { tenantId: tenant.id, stream: msg.stream });
    return;
  }
  try {
    if (msg.stream === SPS_STREAM) await pollSps(env, db, gate, tenant, log);
    else await pollErpStream(env, db, tenant, msg.stream, log);
    await recordPollSuccess(db, tenant.id, msg.stream, Date.now()).catch(() => undefined);
  } catch (e) {
    // Throttling is the gate doing its job, not a failing connection.
    if (!(e instanceof ConnectorError && (e.kind === "throttled" || e.kind === "busy"))) {
      const refused = e instanceof ConnectorError && (e.kind === "auth_config" || e.kind === "unauthorized");
      await recordPollFailure(db, tenant.id, msg.stream, e instanceof Error ? e.message : String(e), refused, Date.now()).catch(() => undefined);
    }
    if (e instanceof ConnectorError && (e.kind === "config" || e.kind === "auth_config")) {
      // Visible to operators on the tenant (GET /v1/tenants/:tenant): the stream cannot work until fixed.
      await setConnectionStatus(db, tenant.id, system, "broken", e.message, Date.now()).catch(() => undefined);
    }
    throw e;
  } finally {
    await gate.releaseLease(msg.stream, lease.leaseId).catch(() => undefined);
  }
}

async function pollSps(env: Env, db: Db, gate: TenantGateClient, tenant: Tenant, log: Logger): Promise<void> {
  const tenantId = tenant.id;
  const connection = await loadConnection(db, env, tenantId, "sps");
  const sps = createSpsClient(env, tenantId, connection, gate);
  const outcome = await pollMailbox(env, db, sps, tenantId, connection.settings, {
    maxFiles: readConfig(env).SPS_FILES_PER_POLL,
    log,
    supportingDataNote: erpProfile(tenant.erp).supportingDataNote,
  });
  if (outcome.files > 0) log.info("mailbox polled", { tenantId, ...outcome });
  // Issue 16: partners with an inventory feed get their 846 once per run, after the mailbox poll.
  // A feed that cannot run never fails the poll that found the orders.
  await runInventoryFeeds(env, db, tenant, log).catch((e: unknown) => log.warn("inventory feed run failed", { tenantId, error: e instanceof Error ? e.message : String(e) }));
  if (outcome.more) {
    await env.POLLS.send({ v: 1, kind: "poll", tenantId, stream: SPS_STREAM, trigger: "continue" });
  }
}
