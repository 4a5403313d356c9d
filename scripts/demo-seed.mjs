// Seeds the local demo: sandbox accounts (SPS, Acumatica; the built-in Entra directory and F&O
// environment "demo"), two demo tenants (Acumatica "demo" and Dynamics 365 "demo-d365", each with its
// own SPS account so the mailboxes do not mix) with their connections, partner and item mappings from
// sandbox/fixtures/demo-world.json, and the four SPS order shapes dropped into each mailbox with PO
// numbers unique to this run (so every run shows orders flowing, while one file is dropped twice to
// show that a duplicate creates nothing).
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";

/** Ports: 8787 and 8788, or DEMO_CONNECTOR_PORT / DEMO_SANDBOX_PORT (the browser tests run their own stack). */
export const CONNECTOR_PORT = Number(process.env.DEMO_CONNECTOR_PORT || 8787);
export const SANDBOX_PORT = Number(process.env.DEMO_SANDBOX_PORT || 8788);
export const CONNECTOR = `http://127.0.0.1:${CONNECTOR_PORT}`;
export const SANDBOX = `http://127.0.0.1:${SANDBOX_PORT}`;
export const DEMO = {
  tenantId: "demo",
  dynamicsTenantId: "demo-d365",
  sps: { clientId: "demo-sps-client", clientSecret: "demo-sps-secret" },
  acumatica: {
    instance: "demo",
    tenant: "Company",
    clientGuid: "6E3B9C1A-2F4D-4B8E-9A1C-7D5E3F2B1A90",
    clientSecret: "demo-acumatica-secret",
    username: "edi.integration",
    password: "demo-password",
  },
  /** The Dynamics tenant's own SPS account. */
  d365Sps: { clientId: "demo-d365-sps", clientSecret: "demo-d365-sps-secret" },
  /** The sandbox's built-in demo Entra directory and F&O environment (sandbox/README.md "Built-in demo identities"). */
  dynamics: {
    environment: "demo",
    entraTenantId: "5f3c1e2a-7b4d-4c6e-9a8b-2d1f0e3c4b5a",
    clientId: "8a2e6c4f-1d3b-4f5a-9c7e-6b4d2f0a8e1c",
    clientSecret: "demo-entra-secret",
    legalEntity: "usmf",
    /** What F&O's business-event endpoint presents to POST /v1/hooks/dynamics/demo-d365 (npm run demo:ship forwards the events). */
    webhookSecret: "demo-d365-business-event-secret",
  },
};

const root = resolve(import.meta.dirname, "..");
export const world = JSON.parse(readFileSync(resolve(root, "sandbox/fixtures/demo-world.json"), "utf8"));

async function call(base, method, path, body, token) {
  const headers = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  return { status: res.status, json };
}

function expectOk(reply, what, ok = [200, 201]) {
  if (!ok.includes(reply.status)) throw new Error(`${what}: ${reply.status} ${JSON.stringify(reply.json)}`);
  return reply.json;
}

/** The tenant settings outbound documents need (GS1 prefix for SSCCs, ship-from, remit-to, SCACs). */
export function supplierSettings() {
  const { gs1CompanyPrefix, shipFrom, remitTo, carrierScacByShipVia } = world.supplier;
  return { gs1CompanyPrefix, shipFrom, remitTo, carrierScacByShipVia };
}

