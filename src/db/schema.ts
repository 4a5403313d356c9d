// D1 schema (drizzle). `npm run db:generate` turns changes here into a migration in migrations/.
// docs/storage.md describes every table and column.
import { sql } from "drizzle-orm";
import { customType, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { ConnectionSystem } from "../connections/systems";
import type { ErpKind } from "../erp/profiles";
import { OBLIGATION_KINDS, OBLIGATION_STATES } from "../sla/kinds";

/** Bytes in a BLOB column. D1 hands blobs back as an ArrayBuffer or an array of numbers. */
const bytes = customType<{ data: Uint8Array; driverData: ArrayBuffer | number[] | Uint8Array }>({
  dataType: () => "blob",
  toDriver: (value) => value,
  fromDriver: (value) => (value instanceof Uint8Array ? value : new Uint8Array(value as ArrayBuffer)),
});

export const DOCUMENT_FORMATS = ["xml", "json"] as const;
export const DIRECTIONS = ["inbound", "outbound"] as const;
export const DOCUMENT_TYPES = ["850", "855", "856", "810", "846", "852"] as const;
export const PARTNER_STATUSES = ["testing", "live"] as const;
export const TENANT_STATUSES = ["active", "paused"] as const;
export const CONNECTION_STATUSES = ["unknown", "ok", "broken"] as const;
export const ITEM_KEY_KINDS = ["buyer_part", "vendor_part", "gtin"] as const;

/**
 * One enum for every document, both directions. Terminal or operator-visible states:
 * delivered, needs_mapping, invalid, held, rejected, failed.
 */
export const DOCUMENT_STATUSES = [
  "received",
  "queued",
  "delivering",
  "delivered",
  "needs_mapping",
  "invalid",
  "held",
  "rejected",
  "failed",
] as const;

export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];
export type Direction = (typeof DIRECTIONS)[number];
export type DocumentType = (typeof DOCUMENT_TYPES)[number];
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];
export type PartnerStatus = (typeof PARTNER_STATUSES)[number];
export type ItemKeyKind = (typeof ITEM_KEY_KINDS)[number];

const now = sql`(unixepoch('subsec') * 1000)`;

export const tenants = sqliteTable(
  "tenants",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    erp: text("erp").$type<ErpKind>().notNull(),
    pollIntervalMinutes: integer("poll_interval_minutes").notNull().default(5),
    documentFormat: text("document_format", { enum: DOCUMENT_FORMATS }).notNull().default("xml"),
    status: text("status", { enum: TENANT_STATUSES }).notNull().default("active"),
    /** Tenant-level settings (JSON, validated by TenantSettingsSchema). */
    settings: text("settings").notNull().default("{}"),
    /** When the cron should next enqueue this tenant's polls (epoch ms). */
    nextPollAt: integer("next_poll_at").notNull().default(0),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [index("tenants_due_idx").on(t.status, t.nextPollAt)],
);

export const connections = sqliteTable(
  "connections",
  {
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    system: text("system").$type<ConnectionSystem>().notNull(),
    /** Non-secret settings in clear (JSON): URLs, endpoint name and version, limits. */
    settings: text("settings").notNull(),
    /** Secret fields as one JWE (dir + A256GCM), tenant and system bound in its protected header. */
    secrets: text("secrets").notNull(),
    /** Names of the secret fields that are set (JSON array), so replies can say which are present. */
    secretFields: text("secret_fields").notNull().default("[]"),
    status: text("status", { enum: CONNECTION_STATUSES }).notNull().default("unknown"),
    statusMessage: text("status_message"),
    checkedAt: integer("checked_at"),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.system] })],
);

export const partners = sqliteTable(
  "partners",
  {
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    partnerId: text("partner_id").notNull(),
    customerId: text("customer_id").notNull(),
    customerLocationId: text("customer_location_id"),
    legalEntity: text("legal_entity"),
    status: text("status", { enum: PARTNER_STATUSES }).notNull().default("testing"),
    /** Per-partner document rules (JSON, validated by PartnerRulesSchema). */
    rules: text("rules").notNull().default("{}"),
    /** Due-date rules (JSON, validated by SlaSchema); the tenant's `sla` setting fills what is unset. */
    sla: text("sla").notNull().default("{}"),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.partnerId] })],
);

/**
 * Item cross-references, one row per identifier. `partner_id` and `legal_entity` use "*" for
 * "any" so the unique index treats them as values (NULLs would never collide).
 */
