// PUT SalesOrder against the simulated contract (acumatica.md 3, 4, 6b): strict value wrapping,
// auto-numbering, $expand, 422 with per-field errors, ManualPrice, ship-to overrides, updates.
import { beforeEach, describe, expect, it } from "vitest";
import { acumaticaFetch, acumaticaTokens, control, createAcumaticaInstance, readJson, salesOrderBody, uniqueId, type AcumaticaInstanceInfo } from "./sandbox-control";

let instance: AcumaticaInstanceInfo;
let token: string;

beforeEach(async () => {
  instance = await createAcumaticaInstance();
  token = (await acumaticaTokens(instance)).access_token;
});

const put = (body: unknown, query = "$expand=Details") => acumaticaFetch(instance, token, "PUT", `SalesOrder?${query}`, body);

describe("creating a sales order", () => {
  it("auto-numbers the order and echoes wrapped values, ids, LastModified and (only when expanded) Details", async () => {
    const response = await put(salesOrderBody("NW4500123987"));
    expect(response.status).toBe(200);
    const order = await readJson(response);
    expect(order.OrderNbr).toEqual({ value: "SO000001" });
    expect(order.OrderType).toEqual({ value: "SO" });
    expect(order.Status).toEqual({ value: "Open" });
    expect(order.CustomerOrder).toEqual({ value: "NW4500123987" });
    expect(order.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(order.LastModified.value).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?\+00:00$/);
    expect(order.LastModifiedDateTime).toBeUndefined();
    expect(order.Details).toHaveLength(2);
    expect(order.Details[0]).toMatchObject({ LineNbr: { value: 1 }, InventoryID: { value: "DIFFUSER-BAM" }, OrderQty: { value: 30 }, ExtendedPrice: { value: 307.5 } });
    expect(order.Details[0].id).toMatch(/^[0-9a-f-]{36}$/);

    const second = await readJson(await put(salesOrderBody("PO-2"), ""));
    expect(second.OrderNbr).toEqual({ value: "SO000002" });
    expect(second.Details).toBeUndefined();
    expect(second.ShipToAddress).toBeUndefined();
  });

  it("keeps UnitPrice with ManualPrice and uses the item's default price otherwise", async () => {
    const order = await readJson(await put(salesOrderBody("PO-3")));
    expect(order.Details[0]).toMatchObject({ UnitPrice: { value: 10.25 }, ManualPrice: { value: true } });
    expect(order.Details[1]).toMatchObject({ UnitPrice: { value: 11.5 }, ManualPrice: { value: false } });
    expect(order.OrderTotal).toEqual({ value: 307.5 + 138 });
    const unflagged = salesOrderBody("PO-4", {
      Details: [{ InventoryID: { value: "GIFTSET-03" }, OrderQty: { value: 2 }, UnitPrice: { value: 1 } }],
    });
    const repriced = await readJson(await put(unflagged));
    expect(repriced.Details[0].UnitPrice).toEqual({ value: 18 });
  });

  it("honours ship-to overrides and ignores the address without the override flag", async () => {
    const address = { AddressLine1: { value: "7700 Logistics Way" }, City: { value: "Reno" }, State: { value: "NV" }, PostalCode: { value: "89506" }, Country: { value: "US" } };
    const contact = { BusinessName: { value: "Northwind Home DC 451" }, Attention: { value: "Receiving" } };
    const overridden = await readJson(
      await put(salesOrderBody("PO-5", { ShipToAddressOverride: { value: true }, ShipToAddress: address, ShipToContactOverride: { value: true }, ShipToContact: contact }), "$expand=ShipToAddress,ShipToContact"),
    );
    expect(overridden.ShipToAddress).toMatchObject({ AddressLine1: { value: "7700 Logistics Way" }, City: { value: "Reno" }, AddressLine2: {} });
    expect(overridden.ShipToContact).toMatchObject({ BusinessName: { value: "Northwind Home DC 451" }, Attention: { value: "Receiving" } });
    const ignored = await readJson(await put(salesOrderBody("PO-6", { ShipToAddress: address }), "$expand=ShipToAddress"));
    expect(ignored.ShipToAddressOverride).toEqual({ value: false });
    expect(ignored.ShipToAddress.City).toEqual({});
  });

  it("rejects an unwrapped field with 400 naming the field", async () => {
    for (const [body, path] of [
      [salesOrderBody("PO-7", { CustomerID: "BIGBOX" }), "'CustomerID'"],
      [salesOrderBody("PO-7", { Details: [{ InventoryID: "DIFFUSER-BAM", OrderQty: { value: 1 } }] }), "'Details[0].InventoryID'"],
      [salesOrderBody("PO-7", { ShipToAddressOverride: { value: true }, ShipToAddress: { City: "Reno" } }), "'ShipToAddress.City'"],
    ] as const) {
      const response = await put(body);
      expect(response.status).toBe(400);
      const error = await readJson(response);
      expect(error.message).toBe("An error has occurred.");
      expect(error.exceptionMessage).toContain(path);
    }
    const orders = await control("GET", `/acumatica/${instance.host}/orders`);
    expect(orders.json.orders).toEqual([]);
  });

  it("rejects unknown field names (sandbox strictness) and non-numeric quantities", async () => {
    const unknown = await put(salesOrderBody("PO-8", { CustomerOrderNbr: { value: "x" } }));
    expect(unknown.status).toBe(400);
    expect((await readJson(unknown)).exceptionMessage).toContain("CustomerOrderNbr");
    const badQty = await put(salesOrderBody("PO-8", { Details: [{ InventoryID: { value: "GIFTSET-03" }, OrderQty: { value: "six" } }] }));
    expect(badQty.status).toBe(400);
    expect((await readJson(badQty)).exceptionMessage).toContain("Details[0].OrderQty");
  });

  it("answers 422 with per-field errors for an unknown customer, location or item, and stores nothing", async () => {
    const badCustomer = await put(salesOrderBody("PO-9", { CustomerID: { value: "NOSUCH" } }));
    expect(badCustomer.status).toBe(422);
    const echo = await readJson(badCustomer);
    expect(echo.CustomerID).toMatchObject({ value: "NOSUCH", error: expect.stringContaining("NOSUCH") });
    expect(echo.CustomerOrder).toEqual({ value: "PO-9" });

    const badLocation = await readJson(await put(salesOrderBody("PO-9", { LocationID: { value: "DC0451" } })));
    expect(badLocation.LocationID.error).toContain("DC0451");

    const badItem = await put(
      salesOrderBody("PO-9", { Details: [{ InventoryID: { value: "GIFTSET-03" }, OrderQty: { value: 1 } }, { InventoryID: { value: "NO-SUCH-ITEM" }, OrderQty: { value: 1 } }] }),
    );
    expect(badItem.status).toBe(422);
    const itemEcho = await readJson(badItem);
    expect(itemEcho.Details[0].InventoryID.error).toBeUndefined();
    expect(itemEcho.Details[1].InventoryID).toMatchObject({ value: "NO-SUCH-ITEM", error: expect.stringContaining("NO-SUCH-ITEM") });

    const badUom = await readJson(await put(salesOrderBody("PO-9", { Details: [{ InventoryID: { value: "GIFTSET-03" }, OrderQty: { value: 1 }, UOM: { value: "CS" } }] })));
    expect(badUom.Details[0].UOM.error).toContain("CS");

    const orders = await control("GET", `/acumatica/${instance.host}/orders`);
    expect(orders.json.orders).toEqual([]);
  });

  it("uses the customer's default location when none is sent", async () => {
    const body = salesOrderBody("PO-10");
    delete body.LocationID;
    const order = await readJson(await put(body, ""));
    expect(order.LocationID).toEqual({ value: "MAIN" });
  });
});

