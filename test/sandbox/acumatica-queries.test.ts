// GET lists with $filter / $expand / $select / $top / $skip (acumatica.md 1, 3, 6c, 6d, gotchas 1
// and 9): the seeded demo world, typed datetimeoffset literals, and the 400s for what the real
// API does not accept.
import { beforeAll, describe, expect, it } from "vitest";
import { acumaticaFetch, acumaticaTokens, control, createAcumaticaInstance, entityUrl, readJson, salesOrderBody, type AcumaticaInstanceInfo } from "./sandbox-control";

let instance: AcumaticaInstanceInfo;
let token: string;

beforeAll(async () => {
  instance = await createAcumaticaInstance();
  token = (await acumaticaTokens(instance)).access_token;
});

const get = (pathAndQuery: string) => acumaticaFetch(instance, token, "GET", pathAndQuery);
const filtered = (entity: string, filter: string, rest = "") => get(`${entity}?$filter=${encodeURIComponent(filter)}${rest}`);

async function shippedOrder(customerOrder: string): Promise<{ orderNbr: string; shipmentNbr: string }> {
  const order = await readJson(await acumaticaFetch(instance, token, "PUT", "SalesOrder", salesOrderBody(customerOrder)));
  const ship = await control("POST", `/acumatica/${instance.host}/orders/SO/${order.OrderNbr.value}/ship`, {});
  return { orderNbr: order.OrderNbr.value, shipmentNbr: ship.json.shipment.ShipmentNbr };
}

describe("seeded demo world", () => {
  it("has the demo customers, locations with ExtRefNbr, and items with cross-references", async () => {
    const customers = await readJson(await get("Customer"));
    expect(customers.map((c: any) => c.CustomerID.value)).toEqual(["BIGBOX", "CREST", "HOMEDIRECT", "NORTHWIND"]);
    const store10 = await readJson(await filtered("CustomerLocation", "Customer eq 'BIGBOX' and ExtRefNbr eq '0010'"));
    expect(store10.map((l: any) => l.LocationID.value)).toEqual(["ST0010"]);
    const item = await readJson(await get("StockItem/CANDLE-LAV-08?$expand=CrossReferences"));
    expect(item.DefaultPrice).toEqual({ value: 6.25 });
    const refs = item.CrossReferences.map((r: any) => [r.AlternateType.value, r.AlternateID.value, r.VendorOrCustomer.value ?? null]);
    expect(refs).toEqual([
      ["Barcode", "081234501013", null],
      ["Global", "BH-LAV-08", null],
      ["Customer Part Number", "NW-778120", "NORTHWIND"],
    ]);
  });
});

