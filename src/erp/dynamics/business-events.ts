// F&O business-event payloads (reference/dynamics-365-fo.md §6, §9f), validated with zod, and what
// each asks the connector to do, pure. The payload is a stub: the envelope (BusinessEventId,
// BusinessEventLegalEntity, ControlNumber for dedup, EventId, …) and a few keys; the full record is
// read back over OData by the consumer that builds the document. Event ids and members other than
// "invoice posted" are guesses (entities.ts BUSINESS_EVENTS).
import { z } from "zod";
import type { BusinessEventStub, EventIntent } from "../profile";
import { BUSINESS_EVENTS } from "./entities";

const key = z.string().trim().min(1).max(100);

/** The common envelope (§6, confirmed by several public samples); event members pass through. */
export const BusinessEventSchema = z
  .object({
    BusinessEventId: z.string().trim().min(1).max(200),
    BusinessEventLegalEntity: z.string().trim().max(10).optional(),
    // int64, increasing but not contiguous (§6); F&O writes a JSON number, a string is accepted too.
    ControlNumber: z.union([z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER), z.string().regex(/^\d{1,19}$/)]).transform(String),
    EventId: z.string().trim().min(1).max(100),
    EventTimeIso8601: z.string().max(40).optional(),
    MajorVersion: z.number().int().optional(),
    MinorVersion: z.number().int().optional(),
  })
  .loose();
export type BusinessEvent = z.output<typeof BusinessEventSchema>;

/** One event, or a list of them (endpoints that batch, e.g. an Event Grid relay). */
export const HookPayloadSchema = z.union([BusinessEventSchema, z.array(BusinessEventSchema).min(1).max(100)]);

const InvoicePosted = z.object({ InvoiceId: key, SalesOrderId: key, LegalEntity: key.optional() }).loose();
const PackingSlipPosted = z.object({ PackingSlipId: key, SalesOrderId: key, LegalEntity: key.optional() }).loose();
const OrderConfirmed = z.object({ SalesOrderId: key, ConfirmationId: key.optional(), LegalEntity: key.optional() }).loose();

/** What an event asks for: which document, for which sales order in which legal entity. */
export function intentOf(event: BusinessEvent): EventIntent {
  const company = (member: string | undefined) => (member ?? event.BusinessEventLegalEntity ?? "").trim().toLowerCase();
  const missing = (issues: z.core.$ZodIssue[]) => ({ kind: "ignore" as const, reason: `${event.BusinessEventId} without ${issues.map((i) => i.path.join(".")).join(", ")}` });
  switch (event.BusinessEventId) {
    case BUSINESS_EVENTS.invoicePosted.id: {
      const m = InvoicePosted.safeParse(event);
      if (!m.success) return missing(m.error.issues);
      return { kind: "810", legalEntity: company(m.data.LegalEntity), orderNbr: m.data.SalesOrderId, invoiceNbr: m.data.InvoiceId };
    }
    case BUSINESS_EVENTS.packingSlipPosted.id: {
      const m = PackingSlipPosted.safeParse(event);
      if (!m.success) return missing(m.error.issues);
      return { kind: "856", legalEntity: company(m.data.LegalEntity), orderNbr: m.data.SalesOrderId, packingSlipId: m.data.PackingSlipId };
    }
    case BUSINESS_EVENTS.orderConfirmed.id: {
      const m = OrderConfirmed.safeParse(event);
      if (!m.success) return missing(m.error.issues);
      return { kind: "855", legalEntity: company(m.data.LegalEntity), orderNbr: m.data.SalesOrderId, confirmationNbr: m.data.ConfirmationId };
    }
    default:
      return { kind: "ignore", reason: `business event ${event.BusinessEventId} is not one the connector handles` };
  }
}

/** Each event of a validated hook payload (one event, or a list of them). */
export function eventStubs(payload: unknown): BusinessEventStub[] {
  const events: BusinessEvent[] = Array.isArray(payload) ? (payload as BusinessEvent[]) : [payload as BusinessEvent];
  return events.map((event) => ({ controlNumber: event.ControlNumber, businessEventId: event.BusinessEventId, eventId: event.EventId, legalEntity: event.BusinessEventLegalEntity, intent: intentOf(event) }));
}
