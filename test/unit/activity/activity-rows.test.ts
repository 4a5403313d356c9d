// Pure pieces of the inbound 846/852 flow: qualifier → measure, rows per location with item mapping,
// the cut-up reading of an 852 (XML and JSON give the same lines as the whole-tree reader), the SPS
// 846 sample (when the material is present), and the planner's summary arithmetic.
import { describe, expect, it } from "vitest";
import { activityRowsOf846Lines, activityRowsOf852Lines, itemCodeOf, itemKeyOfCode, measureOf, periodOf846, periodOf852 } from "../../../src/flows/activity-rows";
import { summarizeActivity } from "../../../src/flows/activity-summary";
import type { ItemMapping } from "../../../src/flows/item-matching";
import { intakeMailboxFile } from "../../../src/flows/mailbox-intake";
import { parseInventoryAdvice } from "../../../src/rsx/inventory-846";
import { parseProductActivity } from "../../../src/rsx/product-activity-852";
import { readReportLines, splitProductActivity } from "../../../src/rsx/product-activity-segments";
import { productActivity852 } from "../../helpers/activity-fixtures";
import { requireSpsRsx } from "../../helpers/sps-rsx";

const bytes = (t: string) => new TextEncoder().encode(t);
const mapping = (value: string, erpItemId: string, kind: ItemMapping["kind"] = "vendor_part"): ItemMapping => ({ partnerId: "*", legalEntity: "*", kind, value, erpItemId, uom: null, uomFactor: null });

describe("qualifiers and codes", () => {
  it("maps the five measures from each document's qualifiers and keeps any other code by name", () => {
    expect(["QS", "QA", "QP", "QR", "QU"].map((c) => measureOf("852", c))).toEqual(["sold", "on_hand", "on_order", "received", "returned"]);
    expect(["33", "32", "OOR", "RET"].map((c) => measureOf("846", c))).toEqual(["on_hand", "sold", "on_order", "returned"]);
    expect(measureOf("852", "QT")).toBe("852:QT");
    expect(measureOf("846", undefined)).toBe("846:none");
  });

  it("names an item by its first identifier and reads the name back", () => {
    expect(itemCodeOf([{ kind: "vendor_part", value: "BH-1" }, { kind: "gtin", value: "00081234501013" }])).toBe("vp:BH-1");
    expect(itemKeyOfCode("gtin:00081234501013")).toEqual({ kind: "gtin", value: "00081234501013" });
    expect(itemKeyOfCode("nonsense")).toBeUndefined();
  });
});

describe("852 rows", () => {
  for (const format of ["xml", "json"] as const) {
    it(`cut into pieces (${format}) gives the same lines as the whole-tree reader`, () => {
      const file = bytes(productActivity852({ partnerId: "P1", items: 12, stores: 3, start: "2026-11-02", end: "2026-11-08", format, known: { 4: { buyerPartNumber: "B-4", upc: "081234501013" } } }));
      const whole = parseProductActivity(file);
      if (!whole.ok) throw new Error(whole.error.reasons.join("; "));
      const seg = splitProductActivity(file);
      if (!seg?.ok) throw new Error(`not cut: ${JSON.stringify(seg)}`);
      expect(seg.value.lineCount).toBe(12);
      expect(seg.value.report.header).toEqual(whole.value.reports[0]!.header);
      const lines = readReportLines(seg.value, 0, 12);
      if (!lines.ok) throw new Error(lines.error.reasons.join("; "));
      expect(lines.value).toEqual(whole.value.reports[0]!.lines);
    });
  }

  it("names the line that is invalid", () => {
    const file = productActivity852({ partnerId: "P1", items: 3, stores: 1, start: "2026-11-02", format: "xml" }).replace("<LocationQty>", "<LocationQty>x");
    const seg = splitProductActivity(bytes(file));
    if (!seg?.ok) throw new Error("not cut");
    const lines = readReportLines(seg.value, 0, 3);
    expect(lines.ok).toBe(false);
    if (!lines.ok) expect(lines.error.reasons.join(" ")).toMatch(/^Line item 1: /);
  });

  it("records an 852 whose header or a line is invalid as an invalid 852, naming the line", () => {
    const noStart = productActivity852({ partnerId: "P1", items: 2, stores: 1, start: "2026-11-02", format: "xml" }).replace(/<ReportStartDate>[^<]*<\/ReportStartDate>/, "");
    const a = intakeMailboxFile("out/a.xml", bytes(noStart), { maxBytes: 1 << 20 });
    expect(a.entries.map((e) => [e.type, e.status])).toEqual([["852", "invalid"]]);
    const badLine = productActivity852({ partnerId: "P1", items: 700, stores: 1, start: "2026-11-02", format: "json" }).replace('"LineSequenceNumber":"650"', '"LineSequenceNumber":{"x":"1"}');
    const b = intakeMailboxFile("out/b.json", bytes(badLine), { maxBytes: 1 << 20 });
    expect(b.entries.map((e) => [e.type, e.partnerId, e.status])).toEqual([["852", "P1", "invalid"]]);
    expect(b.entries[0]!.statusDetail.join(" ")).toMatch(/^Line item 650: /);
    const good = intakeMailboxFile("out/c.json", bytes(productActivity852({ partnerId: "P1", items: 700, stores: 1, start: "2026-11-02" })), { maxBytes: 1 << 20 });
    expect(good.entries.map((e) => [e.type, e.partnerId, e.naturalKey, e.status, e.hashWholeFile])).toEqual([["852", "P1", "2026-11-02..2026-11-02", "queued", true]]);
  });

  it("leaves a file with two reports to the whole-tree reader", () => {
    const one = productActivity852({ partnerId: "P1", items: 1, stores: 1, start: "2026-11-02", format: "xml" });
    const body = one.replace(/^[\s\S]*?<ProductActivities[^>]*>/, "").replace("</ProductActivities>", "");
    const two = `<ProductActivities xmlns="http://www.spscommerce.com/RSX">${body}${body}</ProductActivities>`;
    expect(splitProductActivity(bytes(two))).toBeUndefined();
  });

  it("makes one row per store and activity, maps items, and keeps a report-wide total at location ''", () => {
    const file = productActivity852({ partnerId: "P1", items: 2, stores: 2, start: "20261102", end: "20261108", codes: ["QS", "QT"], known: { 0: { vendorPartNumber: "BH-1" } }, qty: (i, s) => i * 10 + s });
    const parsed = parseProductActivity(bytes(file));
    if (!parsed.ok) throw new Error("fixture");
    const report = parsed.value.reports[0]!;
    const period = periodOf852(report)!;
    expect(period).toEqual({ start: "2026-11-02", end: "2026-11-08" });
    const rows = activityRowsOf852Lines(report.lines, period, { partnerId: "P1", legalEntity: null, mappings: [mapping("BH-1", "ERP-1")] });
    expect(rows).toHaveLength(8);
    expect(rows.filter((r) => r.measure === "sold").map((r) => [r.itemCode, r.erpItemId, r.locationCode, r.quantity])).toEqual([
      ["vp:BH-1", "ERP-1", "ST0001", 0],
      ["vp:BH-1", "ERP-1", "ST0002", 1],
      ["vp:ITEM-00002", null, "ST0001", 10],
      ["vp:ITEM-00002", null, "ST0002", 11],
    ]);
    expect(rows.filter((r) => r.measure === "852:QT")).toHaveLength(4);
    const total = { ...report.lines[0]!, activities: [{ activityCode: "QS", totalQty: 17, dates: [], references: [], locations: [] }] };
    expect(activityRowsOf852Lines([total], period, { partnerId: "P1", legalEntity: null, mappings: [] })).toEqual([
      { itemCode: "vp:BH-1", erpItemId: null, periodStart: "2026-11-02", periodEnd: "2026-11-08", measure: "sold", locationCode: "", quantity: 17, uom: null },
    ]);
  });
});

