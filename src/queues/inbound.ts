// Inbound consumer (mapping): an 850 document becomes its ERP sales order(s), exactly once.
// One ERP write per order on the common path; after an uncertain attempt (a retry, a replay, a
// takeover of a stale claim) the order is looked up by its natural key and linked instead.
import { createDb, type Db } from "../db/client";
import { orderMetaOf } from "../db/document-meta";
import { loadConnection, patchConnectionSettings } from "../db/connections";
import { documentInsertStatements, findByNaturalKey, getDocument, metaOf, transitionDocument, type DocumentRow } from "../db/documents";
import { enqueueDocuments } from "./enqueue";
import { findItemMappings } from "../db/items";
import { orderLinkUpsert } from "../db/order-links";
import { lastUncertainAttemptAt } from "../db/audit";
import { getPartner } from "../db/partners";
import { getTenant, type Tenant } from "../db/tenants";
import { readConfig, type Env } from "../env";
import { erpProfile, type ErpKind } from "../erp/profiles";
import { createErpAdapter } from "../clients/factory";
import type { ErpAdapter, ErpOrder } from "../erp/adapter";
import { itemKeysOf } from "../flows/item-matching";
import { planSalesOrders, type PlannedOrder } from "../flows/inbound-order";
import type { CreatedOrderMeta } from "../flows/order-links";
import { ConnectorError, SimulatedCrash } from "../lib/errors";
import type { Logger } from "../lib/log";
import { loadOrder } from "./stored-order";
import { storeActivity } from "./activity-intake";
import { claimDocument, holdClaim, type Claim } from "./claim";
import type { InboundMessage } from "./messages";

export async function processInbound(env: Env, msg: InboundMessage, attempts: number, log: Logger): Promise<void> {
  const db = createDb(env.DB);
  const doc = await getDocument(db, msg.tenantId, msg.documentId);
  if (!doc) {
    log.warn("inbound message for a missing document dropped", { tenantId: msg.tenantId, documentId: msg.documentId });
    return;
  }
  // Settled already (a message delivered twice, or a replay that raced): nothing to do.
  if (!["received", "queued", "delivering"].includes(doc.status)) return;
  const claim = await claimDocument(db, doc, attempts, readConfig(env).CLAIM_TTL_MS);
  if (doc.type === "846" || doc.type === "852") {
    await storeActivity(env, db, doc, ((await getTenant(db, doc.tenantId)) as Tenant).erp, log);
    return;
  }
  if (doc.type !== "850") {
    await transitionDocument(db, doc.tenantId, doc.id, { status: "delivered", statusDetail: ["Stored by the connector"] }, { stage: "stored", outcome: "ok" }, Date.now());
    return;
  }
  // Tried before, by this message or another: look before writing. The document's own record says
  // so (`attempts` as read, before this claim), not only the message's count — a queue may deliver
  // a fresh copy (attempts 1) of a message whose consumer timed out on the write, or died after it.
  const triedBefore = attempts > 1 || doc.attempts > 0 || claim.tookOver || msg.reason === "replay";
  const mayExist = triedBefore || Object.keys(ordersOf(doc)).length > 0;
  // When an earlier write may still be committing in the ERP: an uncertain attempt or a takeover
  // in the audit trail, or the dead consumer this claim replaced.
  const uncertainSinceMs = triedBefore ? latest(await lastUncertainAttemptAt(db, doc.tenantId, doc.id), claim.staleSinceMs) : undefined;
  await createOrders(env, db, doc, claim, { mayExist, uncertainSinceMs, reason: msg.reason }, log);
}

function latest(...times: (number | undefined)[]): number | undefined {
  const known = times.filter((t): t is number => t !== undefined);
  return known.length ? Math.max(...known) : undefined;
}

function ordersOf(doc: DocumentRow): Record<string, CreatedOrderMeta> {
  return orderMetaOf(doc).orders ?? {};
}

