// Drives the connector's queue handler directly (createMessageBatch / getQueueResult) on a document
// seeded as `queued`: for tests that need to see one delivery's outcome, or to run it with
// different vars than the pool's (e.g. a short upstream timeout).
import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import worker from "../../src/index";
import { createDb } from "../../src/db/client";
import { recordDocument } from "../../src/db/documents";
import { gzip } from "../../src/lib/compress";
import { fixtureXml, withPo } from "./flow";
import type { World } from "./world";

/** A drop-ship 850 for `po`, recorded as `queued` (as intake leaves it), not yet sent to a queue. */
export async function seedQueued(world: World, po: string): Promise<string> {
  const bytes = new TextEncoder().encode(withPo(fixtureXml.DropShip, po));
  const r = await recordDocument(
    createDb(env.DB),
    world.tenantId,
    { direction: "inbound", type: "850", partnerId: "HDOALLHOMEDIRC", naturalKey: po, status: "queued", raw: await gzip(bytes), rawFormat: "xml", rawSize: bytes.byteLength, meta: { documentIndex: 0 } },
    { stage: "received", outcome: "ok" },
    Date.now(),
  );
  if (!r.created) throw new Error("seed collided");
  return r.id;
}

/** Delivers one message to the queue handler; `vars` override the pool's bindings for this delivery. */
export async function deliver(queue: string, body: Record<string, unknown>, attempts = 1, vars: Record<string, string> = {}) {
  const batch = createMessageBatch(queue, [{ id: `m-${crypto.randomUUID()}`, timestamp: new Date(), attempts, body }]);
  const ctx = createExecutionContext();
  await worker.queue(batch, { ...env, ...vars } as never, ctx);
  return getQueueResult(batch, ctx);
}
