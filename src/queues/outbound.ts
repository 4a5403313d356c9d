// Outbound consumer (push): re-read the ERP record, build the RSX 856 / 810 / 855 from it and the
// original 850, check it against the partner's compliance rules, and upload it to SPS under a
// deterministic name (a retried upload overwrites instead of duplicating). Every step audited.
import type { Db } from "../db/client";
import { createDb } from "../db/client";
import { loadConnection } from "../db/connections";
import { orderMetaOf, outboundMetaOf } from "../db/document-meta";
import { getDocument, transitionDocument, type DocumentRow } from "../db/documents";
import { findOrderLinks, type OrderRef } from "../db/order-links";
import { getPartner, type Partner } from "../db/partners";
import { adoptShipmentAudit, ensureShipmentSsccs } from "../db/shipment-ssccs";
import { getTenant, type SettingsAddress, type Tenant } from "../db/tenants";
import { readConfig, type Env } from "../env";
import type { ErpAdapter, ErpShipment } from "../erp/adapter";
import { createErpAdapter, createSpsClient } from "../clients/factory";
import { checkInvoice, checkOrderAck, checkShipNotice } from "../flows/compliance";
import type { CreatedOrders } from "../flows/order-links";
import { invoiceInputFrom } from "../flows/outbound-invoice";
import { orderAckInputFrom } from "../flows/outbound-order-ack";
import type { OutboundOrderLink } from "../flows/line-tracing";
import { shipNoticeInputFrom, ssccRequests, type ShipNoticeSource } from "../flows/outbound-ship-notice";
import { invoiceFingerprint, shipmentFingerprint } from "../flows/record-fingerprint";
import { gzip } from "../lib/compress";
import { ConnectorError } from "../lib/errors";
import type { Logger } from "../lib/log";
import { buildInvoice, buildOrderAck, buildShipNotice, buildSscc, outboundFileName, type BuiltRsxDocument, type RsxResult } from "../rsx";
import type { AddressInput } from "../rsx/echo-groups";
import { orderShape } from "../rsx/order-850-queries";
import { claimDocument } from "./claim";
import { loadOrder } from "./stored-order";
import { buildFeedDocument } from "./inventory-feed";
import type { OutboundMessage } from "./messages";

interface Built {
  document: BuiltRsxDocument;
  documentId: string;
  model: string;
  fingerprint?: string;
  meta: Record<string, unknown>;
  /** Worth knowing about how the ERP record was read (ErpInvoice.notes); recorded with the upload. */
  notes?: string[] | undefined;
}

function invalid(reasons: string[]): ConnectorError {
  return new ConnectorError("invalid", reasons.join("; "), { reasons });
}

function orThrow<T>(result: RsxResult<T>): T {
  if (!result.ok) throw invalid(result.error.reasons);
  return result.value;
}

function addressInput(a: SettingsAddress | undefined, typeCode: string): AddressInput | undefined {
  if (!a) return undefined;
  return {
    addressTypeCode: typeCode,
    locationCodeQualifier: a.locationNumber ? (a.locationQualifier ?? "91") : undefined,
    addressLocationNumber: a.locationNumber,
    addressName: a.name,
    address1: a.address1,
    address2: a.address2,
    city: a.city,
    state: a.state,
    postalCode: a.postalCode,
    country: a.country,
  };
}

const today = () => new Date().toISOString().slice(0, 10);
const timeNow = () => new Date().toISOString().slice(11, 19);