async function createOrders(env: Env, db: Db, doc: DocumentRow, claim: Claim, opts: { mayExist: boolean; uncertainSinceMs: number | undefined; reason: InboundMessage["reason"] }, log: Logger): Promise<void> {
  const tenant = (await getTenant(db, doc.tenantId)) as Tenant;
  const order = await loadOrder(doc);
  const partner = await getPartner(db, doc.tenantId, order.header.tradingPartnerId);
  if (!partner) {
    const reason = `Trading partner ${order.header.tradingPartnerId} is not mapped to an ERP customer; PUT /v1/tenants/${doc.tenantId}/partners/${order.header.tradingPartnerId}`;
    throw new ConnectorError("needs_mapping", reason, { reasons: [reason] });
  }
  const keys = order.lines.flatMap((l) => itemKeysOf(l));
  const mappings = await findItemMappings(db, doc.tenantId, partner.partnerId, partner.legalEntity, keys);
  const plan = planSalesOrders(order, partner, mappings);
  if (!plan.ok) throw new ConnectorError(plan.error.kind, plan.error.reasons.join("; "), { reasons: plan.error.reasons });

  const connection = await loadConnection(db, env, doc.tenantId, tenant.erp);
  const adapter = createErpAdapter(env, tenant, connection);
  const created = { ...ordersOf(doc) };
  for (const planned of plan.value.orders) {
    const key = planned.draft.orderKey;
    if (created[key]) continue;
    const { erpOrder, linked, completedLines } = await createOrLink(
      adapter,
      planned,
      opts.mayExist ? { uncertainSinceMs: opts.uncertainSinceMs, settleMs: readConfig(env).UNCERTAIN_WRITE_SETTLE_MS, erp: tenant.erp } : undefined,
      () => holdClaim(db, doc.tenantId, doc.id, claim),
    );
    const crash = readConfig(env).CHAOS_CRASH_AFTER_ERP_WRITE;
    if (crash > 0 && !linked && Math.random() < crash) throw new SimulatedCrash(`after creating ${erpOrder.reference}, before recording it`);
    created[key] = toMeta(planned, erpOrder, linked);
    const nowMs = Date.now();
    if (erpOrder.connectionChange) await patchConnectionSettings(db, doc.tenantId, tenant.erp, erpOrder.connectionChange.settings, nowMs);
    const notes = [
      ...(linked ? ["found by its PO number after an uncertain attempt; not created again"] : []),
      ...(completedLines ? [`the order was in ${erpProfile(tenant.erp).label} without ${completedLines} of its lines; added exactly those`] : []),
      ...(erpOrder.connectionChange ? [erpOrder.connectionChange.note] : []),
    ];
    await transitionDocument(
      db,
      doc.tenantId,
      doc.id,
      { meta: { ...metaOf(doc), orders: created } },
      {
        stage: linked ? "erp_order_linked" : "erp_order_created",
        outcome: "ok",
        detail: { orderKey: key, reference: erpOrder.reference, lines: planned.draft.lines.length, ...(notes.length ? { note: notes.join("; ") } : {}) },
      },
      nowMs,
      // The link the outbound flows follow from a shipment or invoice back to this 850, in the same batch.
      { also: [orderLinkUpsert(db, doc.tenantId, { orderType: erpOrder.orderType ?? "", erpOrderNbr: erpOrder.reference, documentId: doc.id, orderKey: key, partnerId: partner.partnerId }, nowMs)] },
    );
    claim.stampMs = nowMs; // our own write moved updated_at: the claim's stamp follows it
  }
  const references = plan.value.orders.map((p) => created[p.draft.orderKey]!.reference);
  const nowMs = Date.now();
  // The 855 acknowledgment, when the partner wants one, is recorded in the same batch as the
  // delivery so it cannot be lost between the two (default: on for Dynamics, off for Acumatica).
  // Partners acknowledged on confirmation get theirs from the erp:acks stream or a business event instead.
  const wantsAck = (partner.rules.send855 ?? erpProfile(tenant.erp).send855ByDefault) && partner.rules.ackOn !== "confirmed";
  const ack = wantsAck
    ? documentInsertStatements(
        db,
        doc.tenantId,
        { direction: "outbound", type: "855", partnerId: partner.partnerId, naturalKey: order.header.purchaseOrderNumber, status: "queued", meta: { sourceDocumentId: doc.id, revision: 1 } },
        { stage: "found", outcome: "ok", detail: { answers: doc.id, orders: references } },
        nowMs,
      )
    : undefined;
  await transitionDocument(
    db,
    doc.tenantId,
    doc.id,
    { status: "delivered", erpReference: references.join(", "), statusDetail: null, lastError: null },
    { stage: "delivered", outcome: "ok", detail: { references, shape: plan.value.shape, ...(plan.value.skippedLines.length ? { skippedZeroQuantityLines: plan.value.skippedLines } : {}) } },
    nowMs,
    { also: ack?.statements ?? [] },
  );
  if (ack) {
    const ackDoc = await findByNaturalKey(db, doc.tenantId, "855", partner.partnerId, order.header.purchaseOrderNumber);
    if (ackDoc && ackDoc.status === "queued") await enqueueDocuments(env, doc.tenantId, [{ id: ackDoc.id, direction: "outbound" }], "new");
  }
  log.info("850 delivered", { tenantId: doc.tenantId, documentId: doc.id, references });
}