export async function seedAcumaticaTenant(token) {
  const { sps, acumatica } = DEMO;
  expectOk(await call(SANDBOX, "POST", "/__sandbox/sps/accounts", { ...sps, folders: ["in/", "out/", "out/PO/", "testin/", "testout/"] }), "sandbox SPS account");
  expectOk(
    await call(SANDBOX, "POST", "/__sandbox/acumatica/instances", {
      instance: acumatica.instance,
      tenant: acumatica.tenant,
      clientId: acumatica.clientGuid,
      clientSecret: acumatica.clientSecret,
      users: [{ username: acumatica.username, password: acumatica.password }],
      versions: ["24.200.001", "23.200.001"],
      requestsPerMinute: 300,
      seed: "demo",
    }),
    "sandbox Acumatica instance",
  );
  const t = DEMO.tenantId;
  const created = await call(CONNECTOR, "POST", "/v1/tenants", { id: t, name: `${world.supplier.name} (demo, Acumatica)`, erp: "acumatica", pollIntervalMinutes: 1, ...supplierSettings() }, token);
  expectOk(created, "demo tenant", [201, 409]);
  if (created.status === 409) expectOk(await call(CONNECTOR, "PATCH", `/v1/tenants/${t}`, { pollIntervalMinutes: 1, status: "active", ...supplierSettings() }, token), "demo tenant settings");
  expectOk(
    await call(CONNECTOR, "PUT", `/v1/tenants/${t}/connections/sps`, {
      clientId: sps.clientId,
      clientSecret: sps.clientSecret,
      apiUrl: `${SANDBOX}/sps`,
      authUrl: `${SANDBOX}/sps-auth/oauth/token`,
      testInboundPath: "testout/",
      testOutboundPath: "testin/",
    }, token),
    "SPS connection",
  );
  expectOk(
    await call(CONNECTOR, "PUT", `/v1/tenants/${t}/connections/acumatica`, {
      instanceUrl: `${SANDBOX}/acumatica/${acumatica.instance}`,
      endpointVersion: "24.200.001",
      clientId: `${acumatica.clientGuid}@${acumatica.tenant}`,
      clientSecret: acumatica.clientSecret,
      username: acumatica.username,
      password: acumatica.password,
      requestsPerMinute: 300,
    }, token),
    "Acumatica connection",
  );
  for (const p of world.partners) {
    expectOk(await call(CONNECTOR, "PUT", `/v1/tenants/${t}/partners/${p.partnerId}`, { customerId: p.customerId, customerLocationId: "MAIN", status: "live", rules: p.rules }, token), `partner ${p.partnerId}`);
  }
  const items = expectOk(await call(CONNECTOR, "PUT", `/v1/tenants/${t}/items`, itemRows(), token), "item mappings");
  if (items.errors.length) throw new Error(`item mappings refused: ${JSON.stringify(items.errors)}`);
  return t;
}

function itemRows() {
  const rows = world.items.map((i) => ({ vendorPartNumber: i.vendorPartNumber, upc: i.upc, erpItemId: i.inventoryId, uom: i.uom }));
  for (const b of world.buyerPartNumbers) rows.push({ partnerId: b.partnerId, buyerPartNumber: b.buyerPartNumber, erpItemId: b.inventoryId });
  return rows;
}

/**
 * The Dynamics 365 tenant: the demo F&O environment's legal entity usmf holds every demo customer and
 * item. Crest Market is acknowledged when F&O confirms its order (rules.ackOn), the others as soon as
 * the order exists; `npm run demo:ship` confirms, ships and invoices and forwards F&O's business events.
 */
export async function seedDynamicsTenant(token) {
  const { d365Sps, dynamics } = DEMO;
  expectOk(await call(SANDBOX, "POST", "/__sandbox/sps/accounts", { ...d365Sps, folders: ["in/", "out/", "out/PO/", "testin/", "testout/"] }), "sandbox SPS account (Dynamics tenant)");
  const t = DEMO.dynamicsTenantId;
  const created = await call(CONNECTOR, "POST", "/v1/tenants", { id: t, name: `${world.supplier.name} (demo, Dynamics 365)`, erp: "dynamics", pollIntervalMinutes: 1, ...supplierSettings() }, token);
  expectOk(created, "demo Dynamics tenant", [201, 409]);
  if (created.status === 409) expectOk(await call(CONNECTOR, "PATCH", `/v1/tenants/${t}`, { pollIntervalMinutes: 1, status: "active", ...supplierSettings() }, token), "demo Dynamics tenant settings");
  expectOk(
    await call(CONNECTOR, "PUT", `/v1/tenants/${t}/connections/sps`, {
      clientId: d365Sps.clientId,
      clientSecret: d365Sps.clientSecret,
      apiUrl: `${SANDBOX}/sps`,
      authUrl: `${SANDBOX}/sps-auth/oauth/token`,
      testInboundPath: "testout/",
      testOutboundPath: "testin/",
    }, token),
    "SPS connection (Dynamics tenant)",
  );
  expectOk(
    await call(CONNECTOR, "PUT", `/v1/tenants/${t}/connections/dynamics`, {
      environmentUrl: `${SANDBOX}/dynamics/${dynamics.environment}`,
      authorityUrl: `${SANDBOX}/entra`,
      entraTenantId: dynamics.entraTenantId,
      clientId: dynamics.clientId,
      clientSecret: dynamics.clientSecret,
      webhookSecret: dynamics.webhookSecret,
      requestsPerMinute: 300,
    }, token),
    "Dynamics connection",
  );
  for (const p of world.partners) {
    const rules = p.customerId === "CREST" ? { ...p.rules, ackOn: "confirmed" } : p.rules;
    expectOk(await call(CONNECTOR, "PUT", `/v1/tenants/${t}/partners/${p.partnerId}`, { customerId: p.customerId, legalEntity: dynamics.legalEntity, status: "live", rules }, token), `partner ${p.partnerId} (Dynamics)`);
  }
  const items = expectOk(await call(CONNECTOR, "PUT", `/v1/tenants/${t}/items`, itemRows(), token), "item mappings (Dynamics)");
  if (items.errors.length) throw new Error(`item mappings refused: ${JSON.stringify(items.errors)}`);
  return t;
}

