// Drives the real pipeline in tests: drop files in the sandbox mailbox, ask the connector to poll
// (real queue, consumers, Durable Objects, D1), and wait for documents to settle.
import { vi } from "vitest";
import { control, dropSpsFile } from "../sandbox/sandbox-control";
import { api } from "./api";
import type { World } from "./world";

import { fixtureOrder } from "../unit/rsx/fixtures";

export { fixtureJson, fixtureXml, bytes } from "../unit/rsx/fixtures";

export const SETTLED = ["delivered", "needs_mapping", "invalid", "held", "rejected", "failed"];

/** The fixture with its PO number replaced (the SPS samples reuse one PO number; tests need their own). */
export function withPo(xml: string, po: string): string {
  return xml.replace(/<PurchaseOrderNumber>[^<]+<\/PurchaseOrderNumber>/g, `<PurchaseOrderNumber>${po}</PurchaseOrderNumber>`);
}

export async function drop(world: World, path: string, content: string): Promise<void> {
  await dropSpsFile(world.sps.clientId, path, content);
}

export async function pollNow(world: World): Promise<void> {
  const res = await api("POST", `/v1/tenants/${world.tenantId}/poll`);
  if (res.status !== 202) throw new Error(`poll: ${res.status} ${res.text}`);
}

export async function documents(world: World, query = ""): Promise<any[]> {
  const all: any[] = [];
  let cursor: string | null = null;
  do {
    const res: { status: number; body: any; text: string } = await api("GET", `/v1/tenants/${world.tenantId}/documents?limit=200${query ? `&${query}` : ""}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    if (res.status !== 200) throw new Error(`documents: ${res.status} ${res.text}`);
    all.push(...res.body.documents);
    cursor = res.body.nextCursor;
  } while (cursor);
  return all;
}

export async function documentDetail(world: World, id: string): Promise<any> {
  return (await api("GET", `/v1/tenants/${world.tenantId}/documents/${id}`)).body;
}

/** Waits until `count` documents matching the query exist and all are settled (or the predicate holds). */
export async function waitForSettled(world: World, count: number, opts: { query?: string; timeout?: number; poll?: boolean } = {}): Promise<any[]> {
  let last: any[] = [];
  await vi.waitFor(
    async () => {
      last = await documents(world, opts.query);
      const settled = last.filter((d) => SETTLED.includes(d.status));
      if (settled.length < count || settled.length !== last.length) {
        if (opts.poll) await pollNow(world);
        throw new Error(`waiting: ${last.map((d) => `${d.naturalKey}:${d.status}`).join(", ")}`);
      }
    },
    { timeout: opts.timeout ?? 20_000, interval: 200 },
  );
  return last;
}

export async function salesOrders(world: World): Promise<any[]> {
  const res = await control("GET", `/acumatica/${encodeURIComponent(world.acumatica.host)}/orders`);
  if (res.status !== 200) throw new Error(`orders: ${res.status} ${JSON.stringify(res.json)}`);
  return Array.isArray(res.json) ? res.json : res.json.orders;
}

export async function mailbox(world: World, prefix: string): Promise<any[]> {
  const res = await control("GET", `/sps/accounts/${encodeURIComponent(world.sps.clientId)}/files?prefix=${encodeURIComponent(prefix)}`);
  return res.json.files;
}

export async function setFaults(world: World, sim: "sps" | "acumatica", rules: unknown[], seed = 1): Promise<void> {
  const scope = sim === "sps" ? { sim, account: world.sps.clientId } : { sim, instance: world.acumatica.host };
  const res = await control("PUT", "/faults", { scope, seed, rules });
  if (res.status !== 200) throw new Error(`faults: ${res.status} ${JSON.stringify(res.json)}`);
}

export async function clearFaults(world: World, sim: "sps" | "acumatica"): Promise<void> {
  const query = sim === "sps" ? `sim=sps&account=${encodeURIComponent(world.sps.clientId)}` : `sim=acumatica&instance=${encodeURIComponent(world.acumatica.host)}`;
  const res = await control("DELETE", `/faults?${query}`);
  if (res.status !== 200) throw new Error(`clear faults: ${res.status} ${JSON.stringify(res.json)}`);
}

/** Ships an order completely (or as told) in the sandbox; returns the shipment number. */
export async function ship(world: World, orderNbr: string, body: Record<string, unknown> = {}): Promise<string> {
  const res = await control("POST", `/acumatica/${encodeURIComponent(world.acumatica.host)}/orders/SO/${orderNbr}/ship`, { shipVia: "UPSGROUND", ...body });
  if (res.status !== 201) throw new Error(`ship ${orderNbr}: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json.shipment.ShipmentNbr;
}

/** Invoices a shipment in the sandbox (released unless told otherwise); returns the invoice number. */
export async function invoice(world: World, shipmentNbr: string, body: Record<string, unknown> = {}): Promise<string> {
  const res = await control("POST", `/acumatica/${encodeURIComponent(world.acumatica.host)}/shipments/${shipmentNbr}/invoice`, { release: true, ...body });
  if (res.status !== 201) throw new Error(`invoice ${shipmentNbr}: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json.invoice.ReferenceNbr;
}

/**
 * The packages of a cross-dock order's shipment, as the warehouse packs it: one carton per mark-for
 * store, holding that store's quantity of each line (850 line i = sales order line i).
 */
export function crossDockPackages(order: { Details: { LineNbr: number }[] }): { contents: { lineNbr: number; qty: number }[] }[] {
  const po = fixtureOrder("CrossDock");
  const byStore = new Map<string, { lineNbr: number; qty: number }[]>();
  po.lines.forEach((line, i) => {
    const lineNbr = order.Details[i]!.LineNbr;
    for (const lq of line.quantitiesSchedulesLocations.flatMap((q) => q.locationQuantities)) {
      byStore.set(lq.location!, [...(byStore.get(lq.location!) ?? []), { lineNbr, qty: lq.qty! }]);
    }
  });
  return [...byStore.values()].map((contents) => ({ contents }));
}
