// The connector's bindings with the three producer queues replaced by recorders, for tests that call
// the Worker's handlers directly (worker.fetch / worker.queue with createMessageBatch): every message
// the connector sends is kept, recorded for the secret leak scan, and optionally forwarded.
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import worker from "../../src/index";
import type { Env } from "../../src/env";
import { recordReply } from "../helpers/api";
import { recordProduced } from "./secret-leak-scan";

export interface SentMessage {
  queue: "polls" | "inbound" | "outbound";
  body: unknown;
}

export interface RecordingEnv {
  env: Env;
  sent: SentMessage[];
}

/** `forward: true` also sends each message to the real queue (the pipeline then runs on its own). */
export function recordingEnv(opts: { forward?: boolean; vars?: Partial<Env> } = {}): RecordingEnv {
  const sent: SentMessage[] = [];
  const base = env as unknown as Env;
  const recorder = <T>(queue: SentMessage["queue"], real: Queue<T>): Queue<T> =>
    ({
      async send(body: T, options?: QueueSendOptions) {
        sent.push({ queue, body });
        recordProduced(`a message sent to the ${queue} queue`, JSON.stringify(body));
        if (opts.forward) await real.send(body, options);
      },
      async sendBatch(messages: Iterable<MessageSendRequest<T>>, options?: QueueSendBatchOptions) {
        const list = [...messages];
        for (const m of list) {
          sent.push({ queue, body: m.body });
          recordProduced(`a message sent to the ${queue} queue`, JSON.stringify(m.body));
        }
        if (opts.forward) await real.sendBatch(list, options);
      },
    }) as unknown as Queue<T>;
  return {
    sent,
    env: {
      ...base,
      ...opts.vars,
      POLLS: recorder("polls", base.POLLS),
      INBOUND: recorder("inbound", base.INBOUND),
      OUTBOUND: recorder("outbound", base.OUTBOUND),
    },
  };
}

/** Calls the Worker's fetch handler with these bindings; the reply is recorded for the leak scan. */
export async function fetchWith(
  bindings: Env,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown } = {},
): Promise<{ status: number; body: any; text: string }> {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  const ctx = createExecutionContext();
  const res = await worker.fetch(
    new Request(`https://connector.test${path}`, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) }),
    bindings,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  const text = await res.text();
  recordReply(`the reply to ${method} ${path.split("?")[0]} (${res.status}, direct fetch)`, text, res.headers);
  let body: any;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: res.status, body, text };
}
