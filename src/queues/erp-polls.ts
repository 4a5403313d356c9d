// ERP streams for the outbound flows: shipments (856), invoices (810) and, for ERPs with a
// confirmation step, order confirmations (855 for partners with ackOn "confirmed") changed since a
// stored watermark, read with an overlap window so a record committed with an older timestamp is not
// missed, in pages bounded per invocation. Only shipped shipments, released invoices and
// confirmations whose sales order came from an SPS 850 are recorded, under their natural key, in the
// same D1 batch that moves the stream's position. A record seen again changes nothing; one that
// changed after its document was delivered is held for a person.
import { z } from "zod";
import type { Db } from "../db/client";
import { loadConnection } from "../db/connections";
import { readCursor, cursorUpsert } from "../db/cursors";
import { appendAudit } from "../db/audit";
import { documentInsertStatements, findByNaturalKey, getDocument, metaOf, transitionDocument, type BatchStatement } from "../db/documents";
import { findOrderLinks, orderRefKey, type OrderLink, type OrderRef } from "../db/order-links";
import { getPartner, listPartners, type Partner } from "../db/partners";
import type { Tenant } from "../db/tenants";
import { readConfig, type Env } from "../env";
import type { ErpAdapter, ErpInvoice, ErpOrderConfirmation, ErpShipment } from "../erp/adapter";
import { createErpAdapter } from "../clients/factory";
import { invoiceFingerprint, shipmentFingerprint } from "../flows/record-fingerprint";
import type { Logger } from "../lib/log";
import { enqueueDocuments } from "./enqueue";
import type { PollStream } from "./messages";

/** Records committed up to this long before the newest one seen are still found (long transactions, clock skew). */
export const OVERLAP_MS = 10 * 60_000;
/** A new tenant's first pass starts this long before the tenant was created. */
const FIRST_LOOKBACK_MS = 24 * 3600_000;

const PollState = z.object({
  v: z.literal(1),
  /** Newest change time fully processed (ISO). */
  watermark: z.string(),
  /** An unfinished pass: its fixed lower bound, how far it got, the newest change seen so far. */
  pass: z.object({ since: z.string(), skip: z.number().int().min(0), maxSeen: z.string() }).optional(),
});
type PollState = z.infer<typeof PollState>;

export type ErpStream = "erp:shipments" | "erp:invoices" | "erp:acks";

interface SourceRecord {
  kind: "856" | "810" | "855";
  naturalKey: string;
  lastModified: string;
  sendable: boolean;
  /** The ERP orders the record fulfils (type and number). */
  orders: OrderRef[];
  fingerprint: string;
  meta: Record<string, unknown>;
}

function uniqueRefs(refs: OrderRef[]): OrderRef[] {
  const byKey = new Map(refs.map((r) => [orderRefKey(r), { orderType: r.orderType, orderNbr: r.orderNbr }]));
  return [...byKey.values()];
}

function fromShipment(s: ErpShipment): SourceRecord {
  return {
    kind: "856",
    naturalKey: s.shipmentNbr,
    lastModified: s.lastModified,
    sendable: s.shipped,
    orders: uniqueRefs([...s.orders, ...s.lines]),
    fingerprint: shipmentFingerprint(s),
    // The order's type carries D365's legal entity: packing slip numbers are unique only within one.
    meta: { erp: { shipmentNbr: s.shipmentNbr, scope: s.orders[0]?.orderType ?? s.lines[0]?.orderType } },
  };
}

function fromInvoice(i: ErpInvoice): SourceRecord {
  return {
    kind: "810",
    naturalKey: i.invoiceNbr,
    lastModified: i.lastModified,
    // Credit memos are not 810 invoices to a retailer here; they stay with the operator.
    sendable: i.released && !i.credit,
    orders: uniqueRefs(i.lines.filter((l) => l.orderNbr)),
    fingerprint: invoiceFingerprint(i),
    meta: { erp: { invoiceNbr: i.invoiceNbr, invoiceType: i.invoiceType } },
  };
}

function fromConfirmation(c: ErpOrderConfirmation): SourceRecord {
  return {
    kind: "855",
    // The 855's natural key is the PO of the 850 the order came from (ackDocumentFor).
    naturalKey: c.confirmationNbr,
    lastModified: c.lastModified,
    sendable: true,
    orders: [{ orderType: c.orderType, orderNbr: c.orderNbr }],
    fingerprint: "ack1",
    meta: { erp: { confirmationNbr: c.confirmationNbr, orderNbr: c.orderNbr, legalEntity: c.orderType } },
  };
}

/**
 * The 855 a confirmed ERP order calls for, when its partner acknowledges on confirmation (rules.ackOn
 * "confirmed"; inbound.ts records the 855 at delivery otherwise): the PO of the 850 as natural key and
 * the same meta the inbound flow writes. A split multi-store PO is acknowledged once, on the first
 * confirmation of any of its orders. Undefined (with the reason) when no 855 is due.
 */
