// Reading from F&O (dynamics-365-fo.md sections 2, 4, 8): cross-company, $filter with enum and
// DateTimeOffset literals (and the eq/ne-only rule for enums), the '*x*' wildcard, $select,
// $orderby, $top/$skip, $count, server-driven paging with @odata.nextLink, key-addressed GET and
// first-level $expand.
import { describe, expect, it } from "vitest";
import { createFoWorld, createOrder, foFetch, foToken, orderHeader, q } from "./dynamics-helpers";
import { readJson } from "./sandbox-control";

describe("company scope", () => {
  it("returns only the default company's records unless cross-company=true", async () => {
    const world = await createFoWorld();
    const token = await foToken(world);
    const plain = await readJson(await foFetch(world, token, "GET", "CustomersV3?$select=dataAreaId,CustomerAccount"));
    expect(new Set(plain.value.map((c: any) => c.dataAreaId))).toEqual(new Set(["usmf"]));
    expect(plain["@odata.context"]).toBe(`${world.data}/$metadata#CustomersV3(dataAreaId,CustomerAccount)`);
    const demfOnly = await readJson(await foFetch(world, token, "GET", `CustomersV3?${q({ $filter: "dataAreaId eq 'demf'" })}`));
    expect(demfOnly.value).toEqual([]);
    const cross = await readJson(await foFetch(world, token, "GET", `CustomersV3?${q({ $filter: "dataAreaId eq 'demf'", $select: "CustomerAccount" })}&cross-company=true`));
    expect(cross.value.map((c: any) => c.CustomerAccount).sort()).toEqual(["CREST", "HOMEDIRECT"]);
    const products = await readJson(await foFetch(world, token, "GET", `ReleasedProductsV2?${q({ $filter: "ItemNumber eq 'DIFFUSER-BAM'", $select: "dataAreaId" })}&cross-company=true`));
    expect(products.value).toEqual([{ "@odata.etag": expect.any(String), dataAreaId: "usmf" }]);
  });

  it("reads by the full key, and refuses a key without every key field", async () => {
    const world = await createFoWorld();
    const token = await foToken(world);
    const { order } = await createOrder(world, token, "PO-KEY", []);
    const byKey = await foFetch(world, token, "GET", `SalesOrderHeadersV2(dataAreaId='usmf',SalesOrderNumber='${order.SalesOrderNumber}')?$select=SalesOrderNumber,CustomersOrderReference`);
    expect(byKey.status).toBe(200);
    expect(await readJson(byKey)).toEqual({
      "@odata.context": `${world.data}/$metadata#SalesOrderHeadersV2(SalesOrderNumber,CustomersOrderReference)/$entity`,
      "@odata.etag": expect.any(String),
      SalesOrderNumber: order.SalesOrderNumber,
      CustomersOrderReference: "PO-KEY",
    });
    const partial = await foFetch(world, token, "GET", `SalesOrderHeadersV2(SalesOrderNumber='${order.SalesOrderNumber}')`);
    expect(partial.status).toBe(400);
    expect((await readJson(partial)).error.message).toContain("does not match number of key properties");
    expect((await foFetch(world, token, "GET", "SalesOrderHeadersV2(dataAreaId='usmf',SalesOrderNumber='NOPE')")).status).toBe(404);
    const demf = await readJson(await foFetch(world, token, "POST", "SalesOrderHeadersV2", orderHeader("PO-KEY-DE", { dataAreaId: "demf", OrderingCustomerAccountNumber: "CREST" })));
    const demfKey = `SalesOrderHeadersV2(dataAreaId='demf',SalesOrderNumber='${demf.SalesOrderNumber}')`;
    expect((await foFetch(world, token, "GET", demfKey)).status).toBe(404);
    expect((await foFetch(world, token, "GET", `${demfKey}?cross-company=true`)).status).toBe(200);
  });
});