export async function processOutbound(env: Env, msg: OutboundMessage, attempts: number, log: Logger): Promise<void> {
  const db = createDb(env.DB);
  const doc = await getDocument(db, msg.tenantId, msg.documentId);
  if (!doc) {
    log.warn("outbound message for a missing document dropped", { tenantId: msg.tenantId, documentId: msg.documentId });
    return;
  }
  if (!["received", "queued", "delivering"].includes(doc.status)) return;
  await claimDocument(db, doc, attempts, readConfig(env).CLAIM_TTL_MS);
  const tenant = (await getTenant(db, doc.tenantId)) as Tenant;
  const partner = await getPartner(db, doc.tenantId, doc.partnerId);
  if (!partner) {
    const reason = `Trading partner ${doc.partnerId} is not mapped; PUT /v1/tenants/${doc.tenantId}/partners/${doc.partnerId}`;
    throw new ConnectorError("needs_mapping", reason, { reasons: [reason] });
  }
  let built: Built;
  if (doc.type === "855") {
    built = await buildAck(db, doc, partner);
  } else if (doc.type === "846") {
    built = { ...buildFeedDocument(doc, partner, tenant.settings.shipFrom?.name), meta: {} };
  } else {
    const connection = await loadConnection(db, env, doc.tenantId, tenant.erp);
    const adapter = createErpAdapter(env, tenant, connection);
    built = doc.type === "856" ? await buildFromShipment(db, adapter, tenant, doc, partner) : await buildFromInvoice(db, adapter, tenant, doc, partner);
  }
  await upload(env, db, tenant, partner, doc, built);
}

/** The 850s the ERP orders came from, with what was created for each (fresh from D1). Shared with the carton labels. */
export async function orderLinksFor(db: Db, tenantId: string, refs: OrderRef[]): Promise<OutboundOrderLink[]> {
  const links = await findOrderLinks(db, tenantId, refs);
  const out: OutboundOrderLink[] = [];
  const cache = new Map<string, DocumentRow>();
  for (const link of links.values()) {
    let source = cache.get(link.documentId);
    if (!source) {
      source = await getDocument(db, tenantId, link.documentId);
      if (!source) throw new ConnectorError("invalid", `The 850 document ${link.documentId} behind ERP order ${link.erpOrderNbr} is gone`);
      cache.set(link.documentId, source);
    }
    const created: CreatedOrders = orderMetaOf(source).orders ?? {};
    const meta = created[link.orderKey];
    if (!meta) throw new ConnectorError("invalid", `The 850 document ${link.documentId} has no record of ERP order ${link.erpOrderNbr}`);
    out.push({ order: await loadOrder(source), created: meta, orderKey: link.orderKey, documentId: source.id });
  }
  if (out.length === 0) throw invalid([`None of the ERP orders ${[...new Set(refs.map((r) => r.orderNbr))].join(", ")} came from an SPS 850`]);
  return out;
}

async function buildFromShipment(db: Db, adapter: ErpAdapter, tenant: Tenant, doc: DocumentRow, partner: Partner): Promise<Built> {
  const scope = outboundMetaOf(doc).erp ?? {};
  const shipment = await adapter.getShipment(doc.naturalKey, scope.scope ?? scope.legalEntity);
  if (!shipment) throw new ConnectorError("rejected", `Shipment ${doc.naturalKey} no longer exists in the ERP`, { reasons: [`Shipment ${doc.naturalKey} no longer exists in the ERP`] });
  if (!shipment.shipped) {
    throw new ConnectorError("held", `Shipment ${doc.naturalKey} is ${shipment.status}, not shipped; replay it once it is confirmed`, {
      reasons: [`Shipment ${doc.naturalKey} is ${shipment.status}, not shipped; replay it once it is confirmed`],
    });
  }
  const orders = await orderLinksFor(db, tenant.id, [...shipment.orders, ...shipment.lines]);
  const base = shipNoticeSourceOf(tenant, shipment, orders, partner);
  const ssccs = await ensureSsccs(db, tenant, doc, ssccRequests(base));
  const input = orThrow(shipNoticeInputFrom({ ...base, ssccFor: (id) => ssccs[id]! }));
  const check = checkShipNotice(input, orders.map((o) => o.order), partner.rules);
  if (!check.ok) throw invalid(check.violations.map((v) => v.message));
  return {
    document: orThrow(buildShipNotice(input)),
    documentId: shipment.shipmentNbr,
    model: orderShape(orders[0]!.order),
    fingerprint: shipmentFingerprint(shipment),
    meta: { ssccs },
  };
}

