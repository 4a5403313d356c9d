// Queue entry: routes each batch to its consumer by queue name, validating every message body
// against the versioned schemas first. A body that fails validation is logged and acked: it can
// never succeed, and retrying it would only delay the rest.
import { createDb } from "../db/client";
import { readConfig, type Env } from "../env";
import { createLogger, type Logger } from "../lib/log";
import { handleDeadLetters } from "./dead-letter";
import { processInbound } from "./inbound";
import { InboundMessage, OutboundMessage, PollMessage } from "./messages";
import { processOutbound } from "./outbound";
import { processPoll } from "./polls";
import { recordOnDocument } from "./document-outcome";
import { runAndSettle, type RetryPolicy } from "./settle";

/** The two document queues: how a message is read, processed, audited and re-sent. */
const DOCUMENT_QUEUES = {
  inbound: { schema: InboundMessage, process: processInbound, stage: "erp_order", binding: (env: Env) => env.INBOUND },
  outbound: { schema: OutboundMessage, process: processOutbound, stage: "sps_upload", binding: (env: Env) => env.OUTBOUND },
} as const;

export function retryPolicy(env: Env): RetryPolicy {
  const config = readConfig(env);
  return { maxAttempts: config.MAX_ATTEMPTS, baseSeconds: config.RETRY_BASE_SECONDS, maxSeconds: config.RETRY_MAX_SECONDS };
}

export async function handleQueue(batch: MessageBatch<unknown>, env: Env, ctx: ExecutionContext): Promise<void> {
  const config = readConfig(env);
  const log = createLogger(config.LOG_LEVEL, { queue: batch.queue });
  if (batch.queue.endsWith("-dlq")) return handleDeadLetters(batch, env, log);
  const policy = retryPolicy(env);
  const db = createDb(env.DB);
  // A few documents at a time: their upstream calls overlap (the TenantGate still paces them to
  // the licence limit); each message is settled on its own. Polls stay one at a time.
  const concurrency = batch.queue.startsWith("polls") ? 1 : config.CONSUMER_CONCURRENCY;
  await eachWithConcurrency(batch.messages, concurrency, async (message) => {
    if (batch.queue.startsWith("polls")) {
      const body = PollMessage.safeParse(message.body);
      if (!body.success) {
        dropInvalid(log, batch.queue, message);
        return;
      }
      await runAndSettle(
        message,
        policy,
        () => processPoll(env, ctx, body.data, log),
        async (decision, error) => {
          log.warn("poll failed", { tenantId: body.data.tenantId, stream: body.data.stream, decision, error: error.message });
        },
        { requeue: (delaySeconds) => env.POLLS.send(body.data, { delaySeconds }) },
      );
    } else if (batch.queue.startsWith("inbound") || batch.queue.startsWith("outbound")) {
      const queue = batch.queue.startsWith("inbound") ? DOCUMENT_QUEUES.inbound : DOCUMENT_QUEUES.outbound;
      const body = queue.schema.safeParse(message.body);
      if (!body.success) {
        dropInvalid(log, batch.queue, message);
        return;
      }
      const data = body.data;
      // Attempts count across messages: a throttled delivery is re-sent as a new one (see settle.ts).
      const attempts = (data.priorAttempts ?? 0) + message.attempts;
      await runAndSettle(
        message,
        policy,
        () => queue.process(env, data as never, attempts, log),
        recordOnDocument(db, data.tenantId, data.documentId, queue.stage),
        { attempts, requeue: (delaySeconds) => queue.binding(env).send({ ...data, priorAttempts: attempts - 1 } as never, { delaySeconds }) },
      );
    } else {
      log.error("message from an unknown queue", { queue: batch.queue });
      message.retry({ delaySeconds: 60 });
    }
  });
}

/** Runs `work` over `items`, at most `limit` at once; the first rejection (a crash) rejects the whole. */
async function eachWithConcurrency<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(workers);
}

function dropInvalid(log: Logger, queue: string, message: Message<unknown>) {
  log.error("invalid queue message dropped", { queue, id: message.id });
  message.ack();
}
