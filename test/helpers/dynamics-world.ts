// Builds a connector tenant on Dynamics 365 F&O: its own Entra directory and F&O environment (unique
// tenant id and host, created through the sandbox control API, legal entities usmf and demf seeded
// from the demo world), its own SPS account, the connections, the demo partners (legal entity usmf
// unless told otherwise) and item mappings. Helpers drive F&O's side: orders, confirm / ship /
// invoice (which return the business event), faults, counters, and delivering events to the hook.
import demoWorld from "../../sandbox/fixtures/demo-world.json";
import { control, createSpsAccount, uniqueId } from "../sandbox/sandbox-control";
import { api, createTenant, uniqueTenantId, type ApiReply } from "./api";
import { drop, fixtureXml, pollNow, waitForSettled, withPo } from "./flow";
import { demoItemRows, type World } from "./world";

export interface DynamicsWorld {
  tenantId: string;
  sps: { clientId: string; clientSecret: string };
  fo: {
    /** Entra directory (tenant) id. */
    entraTenantId: string;
    clientId: string;
    clientSecret: string;
    /** e.g. "d365-1a2b3c4d.operations.dynamics.com" */
    host: string;
    environmentUrl: string;
  };
  /** The tenant's business-event secret (webhookSecret). */
  hookSecret: string;
}

export const PARTNERS = {
  crossDock: "NWHALLNORTHWND",
  multiStore: "BBXALLBIGBOXRT",
  bulkImport: "CRSALLCRESTMKT",
  dropShip: "HDOALLHOMEDIRC",
} as const;

export async function createDynamicsWorld(
  opts: {
    environment?: Record<string, unknown>;
    directory?: Record<string, unknown>;
    connection?: Record<string, unknown>;
    /** partnerId → legal entity (default usmf). */
    legalEntities?: Record<string, string>;
    /** partnerId → extra partner rules. */
    rules?: Record<string, Record<string, unknown>>;
    partners?: boolean;
    items?: boolean;
  } = {},
): Promise<DynamicsWorld> {
  const entraTenantId = crypto.randomUUID();
  const clientId = crypto.randomUUID();
  const clientSecret = `secret~${crypto.randomUUID()}`;
  const directory = await control("POST", "/entra/directories", { tenantId: entraTenantId, apps: [{ clientId, clientSecret }], ...(opts.directory ?? {}) });
  if (directory.status !== 201) throw new Error(`entra directory: ${JSON.stringify(directory.json)}`);
  const host = `${uniqueId("d365")}.operations.dynamics.com`;
  const environment = await control("POST", "/dynamics/environments", { environment: host, tenant: entraTenantId, clientIds: [clientId], ...(opts.environment ?? {}) });
  if (environment.status !== 201) throw new Error(`F&O environment: ${JSON.stringify(environment.json)}`);

  const tenantId = uniqueTenantId("d");
  await createTenant(tenantId, "dynamics", {
    gs1CompanyPrefix: demoWorld.supplier.gs1CompanyPrefix,
    shipFrom: demoWorld.supplier.shipFrom,
    remitTo: demoWorld.supplier.remitTo,
    carrierScacByShipVia: demoWorld.supplier.carrierScacByShipVia,
  });
  const sps = await createSpsAccount({ folders: ["in/", "out/", "out/PO/", "testin/", "testout/"], tokenRequestsPerMinute: 1000 });
  const putSps = await api("PUT", `/v1/tenants/${tenantId}/connections/sps`, { body: { clientId: sps.clientId, clientSecret: sps.clientSecret } });
  if (putSps.status !== 200) throw new Error(`sps connection: ${putSps.text}`);
  const hookSecret = `hook-${crypto.randomUUID()}`;
  const fo = { entraTenantId, clientId, clientSecret, host, environmentUrl: `https://${host}` };
  const putFo = await api("PUT", `/v1/tenants/${tenantId}/connections/dynamics`, {
    body: { environmentUrl: fo.environmentUrl, entraTenantId, clientId, clientSecret, requestsPerMinute: 6000, webhookSecret: hookSecret, ...(opts.connection ?? {}) },
  });
  if (putFo.status !== 200) throw new Error(`dynamics connection: ${putFo.text}`);
  if (opts.partners !== false) {
    for (const p of demoWorld.partners) {
      const res = await api("PUT", `/v1/tenants/${tenantId}/partners/${p.partnerId}`, {
        body: { customerId: p.customerId, legalEntity: opts.legalEntities?.[p.partnerId] ?? "usmf", status: "live", rules: { ...p.rules, ...(opts.rules?.[p.partnerId] ?? {}) } },
      });
      if (res.status !== 200) throw new Error(`partner: ${res.text}`);
    }
  }
  if (opts.items !== false) {
    const res = await api("PUT", `/v1/tenants/${tenantId}/items`, { body: demoItemRows() });
    if (res.status !== 200 || res.body.errors.length > 0) throw new Error(`items: ${res.text}`);
  }
  return { tenantId, sps, fo, hookSecret };
}

