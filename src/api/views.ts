// Rows to API replies. Secrets never appear here: connections carry only `secretsSet`.
import { statusDetailOf, metaOf, type DocumentRow } from "../db/documents";
import type { ItemMapping } from "../flows/item-matching";
import type { Partner } from "../db/partners";
import type { Tenant } from "../db/tenants";

const iso = (ms: number) => new Date(ms).toISOString();

export function tenantView(t: Tenant) {
  return {
    id: t.id,
    name: t.name,
    erp: t.erp,
    pollIntervalMinutes: t.pollIntervalMinutes,
    documentFormat: t.documentFormat,
    status: t.status,
    gs1CompanyPrefix: t.settings.gs1CompanyPrefix ?? null,
    shipFrom: t.settings.shipFrom ?? null,
    remitTo: t.settings.remitTo ?? null,
    carrierScacByShipVia: t.settings.carrierScacByShipVia ?? {},
    sla: (t.settings.sla ?? {}) as Record<string, unknown>,
    nextPollAt: iso(t.nextPollAt),
    createdAt: iso(t.createdAt),
    updatedAt: iso(t.updatedAt),
  };
}

export function partnerView(p: Partner) {
  return {
    partnerId: p.partnerId,
    customerId: p.customerId,
    customerLocationId: p.customerLocationId,
    legalEntity: p.legalEntity,
    status: p.status,
    rules: p.rules as Record<string, unknown>,
    sla: p.sla as Record<string, unknown>,
    createdAt: iso(p.createdAt),
    updatedAt: iso(p.updatedAt),
  };
}

export function itemMappingView(m: ItemMapping) {
  return {
    partnerId: m.partnerId === "*" ? null : m.partnerId,
    legalEntity: m.legalEntity === "*" ? null : m.legalEntity,
    kind: m.kind,
    value: m.value,
    erpItemId: m.erpItemId,
    uom: m.uom,
    uomFactor: m.uomFactor,
  };
}

export function documentView(d: DocumentRow) {
  return {
    id: d.id,
    direction: d.direction,
    type: d.type,
    status: d.status,
    statusDetail: statusDetailOf(d),
    partnerId: d.partnerId,
    naturalKey: d.naturalKey,
    erpReference: d.erpReference,
    spsPath: d.spsPath,
    attempts: d.attempts,
    lastError: d.lastError,
    createdAt: iso(d.createdAt),
    updatedAt: iso(d.updatedAt),
  };
}

export function documentDetailView(d: DocumentRow) {
  return { ...documentView(d), rawFormat: d.rawFormat, rawSize: d.rawSize, meta: metaOf(d) };
}
