// Whether a tenant is ready for its first documents, per flow, before one of them fails: the
// connections tested and working, partners mapped (with their legal entity where the ERP needs
// one), the tenant's ship-from, remit-to and GS1 company prefix, a carrier SCAC for every ship-via
// the ERP has used recently, item mappings for what recent orders asked for, and an ERP endpoint
// version that has what each flow reads. Each missing piece comes with its fix.
import { listConnectionViews, loadConnection, type ConnectionView } from "../db/connections";
import type { Db } from "../db/client";
import { listDocuments, statusDetailOf } from "../db/documents";
import { listPartners, type Partner } from "../db/partners";
import type { Tenant } from "../db/tenants";
import type { Env } from "../env";
import { createErpAdapter } from "../clients/factory";
import { erpProfile } from "../erp/profiles";
import { asConnectorError } from "../lib/errors";

export type ReadinessFlow = "850" | "855" | "856" | "810";

export interface Missing {
  code: string;
  message: string;
  fix: string;
}

export interface FlowReadiness {
  flow: ReadinessFlow;
  ready: boolean;
  missing: Missing[];
}

export interface Readiness {
  ready: boolean;
  flows: FlowReadiness[];
}

/** How far back "recent" shipments are read from the ERP for their ship-vias. */
const RECENT_SHIPMENTS_DAYS = 30;
const RECENT_SHIPMENTS_TOP = 100;
const RECENT_ORDERS = 100;

function connectionMissing(tenantId: string, system: string, label: string, view: ConnectionView | undefined): Missing[] {
  const path = `/v1/tenants/${tenantId}/connections/${system}`;
  if (!view) return [{ code: `connection.${system}.missing`, message: `No ${label} connection is stored`, fix: `PUT ${path} with its URL and credentials, then POST ${path}/test` }];
  if (view.status === "unknown") return [{ code: `connection.${system}.untested`, message: `The ${label} connection has not been tested since it was stored`, fix: `POST ${path}/test` }];
  if (view.status === "broken") {
    return [{ code: `connection.${system}.broken`, message: `The ${label} connection failed its last test or call: ${view.statusMessage ?? "no detail"}`, fix: `Correct it (PUT ${path}), then POST ${path}/test` }];
  }
  return [];
}

