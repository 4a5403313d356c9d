// Outbound consumer (push): build, check and upload 855/856/810. Filled by the outbound issue.
import type { Env } from "../env";
import { ConnectorError } from "../lib/errors";
import type { Logger } from "../lib/log";
import type { OutboundMessage } from "./messages";

export async function processOutbound(_env: Env, _msg: OutboundMessage, _attempts: number, _log: Logger): Promise<void> {
  throw new ConnectorError("config", "The outbound flow is not implemented yet");
}
