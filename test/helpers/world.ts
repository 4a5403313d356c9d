// Builds a connector tenant wired to its own sandbox SPS account and Acumatica instance, with the
// demo world's partners and items mapped: the starting point of flow tests.
import demoWorld from "../../sandbox/fixtures/demo-world.json";
import { control, createAcumaticaInstance, createSpsAccount, type AcumaticaInstanceInfo } from "../sandbox/sandbox-control";
import { api, createTenant, uniqueTenantId } from "./api";

export interface World {
  tenantId: string;
  sps: { clientId: string; clientSecret: string };
  acumatica: AcumaticaInstanceInfo;
}

export function demoItemRows(): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = demoWorld.items.map((i) => ({ vendorPartNumber: i.vendorPartNumber, upc: i.upc, erpItemId: i.inventoryId, uom: i.uom }));
  for (const b of demoWorld.buyerPartNumbers) rows.push({ partnerId: b.partnerId, buyerPartNumber: b.buyerPartNumber, erpItemId: b.inventoryId });
  return rows;
}

export async function createWorld(
  opts: {
    spsAccount?: Record<string, unknown>;
    acumaticaInstance?: Record<string, unknown>;
    endpointVersion?: string;
    requestsPerMinute?: number;
    partners?: boolean;
    items?: boolean;
    tenant?: Record<string, unknown>;
    spsConnection?: Record<string, unknown>;
  } = {},
): Promise<World> {
  const tenantId = uniqueTenantId("w");
  await createTenant(tenantId, "acumatica", {
    gs1CompanyPrefix: demoWorld.supplier.gs1CompanyPrefix,
    shipFrom: demoWorld.supplier.shipFrom,
    remitTo: demoWorld.supplier.remitTo,
    carrierScacByShipVia: demoWorld.supplier.carrierScacByShipVia,
    ...(opts.tenant ?? {}),
  });
  const sps = await createSpsAccount({ folders: ["in/", "out/", "out/PO/", "testin/", "testout/"], tokenRequestsPerMinute: 1000, ...(opts.spsAccount ?? {}) });
  const acumatica = await createAcumaticaInstance(opts.acumaticaInstance ?? {});
  const putSps = await api("PUT", `/v1/tenants/${tenantId}/connections/sps`, { body: { clientId: sps.clientId, clientSecret: sps.clientSecret, ...(opts.spsConnection ?? {}) } });
  if (putSps.status !== 200) throw new Error(`sps connection: ${putSps.text}`);
  const putAcu = await api("PUT", `/v1/tenants/${tenantId}/connections/acumatica`, {
    body: {
      instanceUrl: acumatica.base,
      endpointVersion: opts.endpointVersion ?? "24.200.001",
      clientId: acumatica.clientId,
      clientSecret: acumatica.clientSecret,
      username: acumatica.username,
      password: acumatica.password,
      requestsPerMinute: opts.requestsPerMinute ?? 6000,
    },
  });
  if (putAcu.status !== 200) throw new Error(`acumatica connection: ${putAcu.text}`);
  if (opts.partners !== false) {
    for (const p of demoWorld.partners) {
      const res = await api("PUT", `/v1/tenants/${tenantId}/partners/${p.partnerId}`, {
        body: { customerId: p.customerId, customerLocationId: "MAIN", status: "live", rules: p.rules },
      });
      if (res.status !== 200) throw new Error(`partner: ${res.text}`);
    }
  }
  if (opts.items !== false) {
    const res = await api("PUT", `/v1/tenants/${tenantId}/items`, { body: demoItemRows() });
    if (res.status !== 200 || res.body.errors.length > 0) throw new Error(`items: ${res.text}`);
  }
  return { tenantId, sps, acumatica };
}

export async function spsCounters(clientId: string) {
  return (await control("GET", `/counters?sim=sps&account=${encodeURIComponent(clientId)}`)).json;
}

export async function acumaticaCounters(host: string) {
  return (await control("GET", `/counters?sim=acumatica&instance=${encodeURIComponent(host)}`)).json;
}
