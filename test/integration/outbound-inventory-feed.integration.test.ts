// The outbound 846 inventory feed through the real poll, outbound queue and SPS upload, for both ERPs:
// the sandbox serves Acumatica's InventorySummaryInquiry and F&O's WarehousesOnHand strictly, the
// partner's warehouses, safety stock, maximum and discontinued items are applied, only mapped items
// are sent, one file per run (a second poll in the same run sends nothing), the file validates against
// SPS's ItemRegistries.json when the material is present, the console's document page shows what was
// sent, and a run that cannot read the ERP uploads nothing.
import { SELF } from "cloudflare:test";
import { Validator } from "@cfworker/json-schema";
import { describe, expect, it } from "vitest";
import { parseInventoryAdvice } from "../../src/rsx/inventory-846";
import { api, operatorToken } from "../helpers/api";
import { createDynamicsWorld, flowWorld, PARTNERS } from "../helpers/dynamics-world";
import { documents, mailbox, pollNow, setFaults } from "../helpers/flow";
import { requireSpsRsx } from "../helpers/sps-rsx";
import { createWorld } from "../helpers/world";
import { control } from "../sandbox/sandbox-control";
import { vi } from "vitest";

const spsRsx = await requireSpsRsx("outbound 846 files against SPS's ItemRegistries.json");
const PARTNER = "NWHALLNORTHWND";
const FEED = { everyHours: 4, warehouses: ["MAIN", "EAST"], safetyStock: 5, maxAdvertised: 200, discontinued: ["MATCHES-JAR"] };

async function schemaCheck(json: string): Promise<void> {
  if (!spsRsx) return;
  const strip = (node: unknown): unknown =>
    Array.isArray(node) ? node.map(strip) : node && typeof node === "object" ? Object.fromEntries(Object.entries(node).filter(([k, v]) => !(k === "format" && v === "time")).map(([k, v]) => [k, strip(v)])) : node;
  const schema = new Validator(strip(JSON.parse(await spsRsx.text("schemas/ItemRegistries.json"))) as object, "7", false);
  expect(schema.validate(JSON.parse(json)).valid).toBe(true);
}

async function feedFile(world: { sps: { clientId: string } }): Promise<{ path: string; content: string }[]> {
  const res = await control("GET", `/sps/accounts/${encodeURIComponent(world.sps.clientId)}/files?prefix=${encodeURIComponent("in/")}`);
  return res.json.files.filter((f: any) => /\/IB/.test(f.path));
}

/** Quantity per vendor part in an 846 file. */
function quantities(text: string): Record<string, number> {
  const parsed = parseInventoryAdvice(new TextEncoder().encode(text));
  if (!parsed.ok) throw new Error(parsed.error.reasons.join("; "));
  return Object.fromEntries(parsed.value.registries[0]!.lines.map((l) => [l.vendorPartNumber ?? l.buyerPartNumber ?? "?", l.quantitiesSchedulesLocations[0]!.totalQty!]));
}

async function waitForFeedDocument(tenantId: string, status: string): Promise<any> {
  let found: any;
  await vi.waitFor(
    async () => {
      const docs = await documents({ tenantId } as never, "type=846");
      found = docs.find((d) => d.status === status);
      if (!found) throw new Error(`846 documents: ${docs.map((d) => d.status).join(", ")}`);
    },
    { timeout: 30_000, interval: 200 },
  );
  return found;
}

