// POST /data/$batch (dynamics-365-fo.md sections 2, 5, 7, 9c): a changeset is all-or-nothing, lines
// can point at the header created in the same changeset through its Content-ID ($1), a 429 can come
// back inside one part with its own Retry-After, and the wire format is read and written strictly.
import { describe, expect, it } from "vitest";
import { changesetBatch, createFoWorld, createOrder, foToken, orderHeader, postBatch, readBatchAnswer, type FoWorld } from "./dynamics-helpers";
import { control } from "./sandbox-control";

async function storedOrders(world: FoWorld): Promise<any[]> {
  return (await control("GET", `/dynamics/${world.host}/orders`)).json.orders;
}

describe("changesets", () => {
  it("refuses lines posted to the header's SalesOrderLines navigation when navigation posts are off (the default), storing nothing", async () => {
    const world = await createFoWorld({ navigationPosts: false });
    const token = await foToken(world);
    const batch = changesetBatch([
      { method: "POST", url: `${world.data}/SalesOrderHeadersV2`, contentId: "1", body: orderHeader("PO-NAV-OFF") },
      { method: "POST", url: "$1/SalesOrderLines", contentId: "2", body: { ItemNumber: "DIFFUSER-BAM", OrderedSalesQuantity: 48 } },
    ]);
    const response = await postBatch(world, token, batch);
    expect(response.status).toBe(200);
    const [changeset] = readBatchAnswer(response.headers.get("content-type")!, await response.text());
    expect(changeset).toHaveLength(1);
    expect(changeset![0]).toMatchObject({ contentId: "2", status: 501 });
    expect(changeset![0]!.json.error.innererror.type).toBe("Microsoft.OData.ODataException");
    expect(await storedOrders(world)).toEqual([]);
  });

  it("creates a header and its lines in one changeset through a $1 reference when navigation posts are switched on", async () => {
    const world = await createFoWorld({ navigationPosts: true });
    const token = await foToken(world);
    const batch = changesetBatch([
      { method: "POST", url: `${world.data}/SalesOrderHeadersV2`, contentId: "1", body: orderHeader("PO-BATCH-1") },
      { method: "POST", url: "$1/SalesOrderLines", contentId: "2", body: { ItemNumber: "DIFFUSER-BAM", OrderedSalesQuantity: 48, CustomersLineNumber: 1 } },
      { method: "POST", url: "$1/SalesOrderLines", contentId: "3", body: { ItemNumber: "DIFFUSER-CIT", OrderedSalesQuantity: 24, CustomersLineNumber: 2 } },
    ]);
    const response = await postBatch(world, token, batch);
    expect(response.status).toBe(200);
    const contentType = response.headers.get("content-type")!;
    expect(contentType).toMatch(/^multipart\/mixed; boundary=batchresponse_/);
    const text = await response.text();
    expect(text).toMatch(/^--batchresponse_[^\r\n]+\r\nContent-Type: multipart\/mixed; boundary=changesetresponse_/);
    expect(text).toContain("\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: 1\r\n\r\nHTTP/1.1 201 Created\r\n");
    const [changeset] = readBatchAnswer(contentType, text);
    expect(changeset!.map((p) => [p.contentId, p.status])).toEqual([
      ["1", 201],
      ["2", 201],
      ["3", 201],
    ]);
    const orderNumber = changeset![0]!.json.SalesOrderNumber;
    expect(changeset![0]!.headers.get("location")).toBe(`${world.data}/SalesOrderHeadersV2(dataAreaId='usmf',SalesOrderNumber='${orderNumber}')`);
    expect(changeset!.slice(1).map((p) => [p.json.SalesOrderNumber, p.json.dataAreaId])).toEqual([
      [orderNumber, "usmf"],
      [orderNumber, "usmf"],
    ]);
    const [stored] = await storedOrders(world);
    expect(stored.lines.map((l: any) => [l.ItemNumber, l.OrderedSalesQuantity])).toEqual([
      ["DIFFUSER-BAM", 48],
      ["DIFFUSER-CIT", 24],
    ]);
  });

  it("stores nothing of a changeset whose second line fails, and answers with that part's error", async () => {
    const world = await createFoWorld({ manualOrderNumbers: true });
    const token = await foToken(world);
    const batch = changesetBatch([
      { method: "POST", url: "SalesOrderHeadersV2", contentId: "1", body: orderHeader("PO-BATCH-FAIL", { SalesOrderNumber: "EDI-7001" }) },
      { method: "POST", url: "SalesOrderLines", contentId: "2", body: { dataAreaId: "usmf", SalesOrderNumber: "EDI-7001", ItemNumber: "GIFTSET-03", OrderedSalesQuantity: 1 } },
      { method: "POST", url: "SalesOrderLines", contentId: "3", body: { dataAreaId: "usmf", SalesOrderNumber: "EDI-7001", ItemNumber: "NO-SUCH-ITEM", OrderedSalesQuantity: 1 } },
    ]);
    const response = await postBatch(world, token, batch);
    expect(response.status).toBe(200);
    const [changeset] = readBatchAnswer(response.headers.get("content-type")!, await response.text());
    expect(changeset).toHaveLength(1);
    expect(changeset![0]).toMatchObject({ contentId: "3", status: 500 });
    expect(changeset![0]!.json.error.innererror.message).toContain("'NO-SUCH-ITEM' in field 'Item number'");
    expect(await storedOrders(world)).toEqual([]);
    // The same changeset with a good item goes through: the failed attempt left nothing behind (not even the number).
    const retry = changesetBatch([
      { method: "POST", url: "SalesOrderHeadersV2", contentId: "1", body: orderHeader("PO-BATCH-FAIL", { SalesOrderNumber: "EDI-7001" }) },
      { method: "POST", url: "SalesOrderLines", contentId: "2", body: { dataAreaId: "usmf", SalesOrderNumber: "EDI-7001", ItemNumber: "GIFTSET-03", OrderedSalesQuantity: 1 } },
    ]);
    const [ok] = readBatchAnswer(...(await answer(await postBatch(world, token, retry))));
    expect(ok!.map((p) => p.status)).toEqual([201, 201]);
  });

  it("stores nothing when a part is throttled, and that part carries 429 with Retry-After", async () => {
    const world = await createFoWorld();
    const token = await foToken(world);
    await control("PUT", "/faults", {
      scope: { sim: "dynamics", environment: world.host },
      rules: [{ route: "dynamics.batch.post:SalesOrderLines", kind: "429", retryAfter: 7, times: 1 }],
    });
    const batch = changesetBatch([
      { method: "POST", url: "SalesOrderHeadersV2", contentId: "1", body: orderHeader("PO-BATCH-429") },
      { method: "POST", url: "$1/SalesOrderLines", contentId: "2", body: { ItemNumber: "GIFTSET-03", OrderedSalesQuantity: 1 } },
    ]);
    const response = await postBatch(world, token, batch);
    expect(response.status).toBe(200);
    const [changeset] = readBatchAnswer(...(await answer(response)));
    expect(changeset).toHaveLength(1);
    expect(changeset![0]).toMatchObject({ contentId: "2", status: 429 });
    expect(changeset![0]!.headers.get("retry-after")).toBe("7");
    expect(await storedOrders(world)).toEqual([]);
    const counters = await control("GET", `/counters?sim=dynamics&environment=${world.host}`);
    expect(counters.json.requests).toMatchObject({ "dynamics.batch": 1, "dynamics.batch.post:SalesOrderHeadersV2": 1, "dynamics.batch.post:SalesOrderLines": 1 });
    expect(counters.json.faults).toEqual({ "429": 1 });
  });
});