describe("$filter", () => {
  it("filters enums with Microsoft.Dynamics.DataEntities literals and refuses gt on an enum or a string literal", async () => {
    const world = await createFoWorld();
    const token = await foToken(world);
    const { order } = await createOrder(world, token, "PO-ENUM", [{ ItemNumber: "GIFTSET-03", OrderedSalesQuantity: 1 }]);
    const backorder = await readJson(
      await foFetch(world, token, "GET", `SalesOrderHeadersV2?${q({ $filter: "SalesOrderStatus eq Microsoft.Dynamics.DataEntities.SalesStatus'Backorder'", $select: "SalesOrderNumber" })}`),
    );
    expect(backorder.value.map((o: any) => o.SalesOrderNumber)).toEqual([order.SalesOrderNumber]);
    const invoiced = await readJson(await foFetch(world, token, "GET", `SalesOrderHeadersV2?${q({ $filter: "SalesOrderStatus ne Microsoft.Dynamics.DataEntities.SalesStatus'Backorder'" })}`));
    expect(invoiced.value).toEqual([]);
    const oneTime = await readJson(await foFetch(world, token, "GET", `CustomersV3?${q({ $filter: "IsOneTimeCustomer eq Microsoft.Dynamics.DataEntities.NoYes'No'", $count: "true", $top: "0" })}`));
    expect(oneTime["@odata.count"]).toBe(4);

    const gt = await foFetch(world, token, "GET", `SalesOrderHeadersV2?${q({ $filter: "SalesOrderStatus gt Microsoft.Dynamics.DataEntities.SalesStatus'None'" })}`);
    expect(gt.status).toBe(400);
    expect((await readJson(gt)).error.message).toContain("only eq and ne");
    const asString = await foFetch(world, token, "GET", `SalesOrderHeadersV2?${q({ $filter: "SalesOrderStatus eq 'Backorder'" })}`);
    expect(asString.status).toBe(400);
    expect((await readJson(asString)).error.message).toContain("incompatible types");
    const wrongType = await foFetch(world, token, "GET", `SalesOrderHeadersV2?${q({ $filter: "SalesOrderStatus eq Microsoft.Dynamics.DataEntities.NoYes'Yes'" })}`);
    expect(wrongType.status).toBe(400);
  });

  it("compares DateTimeOffset literals written unquoted, and refuses one whose '+' arrived as a space", async () => {
    const world = await createFoWorld();
    const token = await foToken(world);
    await createOrder(world, token, "PO-EARLY", [], { RequestedShippingDate: "2026-01-10T12:00:00Z" });
    await createOrder(world, token, "PO-LATE", [], { RequestedShippingDate: "2026-02-10T12:00:00Z" });
    const after = await readJson(
      await foFetch(world, token, "GET", `SalesOrderHeadersV2?${q({ $filter: "RequestedShippingDate ge 2026-02-01T00:00:00Z and dataAreaId eq 'usmf'", $select: "CustomersOrderReference" })}`),
    );
    expect(after.value.map((o: any) => o.CustomersOrderReference)).toEqual(["PO-LATE"]);
    const offset = await readJson(
      await foFetch(world, token, "GET", `SalesOrderHeadersV2?${q({ $filter: "RequestedShippingDate lt 2026-01-10T15:00:00+02:00", $select: "CustomersOrderReference" })}`),
    );
    expect(offset.value.map((o: any) => o.CustomersOrderReference)).toEqual(["PO-EARLY"]);
    const unencodedPlus = await foFetch(world, token, "GET", "SalesOrderHeadersV2?$filter=RequestedShippingDate%20lt%202026-01-10T13:00:00+02:00");
    expect(unencodedPlus.status).toBe(400);
    const quoted = await foFetch(world, token, "GET", `SalesOrderHeadersV2?${q({ $filter: "RequestedShippingDate ge '2026-02-01T00:00:00Z'" })}`);
    expect(quoted.status).toBe(400);
  });

  it("supports and/or, the '*x*' wildcard, $orderby, $top and $skip, and refuses unknown properties and string functions", async () => {
    const world = await createFoWorld();
    const token = await foToken(world);
    const names = async (filter: string, extra: Record<string, string> = {}) =>
      (await readJson(await foFetch(world, token, "GET", `CustomersV3?${q({ $filter: filter, $select: "CustomerAccount", ...extra })}`))).value.map((c: any) => c.CustomerAccount);
    expect(await names("OrganizationName eq '*market*'")).toEqual(["CREST"]);
    expect(await names("CustomerAccount eq 'crest' or CustomerAccount eq 'BIGBOX'", { $orderby: "CustomerAccount desc" })).toEqual(["CREST", "BIGBOX"]);
    expect(await names("CustomerAccount ne 'X'", { $orderby: "CustomerAccount", $skip: "1", $top: "2" })).toEqual(["CREST", "HOMEDIRECT"]);
    const unknown = await foFetch(world, token, "GET", `CustomersV3?${q({ $filter: "Name eq 'x'" })}`);
    expect(unknown.status).toBe(400);
    expect((await readJson(unknown)).error.message).toBe("Could not find a property named 'Name' on type 'Microsoft.Dynamics.DataEntities.CustomerV3'.");
    expect((await foFetch(world, token, "GET", `CustomersV3?${q({ $filter: "contains(OrganizationName,'Market')" })}`)).status).toBe(400);
    expect((await foFetch(world, token, "GET", "customersv3")).status).toBe(404);
  });
});