/**
 * The fixture's dates moved so its PO date is today and the ship, cancel and delivery dates keep their
 * distance from it: the demo's due dates (ship by, deliver by) then lie ahead, as a fresh order's do.
 */
function shiftDates(xml) {
  const poDate = /<PurchaseOrderDate>(\d{4}-\d{2}-\d{2})<\/PurchaseOrderDate>/.exec(xml)?.[1];
  if (!poDate) return xml;
  const today = new Date().toISOString().slice(0, 10);
  const shift = Date.parse(`${today}T00:00:00Z`) - Date.parse(`${poDate}T00:00:00Z`);
  const move = (d) => new Date(Date.parse(`${d}T00:00:00Z`) + shift).toISOString().slice(0, 10);
  return xml.replace(/<(PurchaseOrderDate|Date)>(\d{4}-\d{2}-\d{2})<\/\1>/g, (_, tag, d) => `<${tag}>${move(d)}</${tag}>`);
}

/** Due dates and an alert channel for a demo tenant: short windows so a newcomer sees them move; alerts go to the sandbox's webhook receiver. */
async function seedDueDatesAndAlerts(t, token) {
  expectOk(
    await call(CONNECTOR, "PATCH", `/v1/tenants/${t}`, { sla: { "855": { within: "PT30M" }, "856": { within: "PT2H", beforeDelivery: true }, "810": { within: "P1D" }, warnBefore: "PT10M", fees: { "855": 100, "856": 250, "810": 150 } } }, token),
    `due-date rules of ${t}`,
  );
  expectOk(
    await call(CONNECTOR, "PUT", `/v1/tenants/${t}/alerts`, { channels: [{ id: "demo-webhook", type: "webhook", url: `${SANDBOX}/webhooks/${t}`, secret: `demo-signing-secret-${t}`, minSeverity: "info" }] }, token),
    `alert channel of ${t}`,
  );
}

/** The fixture 850s with this run's PO numbers, dropped into a mailbox's out/PO/. */
export async function dropDemoOrders(clientId, runId) {
  const dir = resolve(root, "sandbox/fixtures/orders");
  const files = readdirSync(dir).filter((f) => f.endsWith(".xml")).sort();
  let count = 0;
  for (const file of files) {
    const xml = shiftDates(readFileSync(resolve(dir, file), "utf8")).replace(/<PurchaseOrderNumber>([^<]+)<\/PurchaseOrderNumber>/g, (_, po) => `<PurchaseOrderNumber>${po}-${runId}</PurchaseOrderNumber>`);
    const path = `out/PO/${file.replace(/\.xml$/, `-${runId}.xml`)}`;
    expectOk(await call(SANDBOX, "POST", `/__sandbox/sps/accounts/${encodeURIComponent(clientId)}/files`, { path, content: xml }), `drop ${path}`);
    count++;
    if (count === 1) {
      // The same order again under another file name: the connector records a duplicate, creates nothing.
      expectOk(await call(SANDBOX, "POST", `/__sandbox/sps/accounts/${encodeURIComponent(clientId)}/files`, { path: `out/${file.replace(/\.xml$/, `-${runId}-resent.xml`)}`, content: xml }), "drop duplicate");
    }
  }
  return count;
}

export async function seedDemo(token) {
  const runId = Date.now().toString(36).toUpperCase();
  const tenants = [await seedAcumaticaTenant(token), await seedDynamicsTenant(token)];
  for (const t of tenants) await seedDueDatesAndAlerts(t, token);
  // The same four order shapes for each tenant, each in its own mailbox.
  const orders = await dropDemoOrders(DEMO.sps.clientId, runId);
  await dropDemoOrders(DEMO.d365Sps.clientId, runId);
  for (const t of tenants) await call(CONNECTOR, "POST", `/v1/tenants/${t}/poll`, undefined, token);
  return { runId, orders, tenants, dynamics: true };
}
