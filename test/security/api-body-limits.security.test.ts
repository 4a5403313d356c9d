// Oversized and hostile request bodies: a JSON body over the API's 1 MB limit gets 413 (declared or
// streamed without a length), an items import over its 8 MB limit or 50,000 rows gets 413, and a CSV
// import with thousands of bad rows reports each bad row by number while every good row lands.
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, createTenant, operatorToken, recordReply, uniqueTenantId } from "../helpers/api";

const MB = 1024 * 1024;
const JSON_LIMIT = MB;
const ITEMS_LIMIT = 8 * MB;

/** Sends `size` bytes as a stream with no Content-Length (chunked), so only counting can catch it. */
async function streamed(method: string, path: string, contentType: string, head: string, filler: string, size: number, tail = "") {
  const enc = new TextEncoder();
  let sent = 0;
  const chunk = enc.encode(filler.repeat(Math.ceil(64 * 1024 / filler.length)));
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent === 0) {
        controller.enqueue(enc.encode(head));
        sent += head.length;
      } else if (sent < size) {
        controller.enqueue(chunk.slice());
        sent += chunk.byteLength;
      } else {
        controller.enqueue(enc.encode(tail));
        controller.close();
      }
    },
  });
  const res = await SELF.fetch(`https://connector.test${path}`, {
    method,
    headers: { authorization: `Bearer ${await operatorToken()}`, "content-type": contentType },
    body,
  });
  const text = await res.text();
  recordReply(`the reply to a streamed ${method} ${path} (${res.status})`, text, res.headers);
  return { status: res.status, text, body: JSON.parse(text) };
}

function expectTooLarge(res: { status: number; body: any }, label: string) {
  expect(res.status, label).toBe(413);
  expect(res.body.error.code, label).toBe("payload_too_large");
  expect(res.body.error.message, label).toMatch(/larger than \d+ bytes|At most \d+ rows/);
}

describe("request body limits", () => {
  it("refuses a JSON body over 1 MB on an ordinary route, declared or streamed", async () => {
    const id = uniqueTenantId();
    await createTenant(id);
    const huge = { customerId: "C", customerLocationId: "x".repeat(JSON_LIMIT + 10) };
    expectTooLarge(await api("PUT", `/v1/tenants/${id}/partners/ABC`, { body: huge }), "declared length");
    expectTooLarge(await streamed("PUT", `/v1/tenants/${id}/partners/ABC`, "application/json", '{"customerId":"C","customerLocationId":"', "x", JSON_LIMIT + 1024, '"}'), "streamed");
    expectTooLarge(await api("PATCH", `/v1/tenants/${id}`, { body: { name: "n".repeat(2 * JSON_LIMIT) } }), "PATCH tenant");
    expectTooLarge(await api("POST", "/v1/tenants", { body: { id: uniqueTenantId(), name: "n", erp: "acumatica", padding: "p".repeat(JSON_LIMIT) } }), "POST tenant");
    // Nothing was stored, and a body just under the limit is judged on its content instead.
    expect((await api("GET", `/v1/tenants/${id}/partners/ABC`)).status).toBe(404);
    const under = await api("PUT", `/v1/tenants/${id}/partners/ABC`, { body: { customerId: "C", customerLocationId: "x".repeat(JSON_LIMIT - 1024) } });
    expect(under.status).toBe(400);
    expect(under.text.length).toBeLessThan(2048);
  });

  it("refuses an oversized body before authenticating it, without a 500", async () => {
    const res = await api("PUT", "/v1/tenants/anyone/partners/ABC", { token: null, body: { customerId: "x".repeat(2 * JSON_LIMIT) } });
    expect([401, 413]).toContain(res.status);
    expect(Object.keys(res.body)).toEqual(["error"]);
  });

  it("refuses an items import over 8 MB (CSV or JSON) and over 50,000 rows", async () => {
    const id = uniqueTenantId();
    await createTenant(id);
    const row = "VP-0000000001,081234501013,CANDLE-LAV-08,EA\n";
    const csv = `vendorPartNumber,upc,erpItemId,uom\n${row.repeat(Math.ceil((ITEMS_LIMIT + 1024) / row.length))}`;
    expectTooLarge(await api("PUT", `/v1/tenants/${id}/items`, { raw: csv, contentType: "text/csv" }), "CSV with a length");
    expectTooLarge(await streamed("PUT", `/v1/tenants/${id}/items`, "text/csv", "vendorPartNumber,upc,erpItemId,uom\n", row, ITEMS_LIMIT + 1024), "streamed CSV");
    expectTooLarge(await streamed("PUT", `/v1/tenants/${id}/items`, "application/json", "[", '{"vendorPartNumber":"V","erpItemId":"I"},', ITEMS_LIMIT + 1024, '{"erpItemId":"I"}]'), "streamed JSON");
    // Under the byte limit but over the row limit: small rows, 50,001 of them.
    const manyRows = `erpItemId\n${"I\n".repeat(50_001)}`;
    expect(manyRows.length).toBeLessThan(ITEMS_LIMIT);
    expectTooLarge(await api("PUT", `/v1/tenants/${id}/items`, { raw: manyRows, contentType: "text/csv" }), "rows");
    expect((await api("GET", `/v1/tenants/${id}/items`)).body.items).toEqual([]);
  });
});

describe("CSV imports with thousands of bad rows", () => {
  it("reports every bad row by number and stores every good one", async () => {
    const id = uniqueTenantId();
    await createTenant(id);
    const bad = [
      (i: number) => `,08123450101${(4 + (i % 9)) % 10},ITEM-${i},EA,`, // a UPC with a wrong check digit (3 is right)
      (i: number) => `,12AB${i},ITEM-${i},EA,`, // not digits
      (i: number) => `VP-${i},,,EA,`, // no erpItemId
      (_: number) => `,,ORPHAN,EA,`, // no identifier at all
      (i: number) => `,,ITEM-${i},EA,BP-${i}`, // a buyer part number without a partner
      (i: number) => `VP-${i},,${"X".repeat(500)},EA,`, // an over-long value (never echoed back)
      (i: number) => `"VP-""${i}",,ITEM-${i},${"U".repeat(40)},`, // a quoted value with an over-long UOM
    ];
    const lines = ["vendorPartNumber,upc,erpItemId,uom,buyerPartNumber"];
    const expectedBad: number[] = [];
    let good = 0;
    const rows = 21_000;
    for (let i = 0; i < rows; i++) {
      if (i % 3 === 0) {
        lines.push(`GOOD-${i},,ITEM-${i},EA,`);
        good += 1;
      } else {
        lines.push(bad[i % bad.length]!(i));
        expectedBad.push(i + 1);
      }
    }
    const res = await api("PUT", `/v1/tenants/${id}/items`, { raw: lines.join("\r\n"), contentType: "text/csv" });
    expect(res.status).toBe(200);
    expect(res.body.upserted).toBe(good);
    expect(res.body.errors.map((e: { row: number }) => e.row)).toEqual(expectedBad);
    for (const e of res.body.errors) expect(e.message.length).toBeLessThan(300);
    expect(res.text).not.toContain("X".repeat(100));
    // The good rows are really there.
    const listed = await api("GET", `/v1/tenants/${id}/items?limit=1000&offset=0`);
    expect(listed.body.items.length).toBe(1000);
    expect(listed.body.items.every((m: { erpItemId: string }) => /^ITEM-\d+$/.test(m.erpItemId))).toBe(true);
  });
});
