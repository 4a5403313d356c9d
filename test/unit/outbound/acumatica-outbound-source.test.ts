// AcumaticaOutboundSource through the real client and TenantGate against the sandbox's strict contract
// API: changed-since filters with datetimeoffset, the nested $expand, $top/$skip paging with `more`,
// records by key (404 → undefined), and invoices listed whatever their status.
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { AcumaticaClient } from "../../../src/erp/acumatica/client";
import { AcumaticaOutboundSource } from "../../../src/erp/acumatica/outbound-source";
import { TenantGateClient } from "../../../src/tenant-gate/client";
import { createWorld, type World } from "../../helpers/world";
import { acumaticaFetch, acumaticaTokens, control, readJson, salesOrderBody } from "../../sandbox/sandbox-control";

let world: World;
let source: AcumaticaOutboundSource;
let orderNbrs: string[];

beforeEach(async () => {
  world = await createWorld({ partners: false, items: false });
  const gate = new TenantGateClient(env, world.tenantId, "acumatica");
  const client = new AcumaticaClient(gate, {
    instanceUrl: world.acumatica.base,
    endpointName: "Default",
    endpointVersion: "24.200.001",
    clientId: world.acumatica.clientId,
    username: world.acumatica.username,
    orderType: "SO",
    requestsPerMinute: 6000,
  });
  source = new AcumaticaOutboundSource(client);
  const token = (await acumaticaTokens(world.acumatica)).access_token;
  orderNbrs = [];
  for (const po of ["BB-1", "BB-2", "BB-3"]) {
    const res = await acumaticaFetch(world.acumatica, token, "PUT", "SalesOrder", salesOrderBody(po));
    orderNbrs.push((await readJson(res)).OrderNbr.value);
  }
});

const ship = async (orderNbr: string) => (await control("POST", `/acumatica/${world.acumatica.host}/orders/SO/${orderNbr}/ship`, {})).json.shipment.ShipmentNbr as string;

describe("listing changed shipments", () => {
  it("pages with $top/$skip, says when a page is full, and maps package contents", async () => {
    const since = new Date(Date.now() - 60_000).toISOString();
    const numbers = [];
    for (const nbr of orderNbrs) numbers.push(await ship(nbr));
    const first = await source.listChangedShipments(since, { top: 2, skip: 0 });
    const second = await source.listChangedShipments(since, { top: 2, skip: 2 });
    expect(first.more).toBe(true);
    expect(second.more).toBe(false);
    const listed = [...first.records, ...second.records];
    expect(listed.map((s) => s.shipmentNbr).sort()).toEqual(numbers.sort());
    const one = listed[0]!;
    expect(one.shipped).toBe(true);
    expect(one.packages.flatMap((p) => p.contents.map((c) => c.qty)).reduce((a, b) => a + b, 0)).toBe(42);
    expect(one.lines.every((l) => orderNbrs.includes(l.orderNbr) && l.orderLineNbr !== undefined)).toBe(true);
  });

  it("leaves out shipments not changed after the watermark", async () => {
    const old = await ship(orderNbrs[0]!);
    await control("PATCH", `/acumatica/${world.acumatica.host}/shipments/${old}`, { lastModified: "2026-02-01T08:00:00Z" });
    const recent = await ship(orderNbrs[1]!);
    const page = await source.listChangedShipments("2026-02-01T08:00:00.000Z", { top: 50, skip: 0 });
    expect(page.records.map((s) => s.shipmentNbr)).toEqual([recent]);
    const withOld = await source.listChangedShipments("2026-02-01T07:59:59+00:00", { top: 50, skip: 0 });
    expect(withOld.records.map((s) => s.shipmentNbr).sort()).toEqual([old, recent].sort());
  });
});

describe("reading one record", () => {
  it("reads a shipment by number with its contents, and answers undefined for an unknown one", async () => {
    const nbr = await ship(orderNbrs[0]!);
    const shipment = await source.getShipment(nbr);
    expect(shipment).toMatchObject({ shipmentNbr: nbr, status: "Confirmed", customerId: "BIGBOX" });
    expect(shipment!.packages.length).toBeGreaterThan(0);
    expect(shipment!.packages[0]!.contents.length).toBeGreaterThan(0);
    expect(await source.getShipment("999999")).toBeUndefined();
  });

  it("lists invoices whatever their status and reads one by type and number", async () => {
    const since = new Date(Date.now() - 60_000).toISOString();
    await ship(orderNbrs[0]!);
    await ship(orderNbrs[1]!);
    const balanced = (await control("POST", `/acumatica/${world.acumatica.host}/orders/SO/${orderNbrs[0]}/invoice`, { release: false })).json.invoice.ReferenceNbr;
    const open = (await control("POST", `/acumatica/${world.acumatica.host}/orders/SO/${orderNbrs[1]}/invoice`, { freight: 10 })).json.invoice.ReferenceNbr;
    const page = await source.listChangedInvoices(since, { top: 50, skip: 0 });
    expect(page.more).toBe(false);
    expect(page.records.map((i) => [i.invoiceNbr, i.released]).sort()).toEqual([[balanced, false], [open, true]].sort());
    expect(page.records.every((i) => i.lines.length === 2)).toBe(true);
    expect(await source.getInvoice(open)).toMatchObject({ invoiceNbr: open, freight: 10, released: true, customerOrder: "BB-2" });
    expect(await source.getInvoice(open, "Credit Memo")).toBeUndefined();
  });
});
