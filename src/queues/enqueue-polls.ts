// The streams a tenant polls (its ERP's from the profile table), and enqueuing them (cron fan-out
// and the API's poll-now).
import { erpProfile, type ErpKind } from "../erp/profiles";
import type { Env } from "../env";
import type { PollMessage, PollStream } from "./messages";

/** Every stream of a tenant: the SPS mailbox, then the ERP's outbound records. */
export function streamsFor(erp: ErpKind): PollStream[] {
  return ["sps:inbound", ...erpProfile(erp).outboundStreams.map((name) => `erp:${name}` as const)];
}

export async function enqueuePolls(
  env: Pick<Env, "POLLS">,
  tenants: { id: string; erp: ErpKind }[],
  trigger: PollMessage["trigger"],
): Promise<number> {
  const messages = tenants.flatMap((t) =>
    streamsFor(t.erp).map((stream) => ({ body: { v: 1, kind: "poll", tenantId: t.id, stream, trigger } satisfies PollMessage })),
  );
  for (let i = 0; i < messages.length; i += 100) await env.POLLS.sendBatch(messages.slice(i, i + 100));
  return messages.length;
}