describe("outbound 846 inventory feed", () => {
  it("Acumatica: reads the inventory summary inquiry, applies the rules, uploads one file per run", async () => {
    const world = await createWorld({ tenant: { documentFormat: "json" } });
    await api("PUT", `/v1/tenants/${world.tenantId}/partners/${PARTNER}`, { body: { customerId: "NORTHWIND", customerLocationId: "MAIN", status: "live", rules: { inventoryFeed: FEED } } });
    const levels = [
      { InventoryID: "CANDLE-LAV-08", WarehouseID: "MAIN", QtyOnHand: 130, QtyAvailable: 120 },
      { InventoryID: "CANDLE-LAV-08", WarehouseID: "EAST", QtyOnHand: 40, QtyAvailable: 30 },
      { InventoryID: "CANDLE-LAV-08", WarehouseID: "RETURNS", QtyOnHand: 999, QtyAvailable: 999 },
      { InventoryID: "CANDLE-CED-12", WarehouseID: "MAIN", QtyOnHand: 4, QtyAvailable: 3 },
      { InventoryID: "GIFTSET-03", WarehouseID: "EAST", QtyOnHand: 500, QtyAvailable: 450 },
      { InventoryID: "MATCHES-JAR", WarehouseID: "MAIN", QtyOnHand: 80, QtyAvailable: 80 },
      // Not mapped for anyone: never sent.
      { InventoryID: "UNMAPPED-1", WarehouseID: "MAIN", QtyOnHand: 10, QtyAvailable: 10 },
    ];
    expect((await control("PUT", `/acumatica/${encodeURIComponent(world.acumatica.host)}/inventory`, { levels })).status).toBe(200);
    await pollNow(world);
    const doc = await waitForFeedDocument(world.tenantId, "delivered");
    const files = await feedFile(world);
    expect(files).toHaveLength(1);
    const q = quantities(files[0]!.content);
    // LAV: 120 + 30 (RETURNS does not count) − 5 = 145; CED: 3 − 5 → 0; GIFTSET: 450 − 5 = 445, capped at 200;
    // MATCHES-JAR discontinued → 0; the diffusers have no stock → 0.
    expect(q).toEqual({ "BH-LAV-08": 145, "BH-CED-12": 0, "BH-GFT-03": 200, "BH-DIF-01": 0, "BH-DIF-02": 0, "BH-MAT-01": 0 });
    await schemaCheck(files[0]!.content);

    // A second poll in the same run: no new document, no new file.
    await pollNow(world);
    await new Promise((r) => setTimeout(r, 1500));
    expect((await documents(world, "type=846")).length).toBe(1);
    expect(await feedFile(world)).toHaveLength(1);

    // The console's document page shows what was read and what was sent per item.
    const login = await SELF.fetch("https://connector.test/console/login", { method: "POST", body: new URLSearchParams({ token: await operatorToken() }), redirect: "manual" });
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0]!;
    const page = await (await SELF.fetch(`https://connector.test/console/t/${world.tenantId}/documents/${doc.id}`, { headers: { cookie } })).text();
    expect(page).toMatch(/<td>CANDLE-LAV-08<\/td><td>NW-778120<\/td><td>BH-LAV-08<\/td><td>081234501013<\/td><td>150<\/td><td>145<\/td><td>safety stock 5<\/td>/);
  });

  it("Acumatica: a run that cannot read the ERP uploads nothing and records why", async () => {
    const world = await createWorld();
    await api("PUT", `/v1/tenants/${world.tenantId}/partners/${PARTNER}`, { body: { customerId: "NORTHWIND", status: "live", rules: { inventoryFeed: FEED } } });
    await setFaults(world, "acumatica", [{ route: "acumatica.put:InventorySummaryInquiry", kind: "500" }]);
    await pollNow(world);
    const doc = await waitForFeedDocument(world.tenantId, "failed");
    expect(doc.statusDetail.join(" ")).toContain("rather than one advertising zeros");
    expect(await feedFile(world)).toHaveLength(0);
  });

  it("Dynamics: reads WarehousesOnHand for the partner's legal entity and sends the same rules", async () => {
    const dw = await createDynamicsWorld();
    await api("PATCH", `/v1/tenants/${dw.tenantId}`, { body: { documentFormat: "json" } });
    await api("PUT", `/v1/tenants/${dw.tenantId}/partners/${PARTNERS.crossDock}`, { body: { customerId: "US-NW", legalEntity: "usmf", status: "live", rules: { inventoryFeed: FEED } } });
    const rows = [
      { dataAreaId: "usmf", ItemNumber: "CANDLE-LAV-08", InventoryWarehouseId: "MAIN", AvailableOnHandQuantity: 60 },
      { dataAreaId: "usmf", ItemNumber: "CANDLE-LAV-08", InventoryWarehouseId: "EAST", AvailableOnHandQuantity: 12 },
      { dataAreaId: "usmf", ItemNumber: "CANDLE-LAV-08", InventoryWarehouseId: "OTHER", AvailableOnHandQuantity: 1000 },
      // Another legal entity's stock does not count.
      { dataAreaId: "demf", ItemNumber: "CANDLE-LAV-08", InventoryWarehouseId: "MAIN", AvailableOnHandQuantity: 700 },
      { dataAreaId: "usmf", ItemNumber: "GIFTSET-03", InventoryWarehouseId: "MAIN", AvailableOnHandQuantity: 9 },
    ];
    expect((await control("PUT", `/dynamics/${encodeURIComponent(dw.fo.host)}/on-hand`, { rows })).status).toBe(200);
    const world = flowWorld(dw);
    await pollNow(world);
    await waitForFeedDocument(dw.tenantId, "delivered");
    const files = await feedFile(world);
    expect(files).toHaveLength(1);
    expect(quantities(files[0]!.content)).toMatchObject({ "BH-LAV-08": 67, "BH-GFT-03": 4, "BH-CED-12": 0, "BH-MAT-01": 0 });
    await schemaCheck(files[0]!.content);
  });
});
