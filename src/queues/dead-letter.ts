// Dead-letter consumers: a message the queue gave up on (its outcome could not even be recorded)
// marks its document failed, keeps it replayable, and audits it. Poll messages are only logged:
// the next cron run polls again.
import { createDb } from "../db/client";
import { transitionDocument } from "../db/documents";
import type { Env } from "../env";
import type { Logger } from "../lib/log";
import { InboundMessage, OutboundMessage } from "./messages";

export async function handleDeadLetters(batch: MessageBatch<unknown>, env: Env, log: Logger): Promise<void> {
  const db = createDb(env.DB);
  for (const message of batch.messages) {
    const parsed = InboundMessage.or(OutboundMessage).safeParse(message.body);
    if (!parsed.success) {
      log.error("dead letter without a document", { queue: batch.queue, body: message.body });
      message.ack();
      continue;
    }
    const { tenantId, documentId } = parsed.data;
    try {
      await transitionDocument(
        db,
        tenantId,
        documentId,
        { status: "failed", statusDetail: ["Delivery was abandoned after repeated failures; replay it once the cause is fixed"] },
        { stage: "dead_letter", outcome: "error", status: "failed", detail: { queue: batch.queue } },
        Date.now(),
        { onlyIfStatusIn: ["received", "queued", "delivering"] },
      );
      message.ack();
    } catch (e) {
      log.error("dead letter could not be recorded", { queue: batch.queue, documentId, error: e instanceof Error ? e.message : String(e) });
      message.retry({ delaySeconds: 60 });
    }
  }
}