const spsRsx = await requireSpsRsx("SPS 846 sample into activity rows");
describe.runIf(spsRsx)("the SPS 846 sample", () => {
  it("gives one on-hand row per item at the report location, on its inventory date", async () => {
    const [file] = await spsRsx!.list("samples/InventoryAdvice_846");
    const parsed = parseInventoryAdvice(bytes(await spsRsx!.text(file!)));
    if (!parsed.ok) throw new Error(parsed.error.reasons.join("; "));
    const registry = parsed.value.registries[0]!;
    const period = periodOf846(registry)!;
    const rows = activityRowsOf846Lines(registry.lines, period, "", { partnerId: registry.header.tradingPartnerId, legalEntity: null, mappings: [mapping("SPSSupplierHD-40", "ERP-40")] });
    // The sample's three lines carry qualifier 33 (available for sale) and a TotalQty each.
    const expected = registry.lines.map((l) => l.quantitiesSchedulesLocations[0]!.totalQty);
    expect(rows.map((r) => r.quantity)).toEqual(expected);
    expect(new Set(rows.map((r) => r.measure))).toEqual(new Set(["on_hand"]));
    expect(rows.map((r) => r.erpItemId)).toEqual([null, "ERP-40", null]);
    expect(rows[0]!.itemCode).toBe(`bp:${registry.lines[0]!.buyerPartNumber}`);
    expect(period.start).toBe(registry.dates.find((d) => d.dateTimeQualifier === "196")!.date);
  });
});

describe("summary", () => {
  it("sold per week over the reported periods, the latest on hand, and weeks of supply", () => {
    const base = { partnerId: "P1", itemKey: "ERP-1", erpItemId: "ERP-1" };
    const s = summarizeActivity([
      { ...base, measure: "sold", periodStart: "2026-11-02", periodEnd: "2026-11-08", quantity: 30 },
      { ...base, measure: "sold", periodStart: "2026-11-09", periodEnd: "2026-11-22", quantity: 50 },
      { ...base, measure: "on_hand", periodStart: "2026-11-02", periodEnd: "2026-11-08", quantity: 200 },
      { ...base, measure: "on_hand", periodStart: "2026-11-09", periodEnd: "2026-11-22", quantity: 120 },
      { partnerId: "P1", itemKey: "vp:X", erpItemId: null, measure: "on_hand", periodStart: "2026-11-02", periodEnd: "2026-11-08", quantity: 5 },
    ]);
    // 80 sold over 1 + 2 weeks; 120 on hand at the latest period.
    expect(s[0]).toMatchObject({ item: "ERP-1", mapped: true, sold: 80, weeks: 3, soldPerWeek: 26.67, onHand: 120, onHandAsOf: "2026-11-22", weeksOfSupply: 4.5 });
    expect(s[1]).toMatchObject({ item: "vp:X", mapped: false, sold: 0, soldPerWeek: null, onHand: 5, weeksOfSupply: null });
  });
});
