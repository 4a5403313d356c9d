// Sending document ids to their queue (inbound → mapping consumer, outbound → push consumer).
import type { Direction } from "../db/schema";
import type { Env } from "../env";
import type { DOCUMENT_REASONS } from "./messages";

export type DocumentReason = (typeof DOCUMENT_REASONS)[number];

export async function enqueueDocuments(
  env: Pick<Env, "INBOUND" | "OUTBOUND">,
  tenantId: string,
  docs: { id: string; direction: Direction }[],
  reason: DocumentReason,
  delaySeconds?: number,
): Promise<void> {
  const inbound = docs.filter((d) => d.direction === "inbound");
  const outbound = docs.filter((d) => d.direction === "outbound");
  const opts = delaySeconds ? { delaySeconds } : undefined;
  // sendBatch takes at most 100 messages (limits-and-costs.md 1.2).
  for (let i = 0; i < inbound.length; i += 100) {
    await env.INBOUND.sendBatch(
      inbound.slice(i, i + 100).map((d) => ({ body: { v: 1 as const, kind: "inbound" as const, tenantId, documentId: d.id, reason }, ...(opts ?? {}) })),
    );
  }
  for (let i = 0; i < outbound.length; i += 100) {
    await env.OUTBOUND.sendBatch(
      outbound.slice(i, i + 100).map((d) => ({ body: { v: 1 as const, kind: "outbound" as const, tenantId, documentId: d.id, reason }, ...(opts ?? {}) })),
    );
  }
}