describe("$filter", () => {
  it("selects records changed after a datetimeoffset literal, with Z or an encoded +00:00", async () => {
    const old = await shippedOrder("Q-OLD");
    const fresh = await shippedOrder("Q-NEW");
    await control("PATCH", `/acumatica/${instance.host}/shipments/${old.shipmentNbr}`, { lastModified: "2025-01-01T00:00:00Z" });
    for (const literal of ["datetimeoffset'2025-06-01T00:00:00Z'", "datetimeoffset'2025-06-01T00:00:00+00:00'", "datetimeoffset'2025-06-01T02:00:00+02:00'"]) {
      const shipments = await readJson(await filtered("Shipment", `LastModifiedDateTime gt ${literal}`));
      const numbers = shipments.map((s: any) => s.ShipmentNbr.value);
      expect(numbers).toContain(fresh.shipmentNbr);
      expect(numbers).not.toContain(old.shipmentNbr);
    }
    const older = await readJson(await filtered("Shipment", "LastModifiedDateTime lt datetimeoffset'2025-06-01T00:00:00Z'"));
    expect(older.map((s: any) => s.ShipmentNbr.value)).toEqual([old.shipmentNbr]);
  });

  it("refuses a datetimeoffset whose + was not URL-encoded (it arrives as a space)", async () => {
    const response = await get("Shipment?$filter=LastModifiedDateTime%20gt%20datetimeoffset'2025-06-01T00:00:00+00:00'");
    expect(response.status).toBe(400);
    expect((await readJson(response)).exceptionMessage).toContain("datetimeoffset");
  });

  it("knows which change-tracking field each entity has (SalesOrder: LastModified only)", async () => {
    const wrong = await filtered("SalesOrder", "LastModifiedDateTime gt datetimeoffset'2025-01-01T00:00:00Z'");
    expect(wrong.status).toBe(400);
    expect((await readJson(wrong)).exceptionMessage).toContain("LastModifiedDateTime");
    const right = await filtered("SalesOrder", "LastModified ge datetimeoffset'2025-01-01T00:00:00Z'");
    expect(right.status).toBe(200);
    expect((await readJson(right)).length).toBeGreaterThan(0);
    const shipmentWrong = await filtered("Shipment", "LastModified gt datetimeoffset'2025-01-01T00:00:00Z'");
    expect(shipmentWrong.status).toBe(400);
    await shipmentWrong.arrayBuffer();
  });

  it("filters on OrderNbr, Status and CustomerOrder (with '' escapes), case-insensitively", async () => {
    const order = await readJson(await acumaticaFetch(instance, token, "PUT", "SalesOrder", salesOrderBody("O'Brien-1")));
    const byQuote = await readJson(await filtered("SalesOrder", "CustomerOrder eq 'o''brien-1'"));
    expect(byQuote.map((o: any) => o.OrderNbr.value)).toEqual([order.OrderNbr.value]);
    const byNbr = await readJson(await filtered("SalesOrder", `OrderNbr eq '${order.OrderNbr.value}' and Status eq 'Open'`));
    expect(byNbr).toHaveLength(1);
    const negated = await readJson(await filtered("SalesOrder", `not (OrderNbr eq '${order.OrderNbr.value}') and startswith(CustomerOrder, 'O''B')`));
    expect(negated).toEqual([]);
  });

  it("refuses unknown fields, detail paths, type mismatches and malformed expressions with 400", async () => {
    for (const filter of [
      "NoSuchField eq 'x'",
      "Details/OrderNbr eq 'SO000001'",
      "LastModifiedDateTime gt '2025-01-01'",
      "ShippedQty eq 'ten'",
      "Status eq",
      "Status eq 'Open' or",
      "Status eq 'unterminated",
    ]) {
      const response = await filtered("Shipment", filter);
      expect(response.status, filter).toBe(400);
      await response.arrayBuffer();
    }
  });
});

describe("$expand, $select, paging", () => {
  it("pages with $top and $skip over a bare JSON array", async () => {
    const all = await readJson(await get("StockItem"));
    expect(Array.isArray(all)).toBe(true);
    expect(all).toHaveLength(6);
    const page = await readJson(await get("StockItem?$top=2&$skip=4"));
    expect(page.map((i: any) => i.InventoryID.value)).toEqual(all.slice(4).map((i: any) => i.InventoryID.value));
    expect(page.map((i: any) => i.rowNumber)).toEqual([5, 6]);
    const past = await readJson(await get("StockItem?$top=2&$skip=10"));
    expect(past).toEqual([]);
  });

  it("refuses options the endpoint does not have and names that are not detail entities", async () => {
    for (const query of ["StockItem?$orderby=InventoryID", "StockItem?$top=-1", "SalesOrder?$expand=Packages", "SalesOrder?$select=NoSuchField"]) {
      const response = await get(query);
      expect(response.status, query).toBe(400);
      await response.arrayBuffer();
    }
  });

  it("applies nested $select to expanded details", async () => {
    await acumaticaFetch(instance, token, "PUT", "SalesOrder", salesOrderBody("SEL-1"));
    const orders = await readJson(await filtered("SalesOrder", "CustomerOrder eq 'SEL-1'", "&$expand=Details&$select=OrderNbr,Details/InventoryID"));
    expect(orders).toHaveLength(1);
    expect(orders[0].Details[0]).toEqual({ id: expect.any(String), rowNumber: 1, InventoryID: { value: "DIFFUSER-BAM" } });
    expect(orders[0].CustomerID).toBeUndefined();
  });
});