/** The flow helpers (drop, pollNow, documents, waitForSettled, mailbox) only use the tenant id and the SPS account. */
export function flowWorld(world: DynamicsWorld): World {
  return world as unknown as World;
}

const env = (world: DynamicsWorld) => encodeURIComponent(world.fo.host);

/** Every sales order of the environment (all legal entities), with its lines. */
export async function foOrders(world: DynamicsWorld): Promise<any[]> {
  const res = await control("GET", `/dynamics/${env(world)}/orders`);
  if (res.status !== 200) throw new Error(`orders: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json.orders;
}

async function post(world: DynamicsWorld, what: string, order: { dataAreaId: string; SalesOrderNumber: string }, body: Record<string, unknown>): Promise<any> {
  const res = await control("POST", `/dynamics/${env(world)}/orders/${order.dataAreaId}/${encodeURIComponent(order.SalesOrderNumber)}/${what}`, body);
  if (res.status !== 201) throw new Error(`${what} ${order.SalesOrderNumber}: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json;
}

/** Posts the confirmation journal; returns {confirmation, event}. */
export const confirmOrder = (world: DynamicsWorld, order: any, body: Record<string, unknown> = {}) => post(world, "confirm", order, body);
/** Posts a packing slip (all open quantities unless told); returns {packingSlip, event}. */
export const shipOrder = (world: DynamicsWorld, order: any, body: Record<string, unknown> = {}) => post(world, "ship", order, { carrier: "UPSGROUND", ...body });
/** Posts the invoice of the delivered quantities; returns {invoice, event}. */
export const invoiceOrder = (world: DynamicsWorld, order: any, body: Record<string, unknown> = {}) => post(world, "invoice", order, body);

export async function foCounters(world: DynamicsWorld): Promise<any> {
  return (await control("GET", `/counters?sim=dynamics&environment=${env(world)}`)).json;
}

export async function setFoFaults(world: DynamicsWorld, rules: unknown[], seed = 1): Promise<void> {
  const res = await control("PUT", "/faults", { scope: { sim: "dynamics", environment: world.fo.host }, seed, rules });
  if (res.status !== 200) throw new Error(`faults: ${res.status} ${JSON.stringify(res.json)}`);
}

export async function clearFoFaults(world: DynamicsWorld): Promise<void> {
  await control("DELETE", `/faults?sim=dynamics&environment=${env(world)}`);
}

/** POSTs business events to the connector's hook, with the tenant's secret unless told otherwise. */
export function deliverEvents(world: DynamicsWorld, payload: unknown, secret: string | null = world.hookSecret): Promise<ApiReply> {
  return api("POST", `/v1/hooks/dynamics/${world.tenantId}`, { token: secret, body: payload });
}

/** An 850 of the given shape through the connector into F&O; returns the sales orders made for its PO. */
export async function orderThrough(dw: DynamicsWorld, shape: keyof typeof fixtureXml, po: string): Promise<any[]> {
  const world = flowWorld(dw);
  await drop(world, `out/PO/${po}.xml`, withPo(fixtureXml[shape], po));
  await pollNow(world);
  await waitForSettled(world, 1, { query: "type=850" });
  return (await foOrders(dw)).filter((o) => o.CustomersOrderReference === po);
}
