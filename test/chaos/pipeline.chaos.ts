// The fault-injection suite (`npm run chaos -- --seed N --orders M`): the real connector (cron,
// queues, consumers, Durable Objects, D1) against the sandbox with faults drawn from the seed —
// 429 storms with and without Retry-After, 5xx, timeouts, commit-then-drop on ERP writes and SPS
// uploads, tokens expiring mid-run, listing pages served twice, queue messages delivered twice, a
// consumer dying between the ERP write and the D1 write — then the invariants: every 850 exactly
// one set of sales orders, every shipment and invoice exactly one SPS file, nothing stuck, every
// transition audited. Prints a table; fails on any broken invariant.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api } from "../helpers/api";
import { createWorld, type World } from "../helpers/world";
import { documentDetail, documents, drop, fixtureXml, invoice, mailbox, pollNow, salesOrders, ship, withPo } from "../helpers/flow";
import { fixtureOrder } from "../unit/rsx/fixtures";
import { control } from "../sandbox/sandbox-control";
import { mulberry32 } from "../helpers/prng";

const SEED = Number(env.CHAOS_SEED ?? 1);
const ORDERS = Number(env.CHAOS_ORDERS ?? 50);
const IN_FLIGHT = ["received", "queued", "delivering"];
const SHAPES = ["CrossDock", "MultiStore", "BulkImport", "DropShip"] as const;
/** Sales orders one PO of each shape becomes (multi-store: one per store). */
const ORDERS_PER_SHAPE: Record<(typeof SHAPES)[number], number> = { CrossDock: 1, MultiStore: 3, BulkImport: 1, DropShip: 1 };

/** Faults drawn from the seed: each rule's probability is scaled by the seed's draw. */
function faultRules(random: () => number) {
  // Each rule's probability is drawn between half and all of its maximum.
  const p = (max: number) => Math.round(max * (0.5 + random() / 2) * 1000) / 1000;
  return {
    acumatica: [
      { route: "acumatica.put:SalesOrder", kind: "drop", probability: p(0.08) },
      { route: "acumatica.put:SalesOrder", kind: "429", probability: p(0.06), retryAfter: 1 },
      { route: "acumatica.put:SalesOrder", kind: "429", probability: p(0.04) },
      { route: "acumatica.put:SalesOrder", kind: "500", probability: p(0.04) },
      { route: "acumatica.put:SalesOrder", kind: "delay", probability: p(0.03), delayMs: 2500 },
      { route: "acumatica.get:*", kind: "429", probability: p(0.05), retryAfter: 1 },
      { route: "acumatica.get:*", kind: "500", probability: p(0.04) },
      { route: "acumatica.get:*", kind: "delay", probability: p(0.02), delayMs: 2500 },
      { route: "acumatica.token", kind: "500", probability: p(0.05) },
    ],
    sps: [
      { route: "sps.list", kind: "duplicate-listing", probability: p(0.3) },
      { route: "sps.list", kind: "429", probability: p(0.05), retryAfter: 1 },
      { route: "sps.get", kind: "500", probability: p(0.04) },
      { route: "sps.get", kind: "delay", probability: p(0.02), delayMs: 2500 },
      { route: "sps.delete", kind: "drop", probability: p(0.05) },
      { route: "sps.delete", kind: "500", probability: p(0.04) },
      { route: "sps.upload", kind: "drop", probability: p(0.06) },
      { route: "sps.upload", kind: "429", probability: p(0.04) },
      { route: "sps.upload", kind: "500", probability: p(0.04) },
      { route: "sps.token", kind: "429", probability: p(0.05), retryAfter: 1 },
    ],
  };
}

async function setFaults(world: World, seed: number, rules: ReturnType<typeof faultRules>) {
  for (const [sim, list] of Object.entries(rules)) {
    const scope = sim === "sps" ? { sim, account: world.sps.clientId } : { sim, instance: world.acumatica.host };
    const res = await control("PUT", "/faults", { scope, seed, rules: list });
    if (res.status !== 200) throw new Error(`faults: ${JSON.stringify(res.json)}`);
  }
}

/** Documents by status, from the tenant's detail (one cheap query; the suite polls it often). */
async function statusCounts(world: World): Promise<{ total: number; inFlight: number }> {
  const counts = (await api("GET", `/v1/tenants/${world.tenantId}`)).body.counts as Record<string, number>;
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const inFlight = IN_FLIGHT.reduce((n, s) => n + (counts[s] ?? 0), 0);
  return { total, inFlight };
}

