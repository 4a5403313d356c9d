// ERP streams (shipments, invoices, acknowledgments) for the outbound flows. Filled by the outbound issue.
import type { Db } from "../db/client";
import type { Tenant } from "../db/tenants";
import type { Env } from "../env";
import type { Logger } from "../lib/log";
import type { PollStream } from "./messages";

export async function pollErpStream(_env: Env, _db: Db, tenant: Tenant, stream: PollStream, log: Logger): Promise<void> {
  log.debug("outbound stream not implemented yet", { tenantId: tenant.id, stream });
}