export async function ackDocumentFor(
  db: Db,
  tenantId: string,
  link: OrderLink,
  partner: Partner | undefined,
): Promise<{ naturalKey: string; meta: Record<string, unknown> } | { skip: string }> {
  if (!partner) return { skip: `partner ${link.partnerId} is no longer mapped` };
  if (partner.rules.send855 === false) return { skip: `partner ${partner.partnerId} gets no 855 (rules.send855 is false)` };
  if (partner.rules.ackOn !== "confirmed") return { skip: `partner ${partner.partnerId} is acknowledged when the order is created (rules.ackOn)` };
  const source = await getDocument(db, tenantId, link.documentId);
  if (!source || source.type !== "850") return { skip: `the 850 behind order ${link.erpOrderNbr} is gone` };
  return { naturalKey: source.naturalKey, meta: { sourceDocumentId: source.id, revision: 1 } };
}

const later = (a: string, b: string) => (Date.parse(a) >= Date.parse(b) ? a : b);

export async function pollErpStream(env: Env, db: Db, tenant: Tenant, stream: PollStream, log: Logger): Promise<void> {
  if (stream !== "erp:shipments" && stream !== "erp:invoices" && stream !== "erp:acks") {
    log.debug("stream handled by its own flow", { tenantId: tenant.id, stream });
    return;
  }
  const connection = await loadConnection(db, env, tenant.id, tenant.erp);
  const adapter = createErpAdapter(env, tenant, connection);
  if (stream === "erp:acks") {
    if (!adapter.listChangedConfirmations) {
      log.debug("the ERP has no order confirmations to poll", { tenantId: tenant.id, stream });
      return;
    }
    // Only partners acknowledged on confirmation need them: spare the ERP the read otherwise.
    if (!(await listPartners(db, tenant.id)).some((p) => p.rules.ackOn === "confirmed")) return;
  }
  const limit = readConfig(env).ERP_RECORDS_PER_POLL;
  const more = await pollChanges(env, db, tenant, stream, adapter, { limit, log });
  if (more) await env.POLLS.send({ v: 1, kind: "poll", tenantId: tenant.id, stream, trigger: "continue" });
}

/** One bounded run over a stream; true when the pass is unfinished and should continue. */
export async function pollChanges(
  env: Env,
  db: Db,
  tenant: Tenant,
  stream: ErpStream,
  adapter: ErpAdapter,
  opts: { limit: number; log: Logger; nowMs?: () => number },
): Promise<boolean> {
  const now = opts.nowMs ?? (() => Date.now());
  const stored = await readCursor(db, tenant.id, stream, PollState);
  let state: PollState = stored ?? { v: 1, watermark: new Date(tenant.createdAt - FIRST_LOOKBACK_MS).toISOString() };
  const pass = state.pass ?? { since: new Date(Date.parse(state.watermark) - OVERLAP_MS).toISOString(), skip: 0, maxSeen: state.watermark };
  let processed = 0;
  const pageSize = Math.min(100, opts.limit);
  for (;;) {
    const records = await readPage(adapter, stream, pass.since, { top: pageSize, skip: pass.skip });
    const page = { more: records.more };
    pass.skip += records.records.length;
    for (const r of records.records) pass.maxSeen = later(pass.maxSeen, r.lastModified);
    processed += records.records.length;
    const finished = !page.more;
    state = finished ? { v: 1, watermark: pass.maxSeen } : { v: 1, watermark: state.watermark, pass };
    await recordPage(env, db, tenant, stream, records.records, state, now(), opts.log);
    if (finished) return false;
    if (processed >= opts.limit) return true;
  }
}

async function readPage(adapter: ErpAdapter, stream: ErpStream, since: string, page: { top: number; skip: number }): Promise<{ records: SourceRecord[]; more: boolean }> {
  if (stream === "erp:shipments") {
    const read = await adapter.listChangedShipments(since, page);
    return { records: read.records.map(fromShipment), more: read.more };
  }
  if (stream === "erp:invoices") {
    const read = await adapter.listChangedInvoices(since, page);
    return { records: read.records.map(fromInvoice), more: read.more };
  }
  const read = await adapter.listChangedConfirmations!(since, page);
  return { records: read.records.map(fromConfirmation), more: read.more };
}

/**
 * Records one page: new documents and the stream's position in one batch; then the records seen
 * before are compared with what was recorded (changed → held or re-queued); then the new ones are
 * queued. A crash before queueing leaves them `queued`, which the cron's sweeper re-queues.
 */
