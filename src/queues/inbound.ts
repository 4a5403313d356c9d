// Inbound consumer (mapping): an 850 document becomes an ERP sales order. Filled by the inbound issue.
import type { Env } from "../env";
import { ConnectorError } from "../lib/errors";
import type { Logger } from "../lib/log";
import type { InboundMessage } from "./messages";

export async function processInbound(_env: Env, _msg: InboundMessage, _attempts: number, _log: Logger): Promise<void> {
  throw new ConnectorError("config", "The inbound flow is not implemented yet");
}