async function answer(response: Response): Promise<[string, string]> {
  return [response.headers.get("content-type")!, await response.text()];
}

describe("wire format", () => {
  it("refuses bare LF line ends, a missing close delimiter and a GET inside a changeset with 400", async () => {
    const world = await createFoWorld();
    const token = await foToken(world);
    const good = changesetBatch([{ method: "POST", url: "SalesOrderHeadersV2", contentId: "1", body: orderHeader("PO-LF") }]);
    const lf = await postBatch(world, token, { contentType: good.contentType, body: good.body.replace(/\r\n/g, "\n") });
    expect(lf.status).toBe(400);
    expect((await lf.json<any>()).error.message).toContain("CRLF");
    const unclosed = await postBatch(world, token, { contentType: good.contentType, body: good.body.replace(/--batch_[^-\r\n]+(-[^-\r\n]+)*--\r\n$/, "") });
    expect(unclosed.status).toBe(400);
    const withGet = changesetBatch([{ method: "GET", url: "CustomersV3", contentId: "1" }]);
    expect((await postBatch(world, token, withGet)).status).toBe(400);
    const noContentId = changesetBatch([{ method: "POST", url: "SalesOrderHeadersV2", body: orderHeader("PO-NO-ID") }]);
    expect((await postBatch(world, token, noContentId)).status).toBe(400);
    const json = await fetch(`${world.data}/$batch`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: "{}" });
    expect(json.status).toBe(400);
    expect(await storedOrders(world)).toEqual([]);
  });

  it("answers GET operations outside changesets as their own parts", async () => {
    const world = await createFoWorld();
    const token = await foToken(world);
    const { order } = await createOrder(world, token, "PO-BATCH-GET", []);
    const boundary = "batch_reads";
    const body = [
      `--${boundary}`,
      "Content-Type: application/http",
      "Content-Transfer-Encoding: binary",
      "",
      `GET SalesOrderHeadersV2(dataAreaId='usmf',SalesOrderNumber='${order.SalesOrderNumber}')?$select=CustomersOrderReference HTTP/1.1`,
      "Accept: application/json",
      "",
      "",
      `--${boundary}`,
      "Content-Type: application/http",
      "Content-Transfer-Encoding: binary",
      "",
      "GET CustomersV3?$top=1&$select=CustomerAccount HTTP/1.1",
      "",
      "",
      `--${boundary}--`,
      "",
    ].join("\r\n");
    const response = await postBatch(world, token, { contentType: `multipart/mixed; boundary=${boundary}`, body });
    const parts = readBatchAnswer(...(await answer(response))).flat();
    expect(parts.map((p) => p.status)).toEqual([200, 200]);
    expect(parts[0]!.json.CustomersOrderReference).toBe("PO-BATCH-GET");
    expect(parts[1]!.json.value).toHaveLength(1);
  });
});
