// The outbound 846, pure: the partner's rules applied to the ERP's availability, the items mapped for
// the partner, the run key, and the built file: XML and JSON read back alike, and the JSON validates
// against SPS's ItemRegistries.json (when the material is present).
import { Validator } from "@cfworker/json-schema";
import { describe, expect, it } from "vitest";
import { feedItemsOf, feedRunOf, planInventoryFeed } from "../../../src/flows/inventory-feed";
import { buildInventoryAdvice } from "../../../src/rsx/inventory-846-build";
import { parseInventoryAdvice } from "../../../src/rsx/inventory-846";
import { requireSpsRsx } from "../../helpers/sps-rsx";

const bytes = (t: string) => new TextEncoder().encode(t);
const items = [{ erpItemId: "A", vendorPartNumber: "VA" }, { erpItemId: "B", upc: "081234501013" }, { erpItemId: "C", buyerPartNumber: "BC" }, { erpItemId: "D", vendorPartNumber: "VD" }];
const availability = [
  { itemId: "A", warehouse: "MAIN", available: 100 },
  { itemId: "A", warehouse: "EAST", available: 40 },
  { itemId: "A", warehouse: "RETURNS", available: 500 },
  { itemId: "B", warehouse: "MAIN", available: 7 },
  { itemId: "C", warehouse: "MAIN", available: 30 },
  { itemId: "D", warehouse: "MAIN", available: -3 },
];

describe("inventory feed rules", () => {
  it("counts the named warehouses, subtracts safety stock, caps, and zeroes discontinued items", () => {
    const lines = planInventoryFeed(items, availability, { everyHours: 4, warehouses: ["main", "EAST"], safetyStock: 10, maxAdvertised: 100, discontinued: ["C"] });
    expect(lines.map((l) => [l.erpItemId, l.available, l.quantity])).toEqual([
      ["A", 140, 100],
      ["B", 7, 0],
      ["C", 30, 0],
      ["D", 0, 0],
    ]);
    expect(lines[0]!.note).toBe("safety stock 10, capped at 100");
    expect(lines[2]!.note).toBe("discontinued");
  });

  it("counts every warehouse when none are named", () => {
    expect(planInventoryFeed(items.slice(0, 1), availability, { everyHours: 4 })[0]!.quantity).toBe(640);
  });

  it("lists each mapped ERP item once with the partner's identifiers, and keys runs by period", () => {
    const m = (partnerId: string, kind: "buyer_part" | "vendor_part" | "gtin", value: string, erpItemId: string) => ({ partnerId, legalEntity: "*", kind, value, erpItemId, uom: null, uomFactor: null });
    const got = feedItemsOf([m("*", "vendor_part", "VA", "A"), m("*", "gtin", "00081234501013", "A"), m("P1", "buyer_part", "BA", "A"), m("P2", "buyer_part", "X", "Z")], "P1");
    expect(got).toEqual([{ erpItemId: "A", vendorPartNumber: "VA", upc: "081234501013", buyerPartNumber: "BA" }]);
    expect(feedRunOf(Date.parse("2026-12-04T21:59:00Z"), 4)).toEqual({ run: "20261204T2000", startsAt: Date.parse("2026-12-04T20:00:00Z") });
  });
});

const input = {
  tradingPartnerId: "NWHALLNORTHWND",
  documentId: "FEED-20261204T2000",
  inventoryDate: "2026-12-04",
  inventoryTime: "20:00:00",
  lines: [
    { vendorPartNumber: "BH-LAV-08", upc: "081234501013", quantity: 120 },
    { buyerPartNumber: "NW-778121", quantity: 0 },
  ],
};

describe("846 builder", () => {
  it("writes XML and JSON that read back to the same quantities and identifiers", () => {
    const built = buildInventoryAdvice(input);
    if (!built.ok) throw new Error(built.error.reasons.join("; "));
    for (const text of [built.value.xml, built.value.json]) {
      const parsed = parseInventoryAdvice(bytes(text));
      if (!parsed.ok) throw new Error(parsed.error.reasons.join("; "));
      const reg = parsed.value.registries[0]!;
      expect(reg.header).toMatchObject({ tradingPartnerId: "NWHALLNORTHWND", documentId: "FEED-20261204T2000", inventoryDate: "2026-12-04" });
      expect(reg.lines.map((l) => [l.vendorPartNumber, l.buyerPartNumber, l.consumerPackageCode, l.quantitiesSchedulesLocations[0]!.quantityQualifier, l.quantitiesSchedulesLocations[0]!.totalQty])).toEqual([
        ["BH-LAV-08", undefined, "081234501013", "33", 120],
        [undefined, "NW-778121", undefined, "33", 0],
      ]);
    }
  });

  it("refuses a file it cannot make valid", () => {
    const bad = buildInventoryAdvice({ ...input, tradingPartnerId: "A-PARTNER-ID-TOO-LONG", lines: [{ quantity: -1 }] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.reasons).toHaveLength(3);
  });
});

const spsRsx = await requireSpsRsx("outbound 846 against SPS's ItemRegistries.json");
describe.runIf(spsRsx)("846 against ItemRegistries.json", () => {
  it("validates, and the validator refuses a registry without its DocumentId", async () => {
    // As in outbound-rsx-schemas: draft-07 "time" wants an offset that RSX times (and SPS's samples) never carry.
    const withoutTimeFormat = (node: unknown): unknown => {
      if (Array.isArray(node)) return node.map(withoutTimeFormat);
      if (!node || typeof node !== "object") return node;
      return Object.fromEntries(Object.entries(node).filter(([k, v]) => !(k === "format" && v === "time")).map(([k, v]) => [k, withoutTimeFormat(v)]));
    };
    const schema = new Validator(withoutTimeFormat(JSON.parse(await spsRsx!.text("schemas/ItemRegistries.json"))) as object, "7", false);
    const built = buildInventoryAdvice(input);
    if (!built.ok) throw new Error("not built");
    const result = schema.validate(JSON.parse(built.value.json));
    expect(result.errors.filter((e) => !/subschema|does not match schema/.test(e.error)).map((e) => `${e.instanceLocation}: ${e.error}`)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(schema.validate({ Header: { HeaderReport: { TradingPartnerId: "X" } } }).valid).toBe(false);
  });
});
