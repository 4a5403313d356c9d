// `npm run demo:ship`: ships and invoices the demo's sandbox sales orders (cross-dock orders packed
// one carton per store, as retailers require), then asks the connector to poll, so the outbound
// flow sends 856 ship notices and 810 invoices to the sandbox's SPS in/ folder. For the Dynamics 365
// tenant it confirms, ships (posts a packing slip) and invoices the F&O orders, and forwards the
// business events F&O emits to the connector's hook endpoint: the event-driven path.
import { readFileSync, readdirSync } from "node:fs";
import { resolve } from "node:path";
import { SignJWT } from "jose";
import { readDevVars } from "./dev-vars.mjs";
import { CONNECTOR, DEMO, SANDBOX } from "./demo-seed.mjs";

async function call(base, method, path, body, token) {
  const headers = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

const vars = readDevVars();
if (!vars?.API_SIGNING_KEY) {
  console.error("No .dev.vars: start the demo first with `npm start`.");
  process.exit(2);
}
const token = await new SignJWT({ role: "operator" }).setProtectedHeader({ alg: "HS256" }).setSubject("demo-ship").setIssuedAt().setExpirationTime("10m").sign(new TextEncoder().encode(vars.API_SIGNING_KEY));

let orders;
try {
  orders = (await call(SANDBOX, "GET", `/__sandbox/acumatica/${DEMO.acumatica.instance}/orders`)).json;
} catch {
  console.error(`The sandbox is not running at ${SANDBOX}: start the demo with \`npm start\` first.`);
  process.exit(2);
}
const list = Array.isArray(orders) ? orders : orders.orders;
const open = list.filter((o) => !(o.Shipments ?? []).length);

// The connector's 850 documents tell which orders are cross-dock and how stores split the lines.
const docs = (await call(CONNECTOR, "GET", `/v1/tenants/${DEMO.tenantId}/documents?type=850&limit=200`, undefined, token)).json?.documents ?? [];

/** Store quantities per 850 line of the cross-dock fixture (line sequence → [{store, qty}]). */
function crossDockStores() {
  const dir = resolve(import.meta.dirname, "..", "sandbox", "fixtures", "orders");
  const file = readdirSync(dir).find((f) => f.endsWith("CrossDock.xml"));
  const xml = readFileSync(resolve(dir, file), "utf8");
  const lines = new Map();
  for (const item of xml.split("<LineItem>").slice(1)) {
    const seq = /<LineSequenceNumber>([^<]+)</.exec(item)?.[1];
    const stores = [...item.matchAll(/<LocationQuantity>\s*<Location>([^<]+)<\/Location>\s*<Qty>([^<]+)<\/Qty>/g)].map((m) => ({ store: m[1], qty: Number(m[2]) }));
    if (seq) lines.set(seq, stores);
  }
  return lines;
}

/** One carton per store for a cross-dock order (the DC forwards cartons to stores unopened). */
function perStoreCartons(created) {
  const stores = crossDockStores();
  const byStore = new Map();
  for (const line of created.lines) {
    for (const { store, qty } of stores.get(line.lineRef) ?? []) byStore.set(store, [...(byStore.get(store) ?? []), { lineNbr: line.lineNbr, qty }]);
  }
  return [...byStore.values()].map((contents) => ({ contents }));
}

if (open.length === 0) console.log("Acumatica: every demo sales order is shipped already. Run `npm start` again (new PO numbers each run) for more.");
for (const order of open) {
  const doc = docs.find((d) => (d.erpReference ?? "").split(", ").includes(order.OrderNbr));
  let packages;
  if (doc) {
    const detail = (await call(CONNECTOR, "GET", `/v1/tenants/${DEMO.tenantId}/documents/${doc.id}`, undefined, token)).json;
    const created = Object.values(detail?.meta?.orders ?? {}).find((o) => o.reference === order.OrderNbr);
    if (detail?.meta?.shape === "CrossDock" && created) packages = perStoreCartons(created);
  }
  const shipped = await call(SANDBOX, "POST", `/__sandbox/acumatica/${DEMO.acumatica.instance}/orders/${order.OrderType}/${order.OrderNbr}/ship`, { shipVia: "UPSGROUND", ...(packages ? { packages } : {}) });
  if (shipped.status !== 201) {
    console.error(`ship ${order.OrderNbr}: ${shipped.status} ${JSON.stringify(shipped.json)}`);
    continue;
  }
  const nbr = shipped.json.shipment.ShipmentNbr;
  const invoiced = await call(SANDBOX, "POST", `/__sandbox/acumatica/${DEMO.acumatica.instance}/shipments/${nbr}/invoice`, { release: true });
  console.log(`${order.OrderNbr} (PO ${order.CustomerOrder}) → shipment ${nbr}, invoice ${invoiced.json?.invoice?.ReferenceNbr ?? `failed: ${invoiced.status}`}`);
}
if (open.length > 0) await call(CONNECTOR, "POST", `/v1/tenants/${DEMO.tenantId}/poll`, undefined, token);

// ---- Dynamics 365 F&O: post the documents in the sandbox, forward F&O's business events ----------

const foBase = `/__sandbox/dynamics/${DEMO.dynamics.environment}`;
const foOrders = (await call(SANDBOX, "GET", `${foBase}/orders`)).json?.orders ?? [];
// Orders with nothing delivered yet; only the connector's (they carry the PO in CustomersOrderReference).
const unshipped = foOrders.filter((o) => o.CustomersOrderReference && o.lines.length > 0 && o.lines.every((l) => !(l.postedQuantities?.delivered > 0)));
if (unshipped.length === 0) console.log("Dynamics 365: every demo sales order is shipped already.");
const events = [];
for (const order of unshipped) {
  const path = `${foBase}/orders/${order.dataAreaId}/${encodeURIComponent(order.SalesOrderNumber)}`;
  const confirmed = await call(SANDBOX, "POST", `${path}/confirm`, {});
  // A parcel tracking number for the drop-ship (consumer) order; the others go by carrier without one.
  const parcel = order.OrderingCustomerAccountNumber === "HOMEDIRECT" ? { trackingNumbers: [`1ZDEMO${String(Date.now()).slice(-10)}`] } : {};
  const shipped = await call(SANDBOX, "POST", `${path}/ship`, { carrier: "UPSGROUND", ...parcel });
  const invoiced = await call(SANDBOX, "POST", `${path}/invoice`, {});
  for (const reply of [confirmed, shipped, invoiced]) if (reply.json?.event) events.push(reply.json.event);
  console.log(
    `${order.dataAreaId}/${order.SalesOrderNumber} (PO ${order.CustomersOrderReference}) → confirmed, packing slip ${shipped.json?.packingSlip?.header?.PackingSlipId ?? `failed: ${shipped.status}`}, invoice ${invoiced.json?.invoice?.header?.InvoiceNumber ?? `failed: ${invoiced.status}`}`,
  );
}
if (events.length > 0) {
  // What F&O's HTTPS business-event endpoint would do: POST each event with the tenant's secret.
  const hook = await fetch(`${CONNECTOR}/v1/hooks/dynamics/${DEMO.dynamicsTenantId}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${DEMO.dynamics.webhookSecret}` },
    body: JSON.stringify(events),
  });
  const taken = await hook.json().catch(() => ({}));
  if (hook.status !== 202) console.error(`business-event hook: ${hook.status} ${JSON.stringify(taken)}`);
  for (const e of taken.events ?? []) console.log(`  business event ${e.businessEventId} #${e.controlNumber}: ${e.outcome}${e.reason ? ` (${e.reason})` : ""}`);
}

console.log("\nAsked the connector to poll and forwarded the F&O business events. Watch the npm start window: 856 and 810 documents appear as delivered,");
console.log(`and the files land in the sandbox mailboxes: curl -s ${SANDBOX}/__sandbox/sps/accounts/${DEMO.sps.clientId}/files?prefix=in/ | jq '.files[].path'`);
console.log(`(Dynamics tenant: …/sps/accounts/${DEMO.d365Sps.clientId}/files?prefix=in/)`);