async function recordPage(env: Env, db: Db, tenant: Tenant, stream: string, records: SourceRecord[], state: PollState, nowMs: number, log: Logger): Promise<void> {
  const sendable = records.filter((r) => r.sendable);
  const links = await findOrderLinks(db, tenant.id, sendable.flatMap((r) => r.orders));
  const statements: BatchStatement[] = [];
  const candidates: { record: SourceRecord; id: string; partnerId: string; naturalKey: string }[] = [];
  const partners = new Map<string, Partner | undefined>();
  for (const record of sendable) {
    const linked = record.orders.map((r) => links.get(orderRefKey(r))).filter((l): l is OrderLink => l !== undefined);
    // Not from an SPS 850: not ours to send.
    if (linked.length === 0) continue;
    const partnerId = linked[0]!.partnerId;
    const orderDocs = linked.map((l) => ({ documentId: l.documentId, orderKey: l.orderKey, orderNbr: l.erpOrderNbr, orderType: l.orderType }));
    let naturalKey = record.naturalKey;
    let meta: Record<string, unknown> = { ...record.meta, fingerprint: record.fingerprint, orderDocs, lastModified: record.lastModified };
    if (record.kind === "855") {
      if (!partners.has(partnerId)) partners.set(partnerId, await getPartner(db, tenant.id, partnerId));
      const ack = await ackDocumentFor(db, tenant.id, linked[0]!, partners.get(partnerId));
      if ("skip" in ack) continue;
      naturalKey = ack.naturalKey;
      meta = { ...ack.meta, ...record.meta };
    }
    const { id, statements: insert } = documentInsertStatements(
      db,
      tenant.id,
      { direction: "outbound", type: record.kind, partnerId, naturalKey, status: "queued", meta },
      { stage: "found", outcome: "ok", detail: { erpRecord: record.naturalKey, orders: orderDocs.map((o) => o.orderNbr), lastModified: record.lastModified } },
      nowMs,
    );
    statements.push(...insert);
    candidates.push({ record, id, partnerId, naturalKey });
  }
  statements.push(cursorUpsert(db, tenant.id, stream, state, nowMs));
  const results = (await db.batch(statements as unknown as Parameters<Db["batch"]>[0])) as unknown as D1Result[];
  const created: { id: string; direction: "outbound" }[] = [];
  const requeue: { id: string; direction: "outbound" }[] = [];
  for (const [i, c] of candidates.entries()) {
    if (results[i * 2]?.meta.changes === 1) {
      created.push({ id: c.id, direction: "outbound" });
      continue;
    }
    // An acknowledgment is sent once per PO; a later confirmation of the same PO changes nothing.
    if (c.record.kind === "855") continue;
    const existing = await findByNaturalKey(db, tenant.id, c.record.kind, c.partnerId, c.naturalKey);
    if (!existing) continue;
    const meta = metaOf(existing);
    if (meta.fingerprint === c.record.fingerprint) continue;
    if (meta.fingerprint === undefined && existing.status !== "delivered") {
      // Recorded from a business-event stub before anyone read the record: this is its first reading, not a change.
      await transitionDocument(db, tenant.id, existing.id, { meta: { ...meta, fingerprint: c.record.fingerprint } }, { stage: "fingerprint", outcome: "info", detail: { erpRecord: c.record.naturalKey } }, nowMs);
      continue;
    }
    const detail = { erpRecord: c.record.naturalKey, lastModified: c.record.lastModified };
    if (existing.status === "delivered") {
      await transitionDocument(
        db,
        tenant.id,
        existing.id,
        {
          status: "held",
          statusDetail: [
            `${c.record.kind === "856" ? "Shipment" : "Invoice"} ${c.record.naturalKey} changed in the ERP after its document was sent; check it, then replay with {"force": true} to send the corrected document`,
          ],
          meta: { ...meta, changedFingerprint: c.record.fingerprint },
        },
        { stage: "source_changed", outcome: "info", detail },
        nowMs,
      );
    } else if (["invalid", "failed", "rejected"].includes(existing.status)) {
      // Fixed in the ERP after it failed a check: send it again (the consumer reads the record afresh).
      const applied = await transitionDocument(
        db,
        tenant.id,
        existing.id,
        { status: "queued", attempts: 0, meta: { ...meta, fingerprint: c.record.fingerprint } },
        { stage: "source_changed", outcome: "info", detail: { ...detail, requeued: true } },
        nowMs,
        { onlyIfStatusIn: ["invalid", "failed", "rejected"] },
      );
      if (applied) requeue.push({ id: existing.id, direction: "outbound" });
    } else if (existing.status === "held" && meta.changedFingerprint !== c.record.fingerprint) {
      await appendAudit(db, tenant.id, existing.id, { stage: "source_changed", outcome: "info", detail }, nowMs);
    }
  }
  if (created.length > 0) await enqueueDocuments(env, tenant.id, created, "new");
  if (requeue.length > 0) await enqueueDocuments(env, tenant.id, requeue, "replay");
  if (created.length + requeue.length > 0) log.info("ERP records recorded", { tenantId: tenant.id, stream, created: created.length, requeued: requeue.length });
}
