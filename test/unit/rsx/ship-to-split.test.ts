// Splitting an 850 by where its goods go: per store for SDQ orders (to the DC, marked for the store, on a
// cross-dock), one group for a plain order.
import { describe, expect, it } from "vitest";
import { splitByShipTo, type ShipToSplit } from "../../../src/rsx";
import { fixtureOrder } from "./fixtures";

const summary = (split: ShipToSplit) =>
  split.groups.map((g) => ({
    location: g.locationNumber,
    shipTo: g.shipTo?.addressLocationNumber,
    markFor: g.markFor?.addressLocationNumber,
    lines: g.lines.map((l) => [l.line.lineSequenceNumber, l.quantity, l.uom]),
  }));

describe("ship-to split", () => {
  it("cross-dock: one group per store, shipped to the DC and marked for the store", () => {
    const split = splitByShipTo(fixtureOrder("CrossDock"));
    expect(split.shape).toBe("CrossDock");
    expect(summary(split)).toEqual([
      { location: "0112", shipTo: "0451", markFor: "0112", lines: [["1", 24, "EA"], ["2", 12, "EA"], ["3", 6, "EA"]] },
      { location: "0127", shipTo: "0451", markFor: "0127", lines: [["1", 12, "EA"], ["2", 12, "EA"], ["3", 6, "EA"]] },
      { location: "0134", shipTo: "0451", markFor: "0134", lines: [["1", 12, "EA"], ["2", 6, "EA"]] },
    ]);
    expect(split.groups[0]!.markFor).toMatchObject({ addressTypeCode: "Z7", addressName: "Northwind Home #112 Pearl District" });
  });

  it("multi-store: one group per store, each store its own ship-to", () => {
    const split = splitByShipTo(fixtureOrder("MultiStore"));
    expect(summary(split)).toEqual([
      { location: "0010", shipTo: "0010", markFor: undefined, lines: [["1", 12, "EA"], ["2", 12, "EA"], ["3", 24, "EA"]] },
      { location: "0020", shipTo: "0020", markFor: undefined, lines: [["1", 12, "EA"], ["2", 6, "EA"], ["3", 24, "EA"]] },
      { location: "0030", shipTo: "0030", markFor: undefined, lines: [["1", 24, "EA"], ["2", 12, "EA"], ["3", 24, "EA"]] },
    ]);
    expect(split.groups[0]!.shipTo).toMatchObject({ addressTypeCode: "ST", locationCodeQualifier: "92" });
  });

  it("a plain order is one group for its header ship-to", () => {
    expect(summary(splitByShipTo(fixtureOrder("BulkImport")))).toEqual([
      { location: "0007", shipTo: "0007", markFor: undefined, lines: [["1", 72, "EA"], ["2", 48, "EA"], ["3", 24, "EA"], ["4", 96, "EA"]] },
    ]);
    const dropShip = splitByShipTo(fixtureOrder("DropShip"));
    expect(dropShip.groups).toHaveLength(1);
    expect(dropShip.groups[0]!.shipTo?.addressName).toBe("Priya O'Connor");
  });

  it("the store quantities add up to each line's OrderQty", () => {
    const order = fixtureOrder("MultiStore");
    const split = splitByShipTo(order);
    expect(split.mismatches).toEqual([]);
    for (const line of order.lines) {
      const shipped = split.groups.flatMap((g) => g.lines).filter((l) => l.line === line).reduce((s, l) => s + l.quantity, 0);
      expect(shipped).toBe(line.orderQty);
    }
  });

  it("reports a line whose store quantities do not add up to its OrderQty", () => {
    const order = fixtureOrder("MultiStore");
    const first = order.lines[0]!;
    const skewed = { ...order, lines: [{ ...first, orderQty: 50 }, ...order.lines.slice(1)] };
    const split = splitByShipTo(skewed);
    expect(split.mismatches.map((m) => [m.line.lineSequenceNumber, m.quantity])).toEqual([["1", 2]]);
  });
});