/** Until `done` holds: polls the tenant now and then, expires tokens and re-delivers messages, as the seed says. */
async function driveUntil(world: World, random: () => number, done: () => Promise<boolean>, timeoutMs: number, stats: Record<string, number>) {
  const started = Date.now();
  let round = 0;
  let known: { id: string; direction: string }[] = [];
  while (!(await done())) {
    if (Date.now() - started > timeoutMs) throw new Error(`not settled after ${timeoutMs / 1000} s`);
    round++;
    if (round % 10 === 0) await pollNow(world);
    if (random() < 0.1) {
      await control("POST", `/sps/accounts/${encodeURIComponent(world.sps.clientId)}/tokens/expire`);
      await control("POST", `/acumatica/${encodeURIComponent(world.acumatica.host)}/tokens/expire`, {});
      stats.tokenExpiries = (stats.tokenExpiries ?? 0) + 2;
    }
    if (round % 20 === 1) known = (await api("GET", `/v1/tenants/${world.tenantId}/documents?limit=200`)).body.documents;
    if (random() < 0.3 && known.length > 0) {
      // A queue message delivered twice: re-send one for a random document.
      const doc = known[Math.floor(random() * known.length)]!;
      const body = { v: 1 as const, kind: doc.direction, tenantId: world.tenantId, documentId: doc.id, reason: "new" as const };
      if (doc.direction === "inbound") await env.INBOUND.send(body as never);
      else await env.OUTBOUND.send(body as never);
      stats.duplicateDeliveries = (stats.duplicateDeliveries ?? 0) + 1;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

function perStorePackages(order: any) {
  const po = fixtureOrder("CrossDock");
  const byStore = new Map<string, { lineNbr: number; qty: number }[]>();
  po.lines.forEach((line, i) => {
    for (const lq of line.quantitiesSchedulesLocations.flatMap((q) => q.locationQuantities)) {
      byStore.set(lq.location!, [...(byStore.get(lq.location!) ?? []), { lineNbr: order.Details[i].LineNbr, qty: lq.qty! }]);
    }
  });
  return [...byStore.values()].map((contents) => ({ contents }));
}

/** Each audit trail starts with the document's arrival and ends in the status the document has. */
function auditGaps(detail: any): string[] {
  const gaps: string[] = [];
  const first = detail.audit[0];
  if (!first || !["received", "found"].includes(first.stage)) gaps.push(`${detail.id}: no arrival event`);
  const withStatus = detail.audit.filter((e: any) => e.status);
  const last = withStatus[withStatus.length - 1];
  if (!last || last.status !== detail.status) gaps.push(`${detail.id}: status ${detail.status} but last audited status ${last?.status ?? "none"}`);
  if (detail.status === "delivered" && !detail.audit.some((e: any) => ["delivered", "uploaded", "stored"].includes(e.stage))) gaps.push(`${detail.id}: delivered without a delivery event`);
  return gaps;
}

describe(`chaos seed ${SEED}, ${ORDERS} orders`, () => {
  it("keeps every invariant under seeded faults", async () => {
    const random = mulberry32(SEED);
    const world = await createWorld({ requestsPerMinute: 100_000 });
    const stats: Record<string, number> = {};
    const shapes = Array.from({ length: ORDERS }, (_, i) => SHAPES[i % SHAPES.length]!);
    const expectedOrders = shapes.reduce((n, s) => n + ORDERS_PER_SHAPE[s], 0);
    await setFaults(world, SEED, faultRules(random));
    const started = Date.now();

    // Inbound: every PO in, under faults.
    for (const [i, shape] of shapes.entries()) await drop(world, `out/PO/C${SEED}-${String(i).padStart(4, "0")}.xml`, withPo(fixtureXml[shape], `C${SEED}-${i}`));
    await pollNow(world);
    await driveUntil(
      world,
      random,
      async () => {
        const { total, inFlight } = await statusCounts(world);
        return total >= ORDERS && inFlight === 0;
      },
      Math.max(120_000, ORDERS * 1500),
      stats,
    );
    const inboundDone = Date.now();

    // Outbound: ship and invoice every sales order; 856s and 810s out, under faults.
    const orders = await salesOrders(world);
    const shipments: string[] = [];
    const invoices: string[] = [];
    for (const o of orders) {
      const crossDock = String(o.Description ?? "").includes("CrossDock");
      const nbr = await ship(world, o.OrderNbr, crossDock ? { packages: perStorePackages(o) } : {});
      shipments.push(nbr);
      invoices.push(await invoice(world, nbr));
    }
    await pollNow(world);
    await driveUntil(
      world,
      random,
      async () => {
        const { total, inFlight } = await statusCounts(world);
        return total >= ORDERS + shipments.length + invoices.length && inFlight === 0;
      },
      Math.max(120_000, ORDERS * 3000),
      stats,
    );
    const finished = Date.now();

    // Invariants.
    const all = await documents(world);
    const inbound = all.filter((d) => d.type === "850" && !d.naturalKey.includes("#"));
    const outbound = all.filter((d) => d.direction === "outbound");
    const byStatus: Record<string, number> = {};
    for (const d of all) byStatus[`${d.type} ${d.status}`] = (byStatus[`${d.type} ${d.status}`] ?? 0) + 1;
    const keyCount = new Map<string, number>();
    for (const o of orders) keyCount.set(`${o.CustomerOrder}|${o.ExternalRef ?? ""}`, (keyCount.get(`${o.CustomerOrder}|${o.ExternalRef ?? ""}`) ?? 0) + 1);
    const duplicates = [...keyCount.values()].reduce((n, c) => n + (c - 1), 0);
    const files = await mailbox(world, "in/");
    const fileFor = (prefix: string, id: string) => files.filter((f: any) => f.path.replace(/^\//, "").startsWith(`in/${prefix}${id}-`)).length;
    const shipmentFiles = shipments.map((s) => fileFor("SH", s));
    const invoiceFiles = invoices.map((s) => fileFor("IN", s));
    const auditProblems: string[] = [];
    let takeovers = 0;
    let linked = 0;
    for (const d of all) {
      const detail = await documentDetail(world, d.id);
      auditProblems.push(...auditGaps(detail));
      takeovers += detail.audit.filter((e: any) => e.detail?.tookOverStaleClaim).length;
      linked += detail.audit.filter((e: any) => e.stage === "erp_order_linked").length;
    }
    const counters = {
      acumatica: (await control("GET", `/counters?sim=acumatica&instance=${encodeURIComponent(world.acumatica.host)}`)).json,
      sps: (await control("GET", `/counters?sim=sps&account=${encodeURIComponent(world.sps.clientId)}`)).json,
    };
    const faults: Record<string, number> = {};
    for (const c of Object.values(counters)) for (const [k, v] of Object.entries(c.faults ?? {})) faults[k] = (faults[k] ?? 0) + (v as number);

    const rows: [string, string | number][] = [
      ["seed", SEED],
      ["purchase orders dropped in", ORDERS],
      ["850 documents", inbound.length],
      ["sales orders expected", expectedOrders],
      ["sales orders created", orders.length],
      ["duplicate sales orders", duplicates],
      ["shipments → 856 files (exactly one each)", `${shipments.length} → ${shipmentFiles.filter((n) => n === 1).length}`],
      ["invoices → 810 files (exactly one each)", `${invoices.length} → ${invoiceFiles.filter((n) => n === 1).length}`],
      ["documents still in flight", all.filter((d) => IN_FLIGHT.includes(d.status)).length],
      ["audit trail gaps", auditProblems.length],
      ...Object.entries(byStatus).sort().map(([k, v]) => [`documents ${k}`, v] as [string, number]),
      ...Object.entries(faults).sort().map(([k, v]) => [`faults injected: ${k}`, v] as [string, number]),
      ["tokens expired mid-run", stats.tokenExpiries ?? 0],
      ["queue messages delivered twice", stats.duplicateDeliveries ?? 0],
      ["consumers that died mid-document (claims taken over)", takeovers],
      ["orders found and linked after an uncertain write", linked],
      ["token requests (SPS / Acumatica)", `${counters.sps.tokenRequests ?? 0} / ${counters.acumatica.tokenRequests ?? 0}`],
      ["inbound time (s)", ((inboundDone - started) / 1000).toFixed(1)],
      ["outbound time (s)", ((finished - inboundDone) / 1000).toFixed(1)],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    console.log(`\n${rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join("\n")}\n`);
    if (auditProblems.length) console.log(auditProblems.slice(0, 20).join("\n"));

    expect(inbound).toHaveLength(ORDERS);
    expect(duplicates).toBe(0);
    expect(orders.length).toBe(expectedOrders);
    expect(all.filter((d) => IN_FLIGHT.includes(d.status))).toEqual([]);
    expect(inbound.filter((d) => d.status !== "delivered").map((d) => `${d.naturalKey}: ${d.status} ${d.statusDetail.join("; ")}`)).toEqual([]);
    expect(outbound.filter((d) => d.status !== "delivered").map((d) => `${d.type} ${d.naturalKey}: ${d.status} ${d.statusDetail.join("; ")}`)).toEqual([]);
    expect(shipmentFiles.every((n) => n === 1)).toBe(true);
    expect(invoiceFiles.every((n) => n === 1)).toBe(true);
    expect(auditProblems).toEqual([]);
    // The API still answers while all of this went on.
    expect((await api("GET", `/v1/tenants/${world.tenantId}`)).status).toBe(200);
  });
});
