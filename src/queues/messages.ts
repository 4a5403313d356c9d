// Queue message schemas: versioned discriminated unions carrying ids, never payloads (the 128 KB
// limit; reference/limits-and-costs.md 1.2). Validated with zod when consumed.
import { z } from "zod";

export const POLL_STREAMS = ["sps:inbound", "erp:shipments", "erp:invoices", "erp:acks"] as const;
export type PollStream = (typeof POLL_STREAMS)[number];

export const PollMessage = z.object({
  v: z.literal(1),
  kind: z.literal("poll"),
  tenantId: z.string().min(1),
  stream: z.enum(POLL_STREAMS),
  /** Who asked: the cron, an operator through the API, or a continuation of a bounded run. */
  trigger: z.enum(["cron", "api", "continue"]),
  priorAttempts: z.number().int().min(0).optional(),
});
export type PollMessage = z.infer<typeof PollMessage>;

export const DOCUMENT_REASONS = ["new", "replay", "mapping_added", "hook"] as const;

export const InboundMessage = z.object({
  v: z.literal(1),
  kind: z.literal("inbound"),
  tenantId: z.string().min(1),
  documentId: z.string().min(1),
  reason: z.enum(DOCUMENT_REASONS),
  /**
   * Counted attempts made by earlier messages for this document: a throttled delivery is re-sent
   * as a new message (throttling is not the document's fault and must not use up its attempts).
   */
  priorAttempts: z.number().int().min(0).optional(),
});
export type InboundMessage = z.infer<typeof InboundMessage>;

export const OutboundMessage = z.object({
  v: z.literal(1),
  kind: z.literal("outbound"),
  tenantId: z.string().min(1),
  documentId: z.string().min(1),
  reason: z.enum(DOCUMENT_REASONS),
  priorAttempts: z.number().int().min(0).optional(),
});
export type OutboundMessage = z.infer<typeof OutboundMessage>;

export const QueueMessage = z.discriminatedUnion("kind", [PollMessage, InboundMessage, OutboundMessage]);
export type QueueMessage = z.infer<typeof QueueMessage>;
