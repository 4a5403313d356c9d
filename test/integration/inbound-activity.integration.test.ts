// Inbound 852 and 846 from the sandbox mailbox into stored activity rows, through the real poll,
// queue, inbound consumer and D1: a generated 5,000 items × 50 stores 852 against a sum computed
// here, written across several queue messages; unmapped codes listed; re-delivery and replay add
// nothing; an XML 846 with store quantities; and the query, CSV and summary endpoints over them.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api } from "../helpers/api";
import { defaultQty, productActivity852, storeCode } from "../helpers/activity-fixtures";
import { documentDetail, drop, pollNow, waitForSettled } from "../helpers/flow";
import { createWorld } from "../helpers/world";

const PARTNER = "NWHALLNORTHWND";

async function activityTotals(tenantId: string): Promise<{ n: number; qty: number }> {
  const row = await env.DB.prepare("SELECT count(*) AS n, coalesce(sum(quantity), 0) AS qty FROM activity WHERE tenant_id = ?").bind(tenantId).first<{ n: number; qty: number }>();
  return row!;
}

describe("inbound 852 → activity rows", () => {
  it("stores a 5,000 × 50 852 with the right totals, across several messages, and a re-delivery adds nothing", async () => {
    const world = await createWorld();
    const items = 5000;
    const stores = 50;
    // Items 0–2 carry the demo world's vendor parts (mapped); the rest are unknown to the tenant.
    const known = { 0: { vendorPartNumber: "BH-LAV-08" }, 1: { vendorPartNumber: "BH-CED-12" }, 2: { upc: "081234502034" } };
    const report = productActivity852({ partnerId: PARTNER, items, stores, start: "2026-11-23", end: "2026-11-29", codes: ["QS"], known });
    await api("PUT", `/v1/tenants/${world.tenantId}/locations`, { body: [{ partnerId: PARTNER, code: storeCode(0), name: "Chicago Loop" }] });
    await drop(world, "out/PD-big.json", report);
    await pollNow(world);
    const [doc] = await waitForSettled(world, 1, { timeout: 240_000 });
    expect(doc.statusDetail ?? []).toEqual(expect.arrayContaining([expect.stringContaining("Stored by the connector")]));
    expect(doc.status).toBe("delivered");
    expect(doc.type).toBe("852");

    let expected = 0;
    for (let i = 0; i < items; i++) for (let s = 0; s < stores; s++) expected += defaultQty(i, s, "QS");
    const totals = await activityTotals(world.tenantId);
    expect(totals.n).toBe(items * stores);
    expect(totals.qty).toBe(expected);

    const detail = await documentDetail(world, doc.id);
    // More rows than one invocation writes: the document was handed on at least once.
    expect(detail.audit.filter((e: any) => e.stage === "activity_stored").length).toBeGreaterThanOrEqual(2);
    expect(detail.statusDetail.join(" ")).toContain(`${items * stores} activity rows`);

    // Mapped items carry their ERP item; the vendor-part and UPC mappings both resolved.
    const lav = await api("GET", `/v1/tenants/${world.tenantId}/activity?item=CANDLE-LAV-08&limit=1000`);
    expect(lav.status).toBe(200);
    expect(lav.body.rows).toHaveLength(stores);
    expect(lav.body.rows.reduce((n: number, r: any) => n + r.quantity, 0)).toBe(Array.from({ length: stores }, (_, s) => defaultQty(0, s, "QS")).reduce((a, b) => a + b, 0));
    expect(lav.body.rows.find((r: any) => r.locationCode === storeCode(0)).locationName).toBe("Chicago Loop");
    const gift = await api("GET", `/v1/tenants/${world.tenantId}/activity?item=GIFTSET-03&location=${storeCode(7)}`);
    expect(gift.body.rows.map((r: any) => [r.itemCode, r.quantity, r.measure, r.periodStart, r.periodEnd])).toEqual([["gtin:00081234502034", defaultQty(2, 7, "QS"), "sold", "2026-11-23", "2026-11-29"]]);

    // Unmapped: every other item is listed by its retailer code, and every store but the one named.
    const unmapped = await api("GET", `/v1/tenants/${world.tenantId}/activity/unmapped?limit=1000`);
    const unmappedItems = unmapped.body.unmapped.filter((u: any) => u.kind === "item");
    const unmappedStores = unmapped.body.unmapped.filter((u: any) => u.kind === "location");
    expect(unmappedItems).toHaveLength(1000); // the limit; there are 4,997
    expect(unmappedItems[0]).toEqual({ partnerId: PARTNER, kind: "item", code: "vp:ITEM-00004", rows: stores });
    expect(unmappedStores).toHaveLength(stores - 1);

    // Re-delivery of the same file: a duplicate, nothing added.
    await drop(world, "out/PD-big-again.json", report);
    await pollNow(world);
    await waitForSettled(world, 1, { timeout: 60_000 });
    const again = await documentDetail(world, doc.id);
    await expect.poll(async () => (await documentDetail(world, doc.id)).audit.some((e: any) => e.stage === "duplicate"), { timeout: 60_000 }).toBe(true);
    expect(again.status).toBe("delivered");
    expect(await activityTotals(world.tenantId)).toEqual(totals);

    // Paging walks the whole filtered set exactly once.
    const seen = new Set<number>();
    let cursor: string | null = null;
    do {
      const page: any = await api("GET", `/v1/tenants/${world.tenantId}/activity?location=${storeCode(3)}&limit=1000${cursor ? `&cursor=${cursor}` : ""}`);
      for (const r of page.body.rows) seen.add(r.id);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.size).toBe(items);
  });

  it("reads an XML 852 and an XML 846 with store quantities, replays without adding rows, and exports CSV and a summary", async () => {
    const world = await createWorld();
    const qty = (i: number, s: number, code: string) => (code === "QS" ? 7 * (i + 1) + s : 40 + i * 10 + s);
    const known = { 0: { vendorPartNumber: "BH-LAV-08" }, 1: { buyerPartNumber: "NW-778121" } };
    await drop(world, "out/PD-w1.xml", productActivity852({ partnerId: PARTNER, items: 3, stores: 2, start: "2026-11-16", end: "2026-11-22", format: "xml", known, qty }));
    await drop(world, "out/PD-w2.xml", productActivity852({ partnerId: PARTNER, items: 3, stores: 2, start: "2026-11-23", end: "2026-11-29", format: "xml", known, qty: (i, s, c) => qty(i, s, c) + (c === "QS" ? 7 : -5) }));
    const inventory = `<?xml version="1.0" encoding="utf-8"?>
<ItemRegistries xmlns="http://www.spscommerce.com/RSX"><ItemRegistry><Header><HeaderReport><TradingPartnerId>${PARTNER}</TradingPartnerId><DocumentId>INV-77</DocumentId><TsetPurposeCode>00</TsetPurposeCode><ReportTypeCode>MB</ReportTypeCode><InventoryDate>2026-11-30</InventoryDate></HeaderReport></Header>
<Structure><LineItem><InventoryLine><VendorPartNumber>BH-LAV-08</VendorPartNumber></InventoryLine><QuantitiesSchedulesLocations><QuantityQualifier>33</QuantityQualifier><TotalQty>9</TotalQty><LocationCodeQualifier>92</LocationCodeQualifier><LocationQuantity><Location>0451</Location><Qty>5</Qty></LocationQuantity><LocationQuantity><Location>0452</Location><Qty>4</Qty></LocationQuantity></QuantitiesSchedulesLocations><QuantitiesSchedulesLocations><QuantityQualifier>29</QuantityQualifier><TotalQty>12</TotalQty></QuantitiesSchedulesLocations></LineItem></Structure></ItemRegistry></ItemRegistries>`;
    await drop(world, "out/IB-77.xml", inventory);
    await pollNow(world);
    const docs = await waitForSettled(world, 3, { timeout: 60_000 });
    expect(docs.map((d) => `${d.type}:${d.naturalKey}:${d.status}`).sort()).toEqual([
      "846:INV-77@2026-11-30:delivered",
      "852:2026-11-16..2026-11-22:delivered",
      "852:2026-11-23..2026-11-29:delivered",
    ]);
    // 852s: 3 items × 2 stores × 2 codes × 2 weeks = 24; 846: two store rows (33) + a report-wide 29 kept by its code.
    const before = await activityTotals(world.tenantId);
    expect(before.n).toBe(27);
    const inv = await api("GET", `/v1/tenants/${world.tenantId}/activity?partner=${PARTNER}&from=2026-11-30&to=2026-11-30`);
    expect(inv.body.rows.map((r: any) => [r.locationCode, r.measure, r.quantity]).sort()).toEqual([["", "846:29", 12], ["0451", "on_hand", 5], ["0452", "on_hand", 4]]);

    // Item 2 (vp:ITEM-00003) is mapped afterwards; a replay of the delivered week-1 852 (force) maps its
    // rows with today's mappings and adds none.
    expect((await api("GET", `/v1/tenants/${world.tenantId}/activity?item=vp:ITEM-00003`)).body.rows).toHaveLength(8);
    await api("PUT", `/v1/tenants/${world.tenantId}/items`, { body: [{ vendorPartNumber: "ITEM-00003", erpItemId: "DIFFUSER-BAM" }] });
    const w1 = docs.find((d) => d.naturalKey === "2026-11-16..2026-11-22");
    const replay = await api("POST", `/v1/tenants/${world.tenantId}/documents/${w1.id}/replay`, { body: { force: true } });
    expect(replay.status).toBe(202);
    await expect.poll(async () => (await documentDetail(world, w1.id)).audit.filter((e: any) => e.stage === "delivered").length, { timeout: 30_000 }).toBe(2);
    expect(await activityTotals(world.tenantId)).toEqual(before);
    const remapped = await api("GET", `/v1/tenants/${world.tenantId}/activity?item=DIFFUSER-BAM`);
    expect(remapped.body.rows.map((r: any) => r.periodStart)).toEqual(["2026-11-16", "2026-11-16", "2026-11-16", "2026-11-16"]);

    // CSV of one measure and item: a header and one line per row.
    const csv = await api("GET", `/v1/tenants/${world.tenantId}/activity?format=csv&measure=sold&item=CANDLE-CED-12`);
    expect(csv.status).toBe(200);
    const lines = csv.text.trim().split("\r\n");
    expect(lines[0]).toBe("partner,location_code,location_name,item_code,erp_item_id,period_start,period_end,measure,quantity,uom,document_id");
    expect(lines.slice(1).map((l) => l.split(",").slice(1, 9).join(",")).sort()).toEqual([
      "ST0001,,bp:NW-778121,CANDLE-CED-12,2026-11-16,2026-11-22,sold,14",
      "ST0001,,bp:NW-778121,CANDLE-CED-12,2026-11-23,2026-11-29,sold,21",
      "ST0002,,bp:NW-778121,CANDLE-CED-12,2026-11-16,2026-11-22,sold,15",
      "ST0002,,bp:NW-778121,CANDLE-CED-12,2026-11-23,2026-11-29,sold,22",
    ]);

    // Summary for CANDLE-CED-12 (item 1): sold 14+15 then 21+22 over two weeks = 36/week; on hand is
    // the 846's? No: the 846 names BH-LAV-08 only, so CED's latest on hand is week 2's QA: (50-5)+(51-5) = 91.
    const summary = await api("GET", `/v1/tenants/${world.tenantId}/activity/summary?partner=${PARTNER}`);
    expect(summary.status).toBe(200);
    const ced = summary.body.items.find((s: any) => s.item === "CANDLE-CED-12");
    expect(ced).toMatchObject({ sold: 72, weeks: 2, soldPerWeek: 36, onHand: 91, onHandAsOf: "2026-11-29", weeksOfSupply: 2.5 });
    expect(ced.series.map((p: any) => p.sold)).toEqual([29, 43]);
    // BH-LAV-08's latest on hand is the 846 of 2026-11-30 (5 + 4 = 9).
    const lav = summary.body.items.find((s: any) => s.item === "CANDLE-LAV-08");
    expect(lav).toMatchObject({ onHand: 9, onHandAsOf: "2026-11-30" });
  });
});