describe("paging and $expand", () => {
  it("pages with @odata.nextLink until every row was served", async () => {
    const world = await createFoWorld({ pageSize: 2 });
    const token = await foToken(world);
    let url: string | undefined = `${world.data}/ReleasedProductsV2?${q({ $select: "ItemNumber", $orderby: "ItemNumber" })}&$count=true`;
    const seen: string[] = [];
    const pageSizes: number[] = [];
    while (url) {
      const page: any = await readJson(await fetch(url, { headers: { authorization: `Bearer ${token}` } }));
      expect(page["@odata.count"]).toBe(6);
      pageSizes.push(page.value.length);
      seen.push(...page.value.map((p: any) => p.ItemNumber));
      url = page["@odata.nextLink"];
      if (url) expect(url.startsWith(`${world.data}/ReleasedProductsV2?`)).toBe(true);
    }
    expect(pageSizes).toEqual([2, 2, 2]);
    expect(seen).toEqual(["CANDLE-CED-12", "CANDLE-LAV-08", "DIFFUSER-BAM", "DIFFUSER-CIT", "GIFTSET-03", "MATCHES-JAR"]);
    const limited = await readJson(await foFetch(world, token, "GET", "ReleasedProductsV2?$top=2"));
    expect(limited["@odata.nextLink"]).toBeUndefined();
    expect((await foFetch(world, token, "GET", "ReleasedProductsV2?$skiptoken=forged")).status).toBe(400);
  });

  it("expands the lines of an order one level deep", async () => {
    const world = await createFoWorld();
    const token = await foToken(world);
    const { order } = await createOrder(world, token, "PO-EXPAND", [
      { ItemNumber: "GIFTSET-03", OrderedSalesQuantity: 1 },
      { ItemNumber: "MATCHES-JAR", OrderedSalesQuantity: 3 },
    ]);
    const expanded = await readJson(
      await foFetch(world, token, "GET", `SalesOrderHeadersV2(dataAreaId='usmf',SalesOrderNumber='${order.SalesOrderNumber}')?${q({ $expand: "SalesOrderLines($select=ItemNumber,OrderedSalesQuantity)" })}`),
    );
    expect(expanded.SalesOrderLines).toEqual([
      { "@odata.etag": expect.any(String), ItemNumber: "GIFTSET-03", OrderedSalesQuantity: 1 },
      { "@odata.etag": expect.any(String), ItemNumber: "MATCHES-JAR", OrderedSalesQuantity: 3 },
    ]);
    const count = await foFetch(world, token, "GET", `SalesOrderLines/$count?${q({ $filter: `SalesOrderNumber eq '${order.SalesOrderNumber}'` })}`);
    expect(await count.text()).toBe("2");
  });
});