/** Each fix names the tenant's own API paths. */
export async function tenantReadiness(env: Env, db: Db, tenant: Tenant): Promise<Readiness> {
  const profile = erpProfile(tenant.erp);
  const base = `/v1/tenants/${tenant.id}`;
  const [views, partners] = await Promise.all([listConnectionViews(db, tenant.id), listPartners(db, tenant.id)]);
  const view = (system: string) => views.find((v) => v.system === system);
  const sps = connectionMissing(tenant.id, "sps", "SPS Commerce", view("sps"));
  const erp = connectionMissing(tenant.id, tenant.erp, profile.label, view(tenant.erp));

  // Partners.
  const partnerProblems: Missing[] = [];
  if (partners.length === 0) {
    partnerProblems.push({ code: "partners.none", message: "No trading partner is mapped to an ERP customer", fix: `PUT ${base}/partners/<SPS trading partner id> with customerId${profile.partner.legalEntity.required ? " and legalEntity" : ""}` });
  }
  if (profile.partner.legalEntity.required) {
    for (const p of partners.filter((p) => !p.legalEntity)) {
      partnerProblems.push({ code: "partners.legal_entity", message: `Trading partner ${p.partnerId} has no legal entity (dataAreaId): ${profile.partner.legalEntity.why}`, fix: `PUT ${base}/partners/${p.partnerId} with legalEntity` });
    }
  }

  // What recent 850s are waiting for: unmapped partners and items, in the words of their documents.
  const waiting = await listDocuments(db, tenant.id, { type: "850", status: "needs_mapping" }, { limit: RECENT_ORDERS });
  const itemProblems: Missing[] = [];
  const seen = new Set<string>();
  for (const doc of waiting) {
    for (const reason of statusDetailOf(doc)) {
      if (seen.has(reason)) continue;
      seen.add(reason);
      const partnerReason = /trading partner/i.test(reason);
      (partnerReason ? partnerProblems : itemProblems).push({
        code: partnerReason ? "partners.unmapped" : "items.unmapped",
        message: `PO ${doc.naturalKey}: ${reason}`,
        fix: partnerReason ? `PUT ${base}/partners/<partner id>, then POST ${base}/documents/${doc.id}/replay` : `PUT ${base}/items with the missing rows, then POST ${base}/documents/${doc.id}/replay`,
      });
    }
  }

  // The tenant's own data the outbound documents carry.
  const settings = tenant.settings;
  const shipFrom: Missing[] = settings.shipFrom ? [] : [{ code: "tenant.ship_from", message: "The tenant has no ship-from address (the 856's SF party)", fix: `PATCH ${base} with shipFrom` }];
  const gs1: Missing[] = settings.gs1CompanyPrefix ? [] : [{ code: "tenant.gs1_prefix", message: "The tenant has no GS1 company prefix (needed to number cartons with SSCC-18s)", fix: `PATCH ${base} with gs1CompanyPrefix` }];
  const remitTo: Missing[] = settings.remitTo ? [] : [{ code: "tenant.remit_to", message: "The tenant has no remit-to address (the 810's RI party)", fix: `PATCH ${base} with remitTo` }];

  // From the ERP, when its connection works: ship-vias without a SCAC, endpoint version fit.
  const scac: Missing[] = [];
  const versionFit: Partial<Record<ReadinessFlow, Missing[]>> = {};
  const connection = view(tenant.erp) ? await loadConnection(db, env, tenant.id, tenant.erp).catch(() => undefined) : undefined;
  if (connection) {
    const limits = (profile.flowLimits as ((settings: unknown) => { flow: ReadinessFlow; message: string; fix: string }[]) | undefined)?.(connection.settings) ?? [];
    for (const limit of limits) (versionFit[limit.flow] ??= []).push({ code: "erp.endpoint_version", message: limit.message, fix: limit.fix });
  }
  if (connection && erp.length === 0) {
    try {
      const shipVias = await recentShipVias(env, tenant, connection);
      for (const shipVia of shipVias) {
        if (!settings.carrierScacByShipVia?.[shipVia]) {
          scac.push({ code: "tenant.scac", message: `Ship-via ${shipVia}, used on recent ${profile.label} shipments, has no carrier SCAC`, fix: `PATCH ${base} with carrierScacByShipVia: {"${shipVia}": "<SCAC>"}` });
        }
      }
    } catch (e) {
      scac.push({ code: "erp.unreadable", message: `Recent ${profile.label} shipments could not be read: ${asConnectorError(e).message}`, fix: `POST ${base}/connections/${tenant.erp}/test and fix what it reports` });
    }
  }

  const wantsAcks = partners.length === 0 ? profile.send855ByDefault : partners.some((p: Partner) => p.rules.send855 ?? profile.send855ByDefault);
  const flows: FlowReadiness[] = [
    flow("850", [...sps, ...erp, ...partnerProblems, ...itemProblems, ...(versionFit["850"] ?? [])]),
    ...(wantsAcks ? [flow("855", [...sps, ...erp, ...partnerProblems])] : []),
    flow("856", [...sps, ...erp, ...partnerProblems, ...shipFrom, ...gs1, ...scac, ...(versionFit["856"] ?? [])]),
    flow("810", [...sps, ...erp, ...partnerProblems, ...remitTo, ...(versionFit["810"] ?? [])]),
  ];
  return { ready: flows.every((f) => f.ready), flows };
}

/**
 * Ship-vias without a carrier code on the ERP's shipments of the last RECENT_SHIPMENTS_DAYS. Read at
 * most every SHIP_VIA_TTL_MS per tenant and isolate: the console's dashboard asks on every view, and
 * each read costs ERP calls that a licence counts.
 */
const SHIP_VIA_TTL_MS = 10 * 60_000;
const shipViaCache = new Map<string, { at: number; shipVias: string[] }>();

async function recentShipVias(env: Env, tenant: Tenant, connection: Parameters<typeof createErpAdapter>[2]): Promise<string[]> {
  const hit = shipViaCache.get(tenant.id);
  if (hit && Date.now() - hit.at < SHIP_VIA_TTL_MS) return hit.shipVias;
  const adapter = createErpAdapter(env, tenant, connection);
  const since = new Date(Date.now() - RECENT_SHIPMENTS_DAYS * 86_400_000).toISOString();
  const page = await adapter.listChangedShipments(since, { top: RECENT_SHIPMENTS_TOP, skip: 0 });
  const shipVias = [...new Set(page.records.filter((s) => !s.carrierCode && s.shipVia).map((s) => s.shipVia!))].sort();
  if (shipViaCache.size > 1_000) shipViaCache.clear();
  shipViaCache.set(tenant.id, { at: Date.now(), shipVias });
  return shipVias;
}

function flow(name: ReadinessFlow, missing: Missing[]): FlowReadiness {
  return { flow: name, ready: missing.length === 0, missing };
}