/** What the 856 mapping (and the carton labels, from the same packing) needs besides the SSCCs. */
export function shipNoticeSourceOf(tenant: Tenant, shipment: ErpShipment, orders: OutboundOrderLink[], partner: Partner): Omit<ShipNoticeSource, "ssccFor"> {
  return {
    shipment,
    orders,
    partner: { partnerId: partner.partnerId, rules: partner.rules },
    supplier: { shipFrom: addressInput(tenant.settings.shipFrom, "SF"), carrierScacByShipVia: tenant.settings.carrierScacByShipVia },
    today: today(),
    noticeTime: timeNow(),
  };
}

/**
 * SSCC-18s for the cartons that need one: the shipment's reservation (db/shipment-ssccs.ts, shared
 * with the carton labels, so labels printed first carry the numbers sent here), new ones from the
 * tenant's serial counter. Kept on the document too, so a rebuild (retry, replay) sends the same numbers.
 */
async function ensureSsccs(db: Db, tenant: Tenant, doc: DocumentRow, requested: string[]): Promise<Record<string, string>> {
  const meta = outboundMetaOf(doc);
  const known = meta.ssccs ?? {};
  if (requested.every((id) => known[id])) return { ...known };
  const result = await ensureShipmentSsccs(db, { tenantId: tenant.id, shipmentNbr: doc.naturalKey, requested, known, makeSscc: ssccMaker(tenant) }, Date.now());
  if (!result.ok) {
    const reason = `Cartons need SSCC-18 numbers and the ERP has none; set the tenant's gs1CompanyPrefix (PATCH /v1/tenants/${tenant.id})`;
    throw new ConnectorError("invalid", reason, { reasons: [reason] });
  }
  const ssccs = { ...known, ...result.ssccs };
  const added = requested.filter((id) => !known[id]);
  await transitionDocument(
    db,
    tenant.id,
    doc.id,
    { meta: { ...meta, ssccs } },
    {
      stage: "sscc_assigned",
      outcome: "info",
      detail: { cartons: added.length, ssccs: added.map((id) => ssccs[id]), ...(result.fromReservation.length > 0 ? { reservedByLabels: result.fromReservation.length } : {}) },
    },
    Date.now(),
    // Labels printed before this document existed were audited under the shipment; they join its trail.
    { also: result.fromReservation.length > 0 ? [adoptShipmentAudit(db, tenant.id, doc.naturalKey, doc.id)] : [] },
  );
  return ssccs;
}

/** The tenant's SSCC-18 for a serial (extension digit 0), or undefined without a GS1 company prefix. */
export function ssccMaker(tenant: Tenant): ((serial: number) => string) | undefined {
  const prefix = tenant.settings.gs1CompanyPrefix;
  if (!prefix) return undefined;
  return (serial) => orThrow(buildSscc({ extensionDigit: 0, companyPrefix: prefix, serial }));
}

