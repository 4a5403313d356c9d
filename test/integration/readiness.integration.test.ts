// GET /v1/tenants/:tenant/readiness: a fresh tenant is told each missing piece with its fix, per
// flow; once connections, partners, addresses and the GS1 prefix are set and tested it is ready;
// what recent documents and shipments show (an unmapped item, a ship-via without SCAC) and an
// endpoint version too old for a flow make their flows not ready again.
import { describe, expect, it } from "vitest";
import { api, createTenant, uniqueTenantId } from "../helpers/api";
import { drop, fixtureXml, pollNow, salesOrders, ship, waitForSettled, withPo } from "../helpers/flow";
import { createWorld } from "../helpers/world";

interface Flow {
  flow: string;
  ready: boolean;
  missing: { code: string; message: string; fix: string }[];
}

async function readiness(tenantId: string): Promise<{ ready: boolean; flows: Flow[] }> {
  const res = await api("GET", `/v1/tenants/${tenantId}/readiness`);
  expect(res.status).toBe(200);
  return res.body;
}

const codes = (r: { flows: Flow[] }, flow: string) => r.flows.find((f) => f.flow === flow)?.missing.map((m) => m.code) ?? [];

describe("tenant readiness", () => {
  it("lists each missing piece of a fresh tenant with its fix, then is ready once everything is set", async () => {
    const id = uniqueTenantId("r");
    await createTenant(id, "acumatica");
    const fresh = await readiness(id);
    expect(fresh.ready).toBe(false);
    expect(fresh.flows.map((f) => f.flow)).toEqual(["850", "856", "810"]); // no 855: Acumatica partners do not get one unless asked
    expect(codes(fresh, "850")).toEqual(["connection.sps.missing", "connection.acumatica.missing", "partners.none"]);
    expect(codes(fresh, "856")).toEqual(["connection.sps.missing", "connection.acumatica.missing", "partners.none", "tenant.ship_from", "tenant.gs1_prefix"]);
    expect(codes(fresh, "810")).toEqual(["connection.sps.missing", "connection.acumatica.missing", "partners.none", "tenant.remit_to"]);
    const shipFrom = fresh.flows.find((f) => f.flow === "856")!.missing.find((m) => m.code === "tenant.ship_from")!;
    expect(shipFrom.fix).toBe(`PATCH /v1/tenants/${id} with shipFrom`);

    // A tenant with everything stored: connections not yet tested.
    const world = await createWorld();
    const untested = await readiness(world.tenantId);
    expect(codes(untested, "850")).toEqual(["connection.sps.untested", "connection.acumatica.untested"]);
    for (const system of ["sps", "acumatica"]) expect((await api("POST", `/v1/tenants/${world.tenantId}/connections/${system}/test`)).body.ok).toBe(true);
    const ready = await readiness(world.tenantId);
    expect(ready.flows.map((f) => [f.flow, f.ready, f.missing])).toEqual([
      ["850", true, []],
      ["856", true, []],
      ["810", true, []],
    ]);
    expect(ready.ready).toBe(true);
  });

  it("names an item recent orders are waiting for, and a ship-via used on recent shipments that has no SCAC", async () => {
    const world = await createWorld();
    for (const system of ["sps", "acumatica"]) await api("POST", `/v1/tenants/${world.tenantId}/connections/${system}/test`);
    // An order whose item is not mapped, and a delivered one shipped by a carrier the tenant has no SCAC for.
    await drop(world, "out/PO/unmapped.xml", withPo(fixtureXml.DropShip, "READY-1").replace("<VendorPartNumber>BH-GFT-03</VendorPartNumber>", "<VendorPartNumber>NO-SUCH-PART</VendorPartNumber>").replace(/<ConsumerPackageCode>081234502034<\/ConsumerPackageCode>\s*<GTIN>00081234502034<\/GTIN>/, ""));
    await drop(world, "out/PO/fine.xml", withPo(fixtureXml.BulkImport, "READY-2"));
    await pollNow(world);
    const docs = await waitForSettled(world, 2, { query: "type=850" });
    expect(docs.map((d) => `${d.naturalKey}:${d.status}`).sort()).toEqual(["READY-1:needs_mapping", "READY-2:delivered"]);
    const [order] = (await salesOrders(world)).filter((o) => o.CustomerOrder === "READY-2");
    await ship(world, order.OrderNbr, { shipVia: "ZIPPYFREIGHT" });
    const r = await readiness(world.tenantId);
    expect(r.ready).toBe(false);
    const item = r.flows.find((f) => f.flow === "850")!.missing.find((m) => m.code === "items.unmapped")!;
    expect(item.message).toMatch(/^PO READY-1: .*NO-SUCH-PART/);
    expect(item.fix).toMatch(new RegExp(`^PUT /v1/tenants/${world.tenantId}/items .*then POST /v1/tenants/${world.tenantId}/documents/[^/]+/replay$`));
    const scac = r.flows.find((f) => f.flow === "856")!.missing.filter((m) => m.code === "tenant.scac");
    expect(scac.map((m) => m.message)).toEqual(["Ship-via ZIPPYFREIGHT, used on recent Acumatica shipments, has no carrier SCAC"]);
    expect(r.flows.find((f) => f.flow === "810")!.ready).toBe(true);
  });

  it("says which flow an Acumatica endpoint version is too old for", async () => {
    const world = await createWorld({ acumaticaInstance: { versions: ["22.200.001"] }, endpointVersion: "22.200.001" });
    const r = await readiness(world.tenantId);
    const fit = r.flows.find((f) => f.flow === "810")!.missing.find((m) => m.code === "erp.endpoint_version")!;
    expect(fit.message).toMatch(/^Invoices \(810\) need endpoint 23\.200\.001 or later/);
    expect(codes(r, "856")).not.toContain("erp.endpoint_version");
  });

  it("includes the 855 for a Dynamics tenant, whose partners get acknowledgments by default", async () => {
    const id = uniqueTenantId("rd");
    await createTenant(id, "dynamics");
    const r = await readiness(id);
    expect(r.flows.map((f) => f.flow)).toEqual(["850", "855", "856", "810"]);
    expect(codes(r, "855")).toEqual(["connection.sps.missing", "connection.dynamics.missing", "partners.none"]);
    expect(r.flows.find((f) => f.flow === "850")!.missing.find((m) => m.code === "partners.none")!.fix).toMatch(/with customerId and legalEntity$/);
  });

  it("is the caller's own tenant only", async () => {
    const world = await createWorld();
    const other = await createWorld();
    const { tenantToken } = await import("../helpers/api");
    const res = await api("GET", `/v1/tenants/${other.tenantId}/readiness`, { token: await tenantToken(world.tenantId) });
    expect(res.status).toBe(403);
    expect((await api("GET", "/v1/tenants/no-such-tenant/readiness")).status).toBe(404);
  });
});
