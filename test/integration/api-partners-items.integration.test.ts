// Partner and item mappings through the API: upserts, JSON and CSV bulk imports with per-row
// errors (good rows land), listing.
import { describe, expect, it } from "vitest";
import { api, createTenant, uniqueTenantId } from "../helpers/api";

describe("partners", () => {
  it("maps a trading partner and updates the mapping", async () => {
    const id = uniqueTenantId();
    await createTenant(id);
    const first = await api("PUT", `/v1/tenants/${id}/partners/NWHALLNORTHWND`, { body: { customerId: "NORTHWIND", customerLocationId: "MAIN" } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ partnerId: "NWHALLNORTHWND", customerId: "NORTHWIND", customerLocationId: "MAIN", status: "testing", requeued: 0 });
    const second = await api("PUT", `/v1/tenants/${id}/partners/NWHALLNORTHWND`, { body: { customerId: "NORTHWIND2", status: "live", rules: { splitByShipTo: false } } });
    expect(second.body).toMatchObject({ customerId: "NORTHWIND2", customerLocationId: null, status: "live", rules: { splitByShipTo: false } });
    const list = await api("GET", `/v1/tenants/${id}/partners`);
    expect(list.body.partners).toHaveLength(1);
    expect((await api("GET", `/v1/tenants/${id}/partners/NOPE`)).status).toBe(404);
  });

  it("refuses bad partner ids and unknown rules", async () => {
    const id = uniqueTenantId();
    await createTenant(id);
    expect((await api("PUT", `/v1/tenants/${id}/partners/TOO-LONG-PARTNER-ID-XX`, { body: { customerId: "C" } })).status).toBe(400);
    expect((await api("PUT", `/v1/tenants/${id}/partners/ABC`, { body: { customerId: "C", rules: { nope: 1 } } })).status).toBe(400);
  });

  it("requires a legal entity for Dynamics partners", async () => {
    const id = uniqueTenantId();
    await createTenant(id, "dynamics");
    const res = await api("PUT", `/v1/tenants/${id}/partners/ABC`, { body: { customerId: "US-001" } });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe("legalEntity");
    expect((await api("PUT", `/v1/tenants/${id}/partners/ABC`, { body: { customerId: "US-001", legalEntity: "usmf" } })).status).toBe(200);
  });
});

describe("items", () => {
  it("upserts a JSON array and reports bad rows by number while storing the good ones", async () => {
    const id = uniqueTenantId();
    await createTenant(id);
    const res = await api("PUT", `/v1/tenants/${id}/items`, {
      body: [
        { partnerId: "NWHALLNORTHWND", buyerPartNumber: "NW-778120", upc: "081234501013", erpItemId: "CANDLE-LAV-08", uom: "EA" },
        { vendorPartNumber: "BH-CED-12", erpItemId: "CANDLE-CED-12" },
        { upc: "081234501014", erpItemId: "BAD-CHECK" },
        { erpItemId: "NO-KEY" },
        { buyerPartNumber: "X", erpItemId: "NO-PARTNER" },
        { upc: "12AB", erpItemId: "NOT-DIGITS" },
        "not an object",
        { gtin: "00081234502034", erpItemId: "GIFTSET-03", surprise: true },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.upserted).toBe(2);
    expect(res.body.errors.map((e: { row: number }) => e.row)).toEqual([3, 4, 5, 6, 7, 8]);
    expect(res.body.errors[0].message).toMatch(/check digit/);
    const list = await api("GET", `/v1/tenants/${id}/items`);
    const keys = list.body.items.map((m: { kind: string; value: string }) => `${m.kind}:${m.value}`).sort();
    // The UPC is stored as a GTIN-14 so either form matches an order line.
    expect(keys).toEqual(["buyer_part:NW-778120", "gtin:00081234501013", "vendor_part:BH-CED-12"]);
  });

  it("imports CSV with quoted fields and per-row errors, and updates on re-import", async () => {
    const id = uniqueTenantId();
    await createTenant(id);
    const csv = [
      "partnerId,buyerPartNumber,vendorPartNumber,upc,erpItemId,uom",
      'NWHALLNORTHWND,NW-778120,,081234501013,CANDLE-LAV-08,EA',
      ',,"BH-CED-12",,"CANDLE-CED-12",EA',
      ",,,,,EA",
      ',,"BH-""QUOTED"",1",,QUOTED-ITEM,',
    ].join("\r\n");
    const res = await api("PUT", `/v1/tenants/${id}/items`, { raw: csv, contentType: "text/csv" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ upserted: 3, errors: [{ row: 3 }] });
    const again = await api("PUT", `/v1/tenants/${id}/items`, { raw: "vendorPartNumber,erpItemId\nBH-CED-12,CANDLE-CED-12-NEW\n", contentType: "text/csv" });
    expect(again.body.upserted).toBe(1);
    const list = await api("GET", `/v1/tenants/${id}/items?limit=100`);
    const ced = list.body.items.find((m: { value: string }) => m.value === "BH-CED-12");
    expect(ced.erpItemId).toBe("CANDLE-CED-12-NEW");
    expect(list.body.items.find((m: { value: string }) => m.value === 'BH-"QUOTED",1')).toBeDefined();
  });

  it("refuses unknown CSV columns and other media types", async () => {
    const id = uniqueTenantId();
    await createTenant(id);
    const res = await api("PUT", `/v1/tenants/${id}/items`, { raw: "sku,erpItemId\nA,B\n", contentType: "text/csv" });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/sku/);
    expect((await api("PUT", `/v1/tenants/${id}/items`, { raw: "<items/>", contentType: "application/xml" })).status).toBe(415);
  });

  it("handles thousands of bad rows without failing the good ones", async () => {
    const id = uniqueTenantId();
    await createTenant(id);
    const lines = ["vendorPartNumber,upc,erpItemId"];
    for (let i = 0; i < 3000; i++) lines.push(i % 3 === 0 ? `VP-${i},,ITEM-${i}` : `,12345,ITEM-${i}`);
    const res = await api("PUT", `/v1/tenants/${id}/items`, { raw: lines.join("\n"), contentType: "text/csv" });
    expect(res.status).toBe(200);
    expect(res.body.upserted).toBe(1000);
    expect(res.body.errors).toHaveLength(2000);
  });
});