describe("the contract of each endpoint version", () => {
  const at = async (version: string, pathAndQuery: string) => fetch(entityUrl(versioned, pathAndQuery, version), { headers: { authorization: `Bearer ${versionedToken}`, accept: "application/json" } });
  let versioned: AcumaticaInstanceInfo;
  let versionedToken: string;
  beforeAll(async () => {
    versioned = await createAcumaticaInstance({ versions: ["20.200.001", "22.200.001", "23.200.001", "24.200.001"] });
    versionedToken = (await acumaticaTokens(versioned)).access_token;
  });
  const since = encodeURIComponent("LastModifiedDateTime gt datetimeoffset'2020-01-01T00:00:00Z'");

  it("serves SalesInvoice.LastModifiedDateTime from 23.200.001 only, and Terms on no SalesInvoice", async () => {
    expect((await at("22.200.001", `SalesInvoice?$filter=${since}`)).status).toBe(400);
    expect((await at("23.200.001", `SalesInvoice?$filter=${since}`)).status).toBe(200);
    expect((await at("24.200.001", "SalesInvoice?$select=Terms")).status).toBe(400);
    expect((await at("23.200.001", "SalesInvoice?$select=ExternalRef")).status).toBe(400);
    expect((await at("24.200.001", "SalesInvoice?$select=ExternalRef")).status).toBe(200);
  });

  it("serves StockItem.LastModifiedDateTime and CustomerLocation.ExtRefNbr in 24.200.001 only", async () => {
    expect((await at("23.200.001", `StockItem?$filter=${since}`)).status).toBe(400);
    expect((await at("23.200.001", `StockItem?$filter=${encodeURIComponent("LastModified gt datetimeoffset'2020-01-01T00:00:00Z'")}`)).status).toBe(200);
    expect((await at("24.200.001", `StockItem?$filter=${since}`)).status).toBe(200);
    expect((await at("23.200.001", "CustomerLocation?$select=ExtRefNbr")).status).toBe(400);
    const item = await readJson(await at("23.200.001", "StockItem/CANDLE-LAV-08"));
    expect(item.LastModifiedDateTime).toBeUndefined();
    expect(item.LastModified).toBeDefined();
  });

  it("serves ManualPrice on order lines and the package fields LineNbr, OrigOrderNbr, OrigOrderType from 22.200.001", async () => {
    expect((await at("20.200.001", "SalesOrder?$expand=Details&$select=OrderNbr,Details/ManualPrice")).status).toBe(400);
    expect((await at("22.200.001", "SalesOrder?$expand=Details&$select=OrderNbr,Details/ManualPrice")).status).toBe(200);
    expect((await at("20.200.001", "Shipment?$expand=Packages&$select=ShipmentNbr,Packages/LineNbr")).status).toBe(400);
    expect((await at("20.200.001", "Shipment?$expand=Packages/PackageContents&$select=ShipmentNbr,Packages/PackageContents/OrigOrderNbr")).status).toBe(400);
    expect((await at("22.200.001", "Shipment?$expand=Packages/PackageContents&$select=ShipmentNbr,Packages/PackageContents/OrigOrderNbr")).status).toBe(200);
  });

  it("keeps Terms on the sales order's FinancialSettings and on the customer", async () => {
    const created = await readJson(await acumaticaFetch(versioned, versionedToken, "PUT", "SalesOrder", salesOrderBody("PO-TERMS-1")));
    const order = await readJson(await at("22.200.001", `SalesOrder/SO/${created.OrderNbr.value}?$expand=FinancialSettings`));
    expect(order.FinancialSettings.Terms.value).toBe("30D");
    const customer = await readJson(await at("22.200.001", "Customer/BIGBOX?$select=CustomerID,Terms"));
    expect(customer.Terms.value).toBe("30D");
  });
});