describe("updating and reading sales orders", () => {
  it("updates an existing order by OrderType + OrderNbr: header fields, a line by id, a new line", async () => {
    const created = await readJson(await put(salesOrderBody("PO-11")));
    const update = {
      OrderType: { value: "SO" },
      OrderNbr: created.OrderNbr,
      Description: { value: "EDI 850 revised" },
      Details: [
        { id: created.Details[0].id, OrderQty: { value: 40 } },
        { InventoryID: { value: "MATCHES-JAR" }, OrderQty: { value: 5 } },
      ],
    };
    const response = await put(update);
    expect(response.status).toBe(200);
    const updated = await readJson(response);
    expect(updated.OrderNbr).toEqual(created.OrderNbr);
    expect(updated.Description).toEqual({ value: "EDI 850 revised" });
    expect(updated.Details.map((d: any) => [d.LineNbr.value, d.InventoryID.value, d.OrderQty.value])).toEqual([
      [1, "DIFFUSER-BAM", 40],
      [2, "DIFFUSER-CIT", 12],
      [3, "MATCHES-JAR", 5],
    ]);
    const orders = await control("GET", `/acumatica/${instance.host}/orders`);
    expect(orders.json.orders).toHaveLength(1);
  });

  it("deletes a line sent with its id and delete: true, and refuses an id the order does not have", async () => {
    const created = await readJson(await put(salesOrderBody("PO-11b")));
    const deleted = await readJson(await put({ OrderType: { value: "SO" }, OrderNbr: created.OrderNbr, Details: [{ id: created.Details[1].id, delete: true }] }));
    expect(deleted.Details.map((d: any) => d.InventoryID.value)).toEqual(["DIFFUSER-BAM"]);
    expect(deleted.OrderTotal).toEqual({ value: 307.5 });
    const unknownId = crypto.randomUUID();
    const refused = await put({ OrderType: { value: "SO" }, OrderNbr: created.OrderNbr, Details: [{ id: unknownId, OrderQty: { value: 1 } }] });
    expect(refused.status).toBe(422);
    const echo = await readJson(refused);
    expect(echo.Details[0]).toMatchObject({ id: unknownId, error: expect.stringContaining(unknownId) });
  });

  it("honours If-None-Match: * (insert only)", async () => {
    const created = await readJson(await put(salesOrderBody("PO-12")));
    const response = await fetch(`${instance.base}/entity/Default/24.200.001/SalesOrder`, {
      method: "PUT",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "if-none-match": "*" },
      body: JSON.stringify({ OrderType: { value: "SO" }, OrderNbr: created.OrderNbr, Description: { value: "x" } }),
    });
    expect(response.status).toBe(412);
    await response.arrayBuffer();
  });

  it("reads an order by keys (with / or |) and by id, and 404s for an unknown one", async () => {
    const created = await readJson(await put(salesOrderBody("PO-13")));
    for (const path of [`SalesOrder/SO/${created.OrderNbr.value}`, `SalesOrder/SO|${created.OrderNbr.value}`, `SalesOrder/${created.id}`]) {
      const response = await acumaticaFetch(instance, token, "GET", `${path}?$expand=Details`);
      expect(response.status).toBe(200);
      const order = await readJson(response);
      expect(order.CustomerOrder).toEqual({ value: "PO-13" });
      expect(order.Details).toHaveLength(2);
    }
    const missing = await acumaticaFetch(instance, token, "GET", "SalesOrder/SO/SO999999");
    expect(missing.status).toBe(404);
    await missing.arrayBuffer();
  });

  it("finds an order by CustomerID and CustomerOrder (the idempotency pre-check)", async () => {
    const customerOrder = uniqueId("PO");
    await put(salesOrderBody(customerOrder));
    await put(salesOrderBody("OTHER"));
    const filter = encodeURIComponent(`CustomerID eq 'BIGBOX' and CustomerOrder eq '${customerOrder}'`);
    const found = await readJson(await acumaticaFetch(instance, token, "GET", `SalesOrder?$filter=${filter}&$select=OrderType,OrderNbr,Status`));
    expect(found).toHaveLength(1);
    expect(Object.keys(found[0]).sort()).toEqual(["OrderNbr", "OrderType", "Status", "custom", "files", "id", "note", "rowNumber"]);
    const none = await readJson(await acumaticaFetch(instance, token, "GET", `SalesOrder?$filter=${encodeURIComponent("CustomerID eq 'NORTHWIND' and CustomerOrder eq 'OTHER'")}`));
    expect(none).toEqual([]);
  });

  it("refuses a PUT without a JSON content type", async () => {
    const response = await fetch(`${instance.base}/entity/Default/24.200.001/SalesOrder`, {
      method: "PUT",
      headers: { authorization: `Bearer ${token}`, "content-type": "text/plain" },
      body: JSON.stringify(salesOrderBody("PO-14")),
    });
    expect(response.status).toBe(415);
    await response.arrayBuffer();
  });
});
