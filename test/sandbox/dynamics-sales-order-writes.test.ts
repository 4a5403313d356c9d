// Creating sales orders in F&O (dynamics-365-fo.md sections 2, 3a, 3b, 9b): auto-numbering,
// dataAreaId and the default company, customers and released products checked per legal entity,
// F&O's error bodies, strict OData property and type checks, PATCH/DELETE by key.
import { describe, expect, it } from "vitest";
import { createFoWorld, createOrder, foFetch, foToken, orderHeader } from "./dynamics-helpers";
import { control, readJson } from "./sandbox-control";

const WRITE_EXCEPTION = "Microsoft.Dynamics.Platform.Integration.Services.OData.AxODataWriteException";

describe("POST SalesOrderHeadersV2", () => {
  it("auto-numbers the order and answers 201 with the entity, Location and defaults", async () => {
    const world = await createFoWorld();
    const token = await foToken(world);
    const response = await foFetch(world, token, "POST", "SalesOrderHeadersV2", orderHeader("PO-AUTO-1"));
    expect(response.status).toBe(201);
    const order = await readJson(response);
    expect(order.SalesOrderNumber).toMatch(/^SO-\d{6}$/);
    expect(order).toMatchObject({
      "@odata.context": `${world.data}/$metadata#SalesOrderHeadersV2/$entity`,
      "@odata.etag": expect.stringMatching(/^W\/"/),
      dataAreaId: "usmf",
      OrderingCustomerAccountNumber: "BIGBOX",
      InvoiceCustomerAccountNumber: "BIGBOX",
      CustomersOrderReference: "PO-AUTO-1",
      SalesOrderStatus: "Backorder",
      ConfirmedShippingDate: "1900-01-01T12:00:00Z",
      RequestedShippingDate: "2026-03-17T12:00:00Z",
      CurrencyCode: "USD",
    });
    expect(response.headers.get("location")).toBe(`${world.data}/SalesOrderHeadersV2(dataAreaId='usmf',SalesOrderNumber='${order.SalesOrderNumber}')`);
    const second = await readJson(await foFetch(world, token, "POST", "SalesOrderHeadersV2", orderHeader("PO-AUTO-2")));
    expect(second.SalesOrderNumber).not.toBe(order.SalesOrderNumber);
  });

  it("puts a write without dataAreaId in the service user's default company", async () => {
    const world = await createFoWorld({ defaultCompany: "demf" });
    const token = await foToken(world);
    const header = orderHeader("PO-NO-AREA");
    delete header.dataAreaId;
    // CREST exists in demf (the default company here) and in usmf.
    const response = await foFetch(world, token, "POST", "SalesOrderHeadersV2", { ...header, OrderingCustomerAccountNumber: "CREST", CurrencyCode: "EUR" });
    expect(response.status).toBe(201);
    expect((await readJson(response)).dataAreaId).toBe("demf");
    // NORTHWIND exists only in usmf: without dataAreaId the write lands in demf and fails there.
    const wrongCompany = await foFetch(world, token, "POST", "SalesOrderHeadersV2", { ...header, OrderingCustomerAccountNumber: "NORTHWIND" });
    expect(wrongCompany.status).toBe(500);
    const body = await readJson(wrongCompany);
    expect(body.error.innererror.message).toContain("The value 'NORTHWIND' in field 'Customer account' is not found in the related table 'Customers'");
  });

  it("refuses a customer that does not exist in the order's legal entity, in F&O's error shape", async () => {
    const world = await createFoWorld();
    const token = await foToken(world);
    const response = await foFetch(world, token, "POST", "SalesOrderHeadersV2", orderHeader("PO-DEMF", { dataAreaId: "demf", OrderingCustomerAccountNumber: "BIGBOX" }));
    expect(response.status).toBe(500);
    const body = await readJson(response);
    expect(body).toEqual({
      error: {
        code: "",
        message: "An error has occurred.",
        innererror: { message: expect.stringMatching(/^Write failed for table row of type 'SalesOrderHeaderV2Entity'\. Infolog: .*'BIGBOX'/), type: WRITE_EXCEPTION, stacktrace: expect.any(String) },
      },
    });
    const orders = await control("GET", `/dynamics/${world.host}/orders`);
    expect(orders.json.orders).toEqual([]);
  });

  it("refuses a caller-supplied SalesOrderNumber unless the number sequence allows manual numbers", async () => {
    const world = await createFoWorld();
    const token = await foToken(world);
    const refused = await foFetch(world, token, "POST", "SalesOrderHeadersV2", orderHeader("PO-MAN-0", { SalesOrderNumber: "EDI-0000" }));
    expect(refused.status).toBe(500);
    expect((await readJson(refused)).error.innererror.message).toContain("does not allow manual numbers");
    expect((await control("PATCH", `/dynamics/${world.host}/settings`, { manualOrderNumbers: true })).json.manualOrderNumbers).toBe(true);
    expect((await foFetch(world, token, "POST", "SalesOrderHeadersV2", orderHeader("PO-MAN-0", { SalesOrderNumber: "EDI-0000" }))).status).toBe(201);
  });

  it("refuses a duplicate SalesOrderNumber and accepts a caller-supplied one", async () => {
    const world = await createFoWorld({ manualOrderNumbers: true });
    const token = await foToken(world);
    expect((await foFetch(world, token, "POST", "SalesOrderHeadersV2", orderHeader("PO-MAN-1", { SalesOrderNumber: "EDI-0001" }))).status).toBe(201);
    const duplicate = await foFetch(world, token, "POST", "SalesOrderHeadersV2", orderHeader("PO-MAN-2", { SalesOrderNumber: "EDI-0001" }));
    expect(duplicate.status).toBe(500);
    expect((await readJson(duplicate)).error.innererror.message).toContain("The record already exists");
  });

  it("refuses unknown properties, wrong types and dates without a zone with 400", async () => {
    const world = await createFoWorld();
    const token = await foToken(world);
    const unknown = await foFetch(world, token, "POST", "SalesOrderHeadersV2", orderHeader("PO-X", { PurchaseOrderNumber: "x" }));
    expect(unknown.status).toBe(400);
    expect((await readJson(unknown)).error.message).toBe(
      "The property 'PurchaseOrderNumber' does not exist on type 'Microsoft.Dynamics.DataEntities.SalesOrderHeaderV2'. Make sure to only use property names that are defined by the type.",
    );
    const date = await foFetch(world, token, "POST", "SalesOrderHeadersV2", orderHeader("PO-X", { RequestedShippingDate: "2026-03-17" }));
    expect(date.status).toBe(400);
    expect((await readJson(date)).error.message).toContain("Edm.DateTimeOffset");
    const enumValue = await foFetch(world, token, "POST", "SalesOrderHeadersV2", orderHeader("PO-X", { IsDeliveryAddressOrderSpecific: "true" }));
    expect(enumValue.status).toBe(400);
    const wrongSet = await foFetch(world, token, "POST", "SalesOrderLinesV2", {});
    expect(wrongSet.status).toBe(404);
  });
});

describe("POST SalesOrderLines", () => {
  it("creates lines with InventoryLotId, sequence numbers, product defaults and the header total", async () => {
    const world = await createFoWorld();
    const token = await foToken(world);
    const { order, lines } = await createOrder(world, token, "PO-LINES", [
      { ItemNumber: "DIFFUSER-BAM", OrderedSalesQuantity: 30, SalesUnitSymbol: "EA", SalesPrice: 10.25, CustomersLineNumber: 1, ExternalItemNumber: "BB-100234" },
      { ItemNumber: "DIFFUSER-CIT", OrderedSalesQuantity: 12, CustomersLineNumber: 2 },
    ]);
    expect(lines.map((l) => l.InventoryLotId)).toEqual([expect.stringMatching(/USMF$/), expect.stringMatching(/USMF$/)]);
    expect(new Set(lines.map((l) => l.InventoryLotId)).size).toBe(2);
    expect(lines.map((l) => [l.LineCreationSequenceNumber, l.SalesUnitSymbol, l.SalesPrice, l.LineAmount, l.SalesOrderLineStatus])).toEqual([
      [1, "ea", 10.25, 307.5, "Backorder"],
      [2, "ea", 11.5, 138, "Backorder"],
    ]);
    const header = await readJson(await foFetch(world, token, "GET", `SalesOrderHeadersV2(dataAreaId='usmf',SalesOrderNumber='${order.SalesOrderNumber}')`));
    expect(header.OrderTotalAmount).toBe(445.5);
  });

  it("refuses a line whose item is not released in the order's legal entity", async () => {
    const world = await createFoWorld();
    const token = await foToken(world);
    const created = await foFetch(world, token, "POST", "SalesOrderHeadersV2", orderHeader("PO-DE-1", { dataAreaId: "demf", OrderingCustomerAccountNumber: "CREST", CurrencyCode: "EUR" }));
    const order = await readJson(created);
    // DIFFUSER-BAM is released in usmf only; CANDLE-LAV-08 in both.
    const ok = await foFetch(world, token, "POST", "SalesOrderLines", { dataAreaId: "demf", SalesOrderNumber: order.SalesOrderNumber, ItemNumber: "CANDLE-LAV-08", OrderedSalesQuantity: 6 });
    expect(ok.status).toBe(201);
    const missing = await foFetch(world, token, "POST", "SalesOrderLines", { dataAreaId: "demf", SalesOrderNumber: order.SalesOrderNumber, ItemNumber: "DIFFUSER-BAM", OrderedSalesQuantity: 6 });
    expect(missing.status).toBe(500);
    const body = await readJson(missing);
    expect(body.error.innererror).toMatchObject({ type: WRITE_EXCEPTION });
    expect(body.error.innererror.message).toContain("Write failed for table row of type 'SalesOrderLineV2Entity'");
    expect(body.error.innererror.message).toContain("The value 'DIFFUSER-BAM' in field 'Item number' is not found in the related table 'Released products'");
    const stored = await control("GET", `/dynamics/${world.host}/orders/demf/${order.SalesOrderNumber}`);
    expect(stored.json.lines.map((l: any) => l.ItemNumber)).toEqual(["CANDLE-LAV-08"]);
  });

  it("refuses a line for an order that does not exist and a line without quantity", async () => {
    const world = await createFoWorld();
    const token = await foToken(world);
    const noOrder = await foFetch(world, token, "POST", "SalesOrderLines", { dataAreaId: "usmf", SalesOrderNumber: "SO-999999", ItemNumber: "GIFTSET-03", OrderedSalesQuantity: 1 });
    expect(noOrder.status).toBe(500);
    expect((await readJson(noOrder)).error.innererror.message).toContain("'SO-999999' in field 'Sales order'");
    const { order } = await createOrder(world, token, "PO-QTY", []);
    const noQuantity = await foFetch(world, token, "POST", "SalesOrderLines", { dataAreaId: "usmf", SalesOrderNumber: order.SalesOrderNumber, ItemNumber: "GIFTSET-03" });
    expect(noQuantity.status).toBe(500);
  });
});

describe("PATCH and DELETE by key", () => {
  it("updates a line and its amount, and deletes an order with its lines", async () => {
    const world = await createFoWorld();
    const token = await foToken(world);
    const { order, lines } = await createOrder(world, token, "PO-EDIT", [{ ItemNumber: "GIFTSET-03", OrderedSalesQuantity: 2 }]);
    const lineKey = `SalesOrderLines(dataAreaId='usmf',InventoryLotId='${lines[0].InventoryLotId}')`;
    expect((await foFetch(world, token, "PATCH", lineKey, { OrderedSalesQuantity: 5 })).status).toBe(204);
    expect((await readJson(await foFetch(world, token, "GET", lineKey))).LineAmount).toBe(90);
    const orderKey = `SalesOrderHeadersV2(dataAreaId='usmf',SalesOrderNumber='${order.SalesOrderNumber}')`;
    expect((await foFetch(world, token, "DELETE", orderKey)).status).toBe(204);
    expect((await foFetch(world, token, "GET", orderKey)).status).toBe(404);
    expect((await foFetch(world, token, "GET", lineKey)).status).toBe(404);
  });

  it("needs cross-company=true to change a record of another company", async () => {
    const world = await createFoWorld();
    const token = await foToken(world);
    const created = await readJson(await foFetch(world, token, "POST", "SalesOrderHeadersV2", orderHeader("PO-DE-EDIT", { dataAreaId: "demf", OrderingCustomerAccountNumber: "HOMEDIRECT" })));
    const key = `SalesOrderHeadersV2(dataAreaId='demf',SalesOrderNumber='${created.SalesOrderNumber}')`;
    expect((await foFetch(world, token, "PATCH", key, { SalesOrderName: "renamed" })).status).toBe(404);
    expect((await foFetch(world, token, "PATCH", `${key}?cross-company=true`, { SalesOrderName: "renamed" })).status).toBe(204);
    expect((await readJson(await foFetch(world, token, "GET", `${key}?cross-company=true`))).SalesOrderName).toBe("renamed");
  });
});