/**
 * Creates the order, or, when an earlier attempt may have reached the ERP (`lookFirst`), finds and
 * links it. Not found within the settle window after an uncertain write: the ERP may still be
 * committing that write, so the document waits and looks again rather than writing a second order.
 */
async function createOrLink(
  adapter: ErpAdapter,
  planned: PlannedOrder,
  lookFirst: { uncertainSinceMs: number | undefined; settleMs: number; erp: ErpKind } | undefined,
  beforeWrite: () => Promise<void>,
): Promise<{ erpOrder: ErpOrder; linked: boolean; completedLines?: number }> {
  if (lookFirst) {
    const found = await adapter.findSalesOrder(planned.draft);
    const waitMs = lookFirst.uncertainSinceMs === undefined ? 0 : lookFirst.uncertainSinceMs + lookFirst.settleMs - Date.now();
    const erp = erpProfile(lookFirst.erp).label;
    if (found) {
      if (!adapter.completeSalesOrder || !adapter.missingLines) return { erpOrder: found, linked: true };
      const missing = adapter.missingLines(planned.draft, found);
      // Complete: no write, but the lines come back in draft order (toMeta pairs them by index).
      if (missing.length === 0) return { erpOrder: await adapter.completeSalesOrder(planned.draft, found), linked: true };
      // A header without (some of) its lines: an earlier lines call failed, or may still be committing.
      if (waitMs > 0) {
        throw new ConnectorError(
          "throttled",
          `Sales order ${found.reference} is in ${erp} without ${missing.length} of its ${planned.draft.lines.length} lines, but an earlier attempt to add them may still be committing there; looking again in ${Math.ceil(waitMs / 1000)} s before adding them`,
          { retryAfterMs: waitMs },
        );
      }
      await beforeWrite();
      return { erpOrder: await adapter.completeSalesOrder(planned.draft, found), linked: true, completedLines: missing.length };
    }
    if (waitMs > 0) {
      // Our own wait, not an upstream failure: re-queued like a throttled document, without using up an attempt.
      throw new ConnectorError(
        "throttled",
        `Sales order ${planned.draft.orderKey} is not in ${erp} yet, but an earlier attempt to create it may still be committing there; looking again in ${Math.ceil(waitMs / 1000)} s before creating it`,
        { retryAfterMs: waitMs },
      );
    }
  }
  await beforeWrite();
  return { erpOrder: await adapter.createSalesOrder(planned.draft), linked: false };
}

function toMeta(planned: PlannedOrder, erpOrder: ErpOrder, linked: boolean): CreatedOrderMeta {
  return {
    reference: erpOrder.reference,
    orderType: erpOrder.orderType,
    shipToLocation: planned.shipToLocation,
    linked,
    lines: planned.draft.lines.map((l, i) => ({
      lineRef: l.lineRef,
      lineNbr: erpOrder.lines[i]?.lineNbr,
      itemId: l.itemId,
      qty: l.qty,
      uom: l.uom,
      unitPrice: l.unitPrice,
    })),
  };
}