async function buildFromInvoice(db: Db, adapter: ErpAdapter, tenant: Tenant, doc: DocumentRow, partner: Partner): Promise<Built> {
  const type = outboundMetaOf(doc).erp?.invoiceType;
  const invoice = await adapter.getInvoice(doc.naturalKey, type);
  if (!invoice) throw new ConnectorError("rejected", `Invoice ${doc.naturalKey} no longer exists in the ERP`, { reasons: [`Invoice ${doc.naturalKey} no longer exists in the ERP`] });
  if (!invoice.released) {
    throw new ConnectorError("held", `Invoice ${doc.naturalKey} is ${invoice.status}, not released; replay it once it is released`, {
      reasons: [`Invoice ${doc.naturalKey} is ${invoice.status}, not released; replay it once it is released`],
    });
  }
  const orders = await orderLinksFor(db, tenant.id, invoice.lines.filter((l) => l.orderNbr));
  // The shipments it bills give the 810 its ship date, bill of lading and carton count.
  const shipmentNbrs = [...new Set(invoice.lines.map((l) => l.shipmentNbr).filter((s): s is string => Boolean(s)))].slice(0, 5);
  const shipments: ErpShipment[] = [];
  for (const nbr of shipmentNbrs) {
    const s = await adapter.getShipment(nbr, invoice.lines.find((l) => l.shipmentNbr === nbr)?.orderType);
    if (s) shipments.push(s);
  }
  const draft = orThrow(
    invoiceInputFrom({
      invoice,
      orders,
      partner: { partnerId: partner.partnerId, rules: partner.rules },
      supplier: { remitTo: addressInput(tenant.settings.remitTo, "RI") },
      shipments,
    }),
  );
  const check = checkInvoice(draft.input, orders.map((o) => o.order), partner.rules, draft.erpAmounts);
  if (!check.ok) throw invalid(check.violations.map((v) => v.message));
  return {
    document: orThrow(buildInvoice(draft.input)),
    documentId: invoice.invoiceNbr,
    model: orderShape(orders[0]!.order),
    fingerprint: invoiceFingerprint(invoice),
    meta: {},
    notes: invoice.notes,
  };
}

async function buildAck(db: Db, doc: DocumentRow, partner: Partner): Promise<Built> {
  const sourceId = outboundMetaOf(doc).sourceDocumentId;
  const source = sourceId ? await getDocument(db, doc.tenantId, sourceId) : undefined;
  if (!source) throw invalid([`The 850 this acknowledgment answers (${sourceId ?? "unknown"}) is gone`]);
  const order = await loadOrder(source);
  const created = Object.values(orderMetaOf(source).orders ?? {});
  if (created.length === 0) throw invalid(["The 850 has no sales order yet; the acknowledgment is sent once the order exists"]);
  const input = orThrow(orderAckInputFrom({ order, created, today: today(), time: timeNow() }));
  const check = checkOrderAck(input, [order], partner.rules);
  if (!check.ok) throw invalid(check.violations.map((v) => v.message));
  return { document: orThrow(buildOrderAck(input)), documentId: order.header.purchaseOrderNumber, model: orderShape(order), meta: {} };
}

async function upload(env: Env, db: Db, tenant: Tenant, partner: Partner, doc: DocumentRow, built: Built): Promise<void> {
  const connection = await loadConnection(db, env, tenant.id, "sps");
  const settings = connection.settings;
  const format = tenant.documentFormat;
  const name = outboundFileName({ documentType: doc.type as "855" | "856" | "810" | "846", documentId: built.documentId, model: built.model, format });
  // Partners still in testing get their documents in the test mailbox where the account has one.
  const folder = partner.status === "testing" && settings.testOutboundPath ? settings.testOutboundPath : settings.outboundPath;
  const path = `${folder}${name}`;
  const body = new TextEncoder().encode(format === "json" ? built.document.json : built.document.xml);
  const sps = createSpsClient(env, tenant.id, connection);
  await sps.uploadFile(path, body);
  const { changedFingerprint: _changed, ...previous } = outboundMetaOf(doc);
  const meta = { ...previous, ...built.meta, ...(built.fingerprint ? { fingerprint: built.fingerprint } : {}) };
  // The payload as sent is kept for the audit trail, compressed like inbound files.
  const raw = await gzip(body);
  await transitionDocument(
    db,
    tenant.id,
    doc.id,
    {
      status: "delivered",
      spsPath: path,
      statusDetail: null,
      lastError: null,
      meta,
      ...(raw.byteLength < 1_900_000 ? { raw, rawFormat: format, rawSize: body.byteLength } : {}),
      ...(doc.type === "855" ? {} : { erpReference: doc.naturalKey }),
    },
    { stage: "uploaded", outcome: "ok", detail: { path, bytes: body.byteLength, format, ...(built.notes?.length ? { notes: built.notes } : {}) } },
    Date.now(),
  );
}