export const items = sqliteTable(
  "items",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    partnerId: text("partner_id").notNull().default("*"),
    legalEntity: text("legal_entity").notNull().default("*"),
    kind: text("kind", { enum: ITEM_KEY_KINDS }).notNull(),
    value: text("value").notNull(),
    erpItemId: text("erp_item_id").notNull(),
    uom: text("uom"),
    /** Units of `uom` per unit ordered in the 850's UOM (e.g. 12 when a case of 12 is ordered as CA). */
    uomFactor: integer("uom_factor"),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [uniqueIndex("items_key_idx").on(t.tenantId, t.partnerId, t.legalEntity, t.kind, t.value)],
);

export const cursors = sqliteTable(
  "cursors",
  {
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    stream: text("stream").notNull(),
    /** SPS listing cursor state or ERP watermark (JSON, shape owned by the stream). */
    value: text("value").notNull(),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.stream] })],
);

export const documents = sqliteTable(
  "documents",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    direction: text("direction", { enum: DIRECTIONS }).notNull(),
    type: text("type", { enum: DOCUMENT_TYPES }).notNull(),
    /** SPS trading partner id ("" while unknown, e.g. an unparseable file). */
    partnerId: text("partner_id").notNull().default(""),
    /** PO, shipment or invoice number (or, for an unparseable file, its SPS path). */
    naturalKey: text("natural_key").notNull(),
    status: text("status", { enum: DOCUMENT_STATUSES }).notNull(),
    /** Why the document is in its status, in words an operator can act on (JSON array of strings). */
    statusDetail: text("status_detail"),
    erpReference: text("erp_reference"),
    spsPath: text("sps_path"),
    /** SHA-256 (hex) of the raw payload: same key + same hash = duplicate, other hash = conflict. */
    contentHash: text("content_hash"),
    rawFormat: text("raw_format", { enum: DOCUMENT_FORMATS }),
    rawSize: integer("raw_size"),
    /** Raw payload, gzip-compressed. */
    raw: bytes("raw"),
    /** Flow-owned facts (JSON): ERP record ids, fingerprints, split orders, dates. */
    meta: text("meta").notNull().default("{}"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [
    uniqueIndex("documents_natural_key_idx").on(t.tenantId, t.type, t.partnerId, t.naturalKey),
    index("documents_tenant_status_idx").on(t.tenantId, t.status),
    index("documents_tenant_id_idx").on(t.tenantId, t.id),
    index("documents_tenant_path_idx").on(t.tenantId, t.spsPath),
    // The cron's sweep for documents that lost their queue message (status in flight, old update).
    index("documents_status_updated_idx").on(t.status, t.updatedAt),
  ],
);

export const auditEvents = sqliteTable(
  "audit_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    tenantId: text("tenant_id").notNull(),
    documentId: text("document_id").notNull(),
    at: integer("at").notNull(),
    stage: text("stage").notNull(),
    outcome: text("outcome").notNull(),
    /** Status of the document after this event, when the event changed it. */
    status: text("status", { enum: DOCUMENT_STATUSES }),
    actor: text("actor").notNull().default("system"),
    /** JSON detail, secrets redacted before it is written. */
    detail: text("detail"),
  },
  (t) => [index("audit_document_idx").on(t.tenantId, t.documentId, t.id)],
);

export { OBLIGATION_KINDS, OBLIGATION_STATES, type ObligationKind, type ObligationState } from "../sla/kinds";

/**
 * A document a retailer expects by a due time (src/sla): an 855 after an 850, an 856 and an 810 after
 * a shipment, a shipment by the 850's ship-no-later / cancel date. `next_check_at` is when the watch
 * must look at it next (its warning time, then its due time), NULL once it is settled.
 */
