// Which obligations a document starts, pure: an 850 starts its 855 (for partners that get 855s) and
// its ship-by date; a shipment's 856 starts the 856 and the 810 of that shipment. Times in ms.
import type { ObligationKind } from "../db/schema";
import type { NewObligation } from "../db/obligations";
import { newId } from "../lib/ids";
import { addBusinessTime, instantOf } from "./calendar";
import { warnTime, type EffectiveSla } from "./rules";

const DAY_MS = 86_400_000;

function obligation(kind: ObligationKind, x: { tenantId: string; partnerId: string; subject: string; orderKey: string; sourceDocumentId: string; startsAt: number; dueAt: number; nowMs: number }, sla: EffectiveSla): NewObligation {
  return {
    id: newId("obl", x.nowMs),
    tenantId: x.tenantId,
    partnerId: x.partnerId,
    kind,
    subject: x.subject,
    orderKey: x.orderKey,
    sourceDocumentId: x.sourceDocumentId,
    startsAt: x.startsAt,
    warnAt: warnTime(x.startsAt, x.dueAt, sla.warnBeforeMs),
    dueAt: x.dueAt,
    fee: sla.fees[kind] ?? null,
    createdAt: x.nowMs,
  };
}

/** The end of an 850 date (YYYY-MM-DD) in the partner's time zone: shipping on the day is on time. */
export function endOfDate(date: string, timeZone: string | undefined): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const next = new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
  return instantOf(next, timeZone ?? "UTC");
}

export interface OrderFacts {
  tenantId: string;
  partnerId: string;
  po: string;
  documentId: string;
  /** When the 850 arrived. */
  receivedAt: number;
  dates: Record<string, string>;
  wantsAck: boolean;
}

export function orderObligations(o: OrderFacts, sla: EffectiveSla, nowMs: number): NewObligation[] {
  const out: NewObligation[] = [];
  const base = { tenantId: o.tenantId, partnerId: o.partnerId, subject: o.po, orderKey: o.po, sourceDocumentId: o.documentId, startsAt: o.receivedAt, nowMs };
  const ackWithin = sla.within["855"];
  if (o.wantsAck && ackWithin !== undefined) out.push(obligation("855", { ...base, dueAt: addBusinessTime(o.receivedAt, ackWithin, sla.calendar) }, sla));
  const shipDate = sla.shipDates?.map((q) => o.dates[q]).find((d): d is string => Boolean(d));
  const shipBy = shipDate ? endOfDate(shipDate, sla.calendar?.timeZone) : undefined;
  if (shipBy !== undefined) out.push(obligation("ship", { ...base, dueAt: Math.max(shipBy, o.receivedAt) }, sla));
  return out;
}

export interface ShipmentFacts {
  tenantId: string;
  partnerId: string;
  shipmentNbr: string;
  po: string;
  documentId: string;
  /** When the ERP confirmed the shipment (its posting / last change when first seen). */
  confirmedAt: number;
  /** The 850's requested delivery date (002), if any. */
  deliveryDate?: string | undefined;
}

export function shipmentObligations(s: ShipmentFacts, sla: EffectiveSla, nowMs: number): NewObligation[] {
  const out: NewObligation[] = [];
  const base = { tenantId: s.tenantId, partnerId: s.partnerId, subject: s.shipmentNbr, orderKey: s.po, sourceDocumentId: s.documentId, startsAt: s.confirmedAt, nowMs };
  const asn = sla.within["856"];
  if (asn !== undefined) {
    let due = addBusinessTime(s.confirmedAt, asn, sla.calendar);
    if (sla.beforeDelivery && s.deliveryDate) {
      const delivery = instantOf(s.deliveryDate, sla.calendar?.timeZone ?? "UTC");
      if (!Number.isNaN(delivery) && delivery > s.confirmedAt) due = Math.min(due, delivery);
    }
    out.push(obligation("856", { ...base, dueAt: due }, sla));
  }
  const invoice = sla.within["810"];
  if (invoice !== undefined) out.push(obligation("810", { ...base, dueAt: addBusinessTime(s.confirmedAt, invoice, sla.calendar) }, sla));
  return out;
}

const KIND_WORDS: Record<ObligationKind, string> = { "855": "855 acknowledgment", "856": "856 ship notice", "810": "810 invoice", ship: "Shipment" };

export function describeObligation(o: { kind: ObligationKind; subject: string; orderKey: string }): string {
  if (o.kind === "ship") return `PO ${o.orderKey}`;
  if (o.kind === "855") return `${KIND_WORDS[o.kind]} for PO ${o.orderKey}`;
  return `${KIND_WORDS[o.kind]} for shipment ${o.subject} (PO ${o.orderKey})`;
}
