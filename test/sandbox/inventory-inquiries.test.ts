// The simulators' inventory reads, served strictly: Acumatica's InventorySummaryInquiry (PUT with
// wrapped filter fields and $expand=Results; an unknown field or query option is a 400) and F&O's
// WarehousesOnHand (keys and fields of the on-hand entity; an unknown $select field is a 400, and it
// cannot be written).
import { beforeAll, describe, expect, it } from "vitest";
import { acumaticaFetch, acumaticaTokens, control, createAcumaticaInstance, readJson, type AcumaticaInstanceInfo } from "./sandbox-control";
import { createFoWorld, foFetch, foToken, q, type FoWorld } from "./dynamics-helpers";

describe("Acumatica InventorySummaryInquiry", () => {
  let instance: AcumaticaInstanceInfo;
  let token: string;
  beforeAll(async () => {
    instance = await createAcumaticaInstance();
    token = (await acumaticaTokens(instance)).access_token;
    await control("PUT", `/acumatica/${instance.host}/inventory`, {
      levels: [
        { InventoryID: "CANDLE-LAV-08", WarehouseID: "MAIN", QtyOnHand: 10, QtyAvailable: 8 },
        { InventoryID: "CANDLE-LAV-08", WarehouseID: "EAST", QtyOnHand: 3, QtyAvailable: 3 },
        { InventoryID: "GIFTSET-03", WarehouseID: "MAIN", QtyOnHand: 1, QtyAvailable: 1 },
      ],
    });
  });

  it("answers one row per warehouse of the item, only with $expand=Results", async () => {
    const res = await acumaticaFetch(instance, token, "PUT", "InventorySummaryInquiry?$expand=Results", { InventoryID: { value: "CANDLE-LAV-08" } });
    expect(res.status).toBe(200);
    const body = await readJson(res);
    expect(body.Results.map((r: any) => [r.WarehouseID.value, r.QtyAvailable.value, r.QtyOnHand.value])).toEqual([
      ["MAIN", 8, 10],
      ["EAST", 3, 3],
    ]);
    const bare = await readJson(await acumaticaFetch(instance, token, "PUT", "InventorySummaryInquiry", { InventoryID: { value: "CANDLE-LAV-08" } }));
    expect(bare.Results).toBeUndefined();
  });

  it("refuses an unknown filter field, an unwrapped value and another query option", async () => {
    expect((await acumaticaFetch(instance, token, "PUT", "InventorySummaryInquiry?$expand=Results", { Item: { value: "X" } })).status).toBe(400);
    expect((await acumaticaFetch(instance, token, "PUT", "InventorySummaryInquiry?$expand=Results", { InventoryID: "CANDLE-LAV-08" })).status).toBe(400);
    expect((await acumaticaFetch(instance, token, "PUT", "InventorySummaryInquiry?$select=Results", { InventoryID: { value: "CANDLE-LAV-08" } })).status).toBe(400);
  });
});

describe("F&O WarehousesOnHand", () => {
  let world: FoWorld;
  let token: string;
  beforeAll(async () => {
    world = await createFoWorld();
    token = await foToken(world);
    await control("PUT", `/dynamics/${world.host}/on-hand`, {
      rows: [
        { dataAreaId: "usmf", ItemNumber: "CANDLE-LAV-08", InventoryWarehouseId: "MAIN", AvailableOnHandQuantity: 5 },
        { dataAreaId: "usmf", ItemNumber: "CANDLE-LAV-08", InventoryWarehouseId: "EAST", AvailableOnHandQuantity: 2 },
        { dataAreaId: "usmf", ItemNumber: "GIFTSET-03", InventoryWarehouseId: "MAIN", AvailableOnHandQuantity: 1 },
      ],
    });
  });

  it("filters by item and selects the on-hand fields", async () => {
    const res = await foFetch(world, token, "GET", `WarehousesOnHand?${q({ $filter: "dataAreaId eq 'usmf' and (ItemNumber eq 'CANDLE-LAV-08')", $select: "ItemNumber,InventoryWarehouseId,AvailableOnHandQuantity" })}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { value: any[] };
    expect(body.value.map((r) => [r.InventoryWarehouseId, Number(r.AvailableOnHandQuantity)]).sort()).toEqual([
      ["EAST", 2],
      ["MAIN", 5],
    ]);
  });

  it("refuses a field the entity does not have, and writes", async () => {
    expect((await foFetch(world, token, "GET", `WarehousesOnHand?${q({ $select: "ItemNumber,QtyAvailable" })}`)).status).toBe(400);
    expect((await foFetch(world, token, "POST", "WarehousesOnHand", { dataAreaId: "usmf", ItemNumber: "X" })).status).toBeGreaterThanOrEqual(400);
  });
});
