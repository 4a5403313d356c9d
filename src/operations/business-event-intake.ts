// What the business-event endpoint does with one ERP event (F&O's business events), in D1 only so the hook answers fast:
// dedup on ControlNumber (hook_events), find the sales order the event names among the orders the
// connector created from SPS 850s (anything else is ignored), and record the outbound document it
// calls for (810 for an invoice, 856 for a packing slip, 855 for a confirmation when the partner
// acknowledges on confirmation) under the same natural key the pollers use, then queue it. The
// outbound consumer reads the full record back over OData (reference/dynamics-365-fo.md §6: "a
// business event payload carries keys only").
import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { documentInsertStatements, findByNaturalKey, type BatchStatement } from "../db/documents";
import { findOrderLinks, orderRefKey } from "../db/order-links";
import { getPartner } from "../db/partners";
import { hookEvents } from "../db/schema";
import type { Tenant } from "../db/tenants";
import type { Env } from "../env";
import { enqueueDocuments } from "../queues/enqueue";
import { ackDocumentFor } from "../queues/erp-polls";
import type { BusinessEventStub, EventIntent } from "../erp/profile";

export interface EventOutcome {
  controlNumber: string;
  businessEventId: string;
  outcome: "recorded" | "duplicate" | "ignored";
  reason?: string | undefined;
  documentId?: string | undefined;
}

interface Plan {
  type: "810" | "856" | "855";
  partnerId: string;
  naturalKey: string;
  meta: Record<string, unknown>;
}

/** The document an event calls for, or why none. */
async function plan(db: Db, tenant: Tenant, event: BusinessEventStub, intent: Exclude<EventIntent, { kind: "ignore" }>): Promise<Plan | { skip: string }> {
  const ref = { orderType: intent.legalEntity, orderNbr: intent.orderNbr };
  const link = (await findOrderLinks(db, tenant.id, [ref])).get(orderRefKey(ref));
  if (!link) return { skip: `sales order ${intent.orderNbr} did not come from an SPS 850` };
  const partner = await getPartner(db, tenant.id, link.partnerId);
  // Order numbers are per legal entity: the same number elsewhere is another order.
  if (partner?.legalEntity && intent.legalEntity && partner.legalEntity.toLowerCase() !== intent.legalEntity) {
    return { skip: `sales order ${intent.orderNbr} of legal entity ${intent.legalEntity} is not the one created for partner ${partner.partnerId} (${partner.legalEntity})` };
  }
  const orderDocs = [{ documentId: link.documentId, orderKey: link.orderKey, orderNbr: link.erpOrderNbr, orderType: link.orderType }];
  const businessEvent = { id: event.businessEventId, controlNumber: event.controlNumber, eventId: event.eventId };
  switch (intent.kind) {
    case "810":
      return {
        type: "810",
        partnerId: link.partnerId,
        naturalKey: intent.invoiceNbr,
        meta: { erp: { invoiceNbr: intent.invoiceNbr, invoiceType: intent.legalEntity || undefined }, orderDocs, businessEvent },
      };
    case "856":
      return { type: "856", partnerId: link.partnerId, naturalKey: intent.packingSlipId, meta: { erp: { shipmentNbr: intent.packingSlipId, scope: intent.legalEntity || undefined }, orderDocs, businessEvent } };
    case "855": {
      const ack = await ackDocumentFor(db, tenant.id, link, partner);
      if ("skip" in ack) return ack;
      return {
        type: "855",
        partnerId: link.partnerId,
        naturalKey: ack.naturalKey,
        meta: { ...ack.meta, erp: { confirmationNbr: intent.confirmationNbr, orderNbr: intent.orderNbr, legalEntity: intent.legalEntity || undefined }, businessEvent },
      };
    }
  }
}

function hookEventInsert(db: Db, tenantId: string, event: BusinessEventStub, row: { outcome: "recorded" | "ignored"; reason?: string; documentId?: string; legalEntity?: string }, nowMs: number) {
  return db
    .insert(hookEvents)
    .values({
      tenantId,
      controlNumber: event.controlNumber,
      eventId: event.eventId,
      businessEventId: event.businessEventId,
      legalEntity: row.legalEntity ?? event.legalEntity?.toLowerCase() ?? null,
      outcome: row.outcome,
      reason: row.reason ?? null,
      documentId: row.documentId ?? null,
      receivedAt: nowMs,
    })
    .onConflictDoNothing();
}

export async function takeBusinessEvent(env: Pick<Env, "INBOUND" | "OUTBOUND">, db: Db, tenant: Tenant, event: BusinessEventStub, nowMs: number): Promise<EventOutcome> {
  const base = { controlNumber: event.controlNumber, businessEventId: event.businessEventId };
  const seen = await db
    .select({ outcome: hookEvents.outcome, documentId: hookEvents.documentId })
    .from(hookEvents)
    .where(and(eq(hookEvents.tenantId, tenant.id), eq(hookEvents.controlNumber, event.controlNumber)))
    .get();
  if (seen) return { ...base, outcome: "duplicate", reason: `ControlNumber ${event.controlNumber} was received before (${seen.outcome})`, documentId: seen.documentId ?? undefined };

  const intent = event.intent;
  const planned = intent.kind === "ignore" ? { skip: intent.reason } : await plan(db, tenant, event, intent);
  if ("skip" in planned) {
    const [inserted] = (await db.batch([hookEventInsert(db, tenant.id, event, { outcome: "ignored", reason: planned.skip }, nowMs)])) as unknown as D1Result[];
    return inserted?.meta.changes === 1 ? { ...base, outcome: "ignored", reason: planned.skip } : { ...base, outcome: "duplicate", reason: `ControlNumber ${event.controlNumber} was received before` };
  }

  const { id, statements } = documentInsertStatements(
    db,
    tenant.id,
    { direction: "outbound", type: planned.type, partnerId: planned.partnerId, naturalKey: planned.naturalKey, status: "queued", meta: planned.meta },
    { stage: "found", outcome: "ok", detail: { businessEvent: event.businessEventId, controlNumber: event.controlNumber, erpRecord: planned.naturalKey } },
    nowMs,
  );
  // The event row and the document commit together: a retried delivery finds both or neither.
  const batch: BatchStatement[] = [hookEventInsert(db, tenant.id, event, { outcome: "recorded", documentId: id }, nowMs), ...statements];
  const results = (await db.batch(batch as unknown as Parameters<Db["batch"]>[0])) as unknown as D1Result[];
  if (results[0]?.meta.changes !== 1) return { ...base, outcome: "duplicate", reason: `ControlNumber ${event.controlNumber} was received before` };
  if (results[1]?.meta.changes !== 1) {
    // The poller (or another event) recorded this document first; it is on its way already.
    const existing = await findByNaturalKey(db, tenant.id, planned.type, planned.partnerId, planned.naturalKey);
    const reason = `${planned.type} ${planned.naturalKey} was recorded already`;
    await db
      .update(hookEvents)
      .set({ documentId: existing?.id ?? null, reason })
      .where(and(eq(hookEvents.tenantId, tenant.id), eq(hookEvents.controlNumber, event.controlNumber)))
      .run();
    return { ...base, outcome: "duplicate", reason, documentId: existing?.id };
  }
  await enqueueDocuments(env, tenant.id, [{ id, direction: "outbound" }], "hook");
  return { ...base, outcome: "recorded", documentId: id };
}