export const obligations = sqliteTable(
  "obligations",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    partnerId: text("partner_id").notNull(),
    kind: text("kind", { enum: OBLIGATION_KINDS }).notNull(),
    /** What the obligation is about: the PO (855, ship) or the ERP shipment number (856, 810). */
    subject: text("subject").notNull(),
    orderKey: text("order_key").notNull(),
    /** The document that started the clock (the 850, or the 856 of the shipment). */
    sourceDocumentId: text("source_document_id").notNull(),
    startsAt: integer("starts_at").notNull(),
    warnAt: integer("warn_at").notNull(),
    dueAt: integer("due_at").notNull(),
    state: text("state", { enum: OBLIGATION_STATES }).notNull(),
    nextCheckAt: integer("next_check_at"),
    satisfiedBy: text("satisfied_by"),
    satisfiedAt: integer("satisfied_at"),
    /** satisfied_at − due_at (negative: early). */
    latenessMs: integer("lateness_ms"),
    /** It was at risk before it was settled (a fine avoided when then met). */
    wasAtRisk: integer("was_at_risk", { mode: "boolean" }).notNull().default(false),
    /** The partner's fee per incident of this kind, when its rules give one. */
    fee: real("fee"),
    waivedBy: text("waived_by"),
    waivedReason: text("waived_reason"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("obligations_key_idx").on(t.tenantId, t.kind, t.partnerId, t.subject),
    index("obligations_next_check_idx").on(t.nextCheckAt).where(sql`${t.nextCheckAt} IS NOT NULL`),
    index("obligations_order_idx").on(t.tenantId, t.partnerId, t.orderKey),
  ],
);

/** A tenant's alert channels and rules (JSON, AlertSettingsSchema) and the channels' secrets as one JWE. */
export const alertSettings = sqliteTable("alert_settings", {
  tenantId: text("tenant_id")
    .primaryKey()
    .references(() => tenants.id, { onDelete: "cascade" }),
  settings: text("settings").notNull(),
  secrets: text("secrets"),
  updatedAt: integer("updated_at").notNull(),
});

/** One row per alert condition (src/alerts): raised once while open, a "resolved" when it clears. */
export const alertConditions = sqliteTable(
  "alert_conditions",
  {
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    type: text("type").notNull(),
    severity: text("severity").notNull(),
    state: text("state", { enum: ["open", "resolved"] }).notNull(),
    partnerId: text("partner_id"),
    documentId: text("document_id"),
    subject: text("subject"),
    message: text("message").notNull(),
    occurrences: integer("occurrences").notNull().default(1),
    openedAt: integer("opened_at").notNull(),
    resolvedAt: integer("resolved_at"),
    alertId: text("alert_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.key] }), index("alert_conditions_open_idx").on(t.state).where(sql`${t.state} = 'open'`)],
);

/** A raised or resolved alert, waiting for dispatch (dispatched_at NULL) or dispatched. */
export const alertEvents = sqliteTable(
  "alert_events",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    conditionKey: text("condition_key").notNull(),
    kind: text("kind", { enum: ["raised", "resolved", "test"] }).notNull(),
    type: text("type").notNull(),
    severity: text("severity").notNull(),
    /** The alert body (AlertBody JSON). */
    body: text("body").notNull(),
    createdAt: integer("created_at").notNull(),
    dispatchedAt: integer("dispatched_at"),
  },
  (t) => [
    index("alert_events_pending_idx").on(t.createdAt).where(sql`${t.dispatchedAt} IS NULL`),
    index("alert_events_tenant_idx").on(t.tenantId, t.createdAt),
  ],
);

/** One message to one channel (an alert or a digest of several), with its attempts. */
export const alertDeliveries = sqliteTable(
  "alert_deliveries",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    channel: text("channel").notNull(),
    eventIds: text("event_ids").notNull(),
    digest: integer("digest", { mode: "boolean" }).notNull().default(false),
    body: text("body").notNull(),
    state: text("state", { enum: ["pending", "delivered", "failed"] }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at"),
    lastStatus: integer("last_status"),
    lastError: text("last_error"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("alert_deliveries_due_idx").on(t.nextAttemptAt).where(sql`${t.nextAttemptAt} IS NOT NULL`),
    index("alert_deliveries_tenant_idx").on(t.tenantId, t.createdAt),
  ],
);

/** Per tenant and poll stream: the last success and the failures since (written only when it changes). */
export const pollHealth = sqliteTable(
  "poll_health",
  {
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    stream: text("stream").notNull(),
    lastSuccessAt: integer("last_success_at"),
    lastFailureAt: integer("last_failure_at"),
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
    lastError: text("last_error"),
    authRefused: integer("auth_refused", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.stream] })],
);

/** The watch's positions (e.g. how far it has read document changes), by key. */
export const watchState = sqliteTable("watch_state", {
  key: text("key").primaryKey(),
  value: integer("value").notNull(),
});

