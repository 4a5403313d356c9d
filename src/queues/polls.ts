// Poll consumer: one stream of one tenant per message. Filled by the inbound and outbound issues.
import type { Env } from "../env";
import type { Logger } from "../lib/log";
import type { PollMessage } from "./messages";

export async function processPoll(_env: Env, _ctx: ExecutionContext, msg: PollMessage, log: Logger): Promise<void> {
  log.info("poll stream not implemented yet", { tenantId: msg.tenantId, stream: msg.stream });
}