/**
 * ERP sales order → the 850 document it was made from (one row per created or linked order).
 * The outbound pollers follow shipments and invoices back to their 850 through it.
 */
export const orderLinks = sqliteTable(
  "order_links",
  {
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    /** What qualifies the number in the ERP: Acumatica's order type, D365's legal entity (lower case). */
    orderType: text("order_type").notNull().default(""),
    erpOrderNbr: text("erp_order_nbr").notNull(),
    documentId: text("document_id").notNull(),
    orderKey: text("order_key").notNull(),
    partnerId: text("partner_id").notNull(),
    createdAt: integer("created_at").notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.orderType, t.erpOrderNbr] })],
);

/** The next SSCC serial per tenant: allocated in blocks by one UPDATE … RETURNING, never reused. */
export const ssccSerials = sqliteTable("sscc_serials", {
  tenantId: text("tenant_id")
    .primaryKey()
    .references(() => tenants.id, { onDelete: "cascade" }),
  nextSerial: integer("next_serial").notNull(),
});

/**
 * Business events received on POST /v1/hooks/dynamics/:tenant, one row per ControlNumber: a second
 * delivery of the same event (F&O retries, reference/dynamics-365-fo.md §6) finds its row and changes
 * nothing. `outcome` says what the first delivery did (recorded a document, or why it was ignored).
 */
export const hookEvents = sqliteTable(
  "hook_events",
  {
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    /** F&O's ControlNumber (int64, kept as text). */
    controlNumber: text("control_number").notNull(),
    eventId: text("event_id").notNull(),
    businessEventId: text("business_event_id").notNull(),
    legalEntity: text("legal_entity"),
    outcome: text("outcome", { enum: ["recorded", "ignored"] }).notNull(),
    reason: text("reason"),
    documentId: text("document_id"),
    receivedAt: integer("received_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.controlNumber] })],
);

/**
 * Carton id → SSCC-18 per ERP shipment (migrations/0007_carton_labels.sql, written by hand): the one
 * reservation the 856 and the carton labels share, so a label printed before the 856 is built and
 * the 856 itself carry the same numbers. Entries are never replaced once written.
 */
export const shipmentSsccs = sqliteTable(
  "shipment_ssccs",
  {
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    /** The ERP shipment (Acumatica ShipmentNbr) or packing slip (F&O PackingSlipId) number. */
    shipmentNbr: text("shipment_nbr").notNull(),
    /** JSON object: carton or pallet id (ssccRequests) → SSCC-18. */
    ssccs: text("ssccs").notNull(),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.shipmentNbr] })],
);

/** Issue 16: a retailer's store or DC number → the tenant's name for it, per partner. */
export const locations = sqliteTable(
  "locations",
  {
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    partnerId: text("partner_id").notNull(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.partnerId, t.code] })],
);

/**
 * Issue 16: one quantity read from an inbound 846 or 852: per partner, retailer location, item,
 * period and measure (src/flows/activity-rows.ts names the measures). The retailer's codes are kept
 * whether or not they are mapped; `erp_item_id` is NULL for an unmapped item, and a location's name
 * comes from `locations` when read.
 */
export const activity = sqliteTable(
  "activity",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    partnerId: text("partner_id").notNull(),
    /** The 846/852 document the latest value came from. */
    documentId: text("document_id").notNull(),
    /** The retailer's store or DC number ("" for a report-wide figure). */
    locationCode: text("location_code").notNull(),
    /** The retailer's identifier for the item, e.g. "bp:NW-1" (src/flows/activity-rows.ts `itemCodeOf`). */
    itemCode: text("item_code").notNull(),
    erpItemId: text("erp_item_id"),
    /** ISO dates (YYYY-MM-DD), inclusive. */
    periodStart: text("period_start").notNull(),
    periodEnd: text("period_end").notNull(),
    measure: text("measure").notNull(),
    quantity: real("quantity").notNull(),
    uom: text("uom"),
  },
  (t) => [
    uniqueIndex("activity_key_idx").on(t.tenantId, t.partnerId, t.locationCode, t.itemCode, t.periodStart, t.periodEnd, t.measure),
    index("activity_item_idx").on(t.tenantId, t.erpItemId, t.periodStart),
    index("activity_document_idx").on(t.tenantId, t.documentId),
    index("activity_unmapped_idx")
      .on(t.tenantId, t.partnerId, t.itemCode)
      .where(sql`${t.erpItemId} IS NULL`),
  ],
);
