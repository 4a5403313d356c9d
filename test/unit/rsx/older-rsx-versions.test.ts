// RSX files from the field: an 850 older than 7.7 (declared in Meta/Version, or shown by a LineItems
// wrapper) is refused in words naming the version and what to change at SPS, not as "no LineItem";
// 7.7 files, declared or not, read as before. SPS's own drop-ship sample (through the resolver, when
// the material is present) reads as a drop ship to a consumer, and its older-shaped copy is refused.
/// <reference types="vite/client" />
import { describe, expect, it } from "vitest";
import olderXml from "../../../sandbox/fixtures/orders/older-rsx/POHD10045871-1-v7.2-DropShip-LineItems.xml?raw";
import { parseOrders } from "../../../src/rsx";
import { olderRsxReason } from "../../../src/rsx/order-850";
import { orderShape, shipTo } from "../../../src/rsx/order-850-queries";
import { requireSpsRsx } from "../../helpers/sps-rsx";
import { bytes, fixtureXml } from "./fixtures";

const withVersion = (xml: string, version: string) => xml.replace("<Meta>", `<Meta>\n      <Version>${version}</Version>`);

function reasons(xml: string): string[] {
  const parsed = parseOrders(bytes(xml));
  if (parsed.ok) return [];
  return parsed.error.reasons;
}

describe("RSX versions older than 7.7", () => {
  it("refuses a LineItems-wrapped 850 naming the version and the SPS setting, not a missing line", () => {
    const said = reasons(olderXml);
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/an RSX version older than 7\.7 \(its lines are wrapped in <LineItems>/);
    expect(said[0]).toMatch(/Ask SPS Commerce to deliver this trading partner's documents as RSX 7\.7/);
    expect(said[0]).not.toMatch(/has no LineItem/);
  });

  it("refuses an 850 that declares an older version, and reads 7.7 and 7.7.7 ones", () => {
    expect(reasons(withVersion(fixtureXml.DropShip, "7.2"))[0]).toMatch(/This order is RSX 7\.2; the connector reads RSX 7\.7 only/);
    expect(reasons(withVersion(fixtureXml.DropShip, "6.9.1"))[0]).toMatch(/RSX 6\.9\.1/);
    expect(parseOrders(bytes(withVersion(fixtureXml.DropShip, "7.7"))).ok).toBe(true);
    expect(parseOrders(bytes(withVersion(fixtureXml.DropShip, "7.7.7"))).ok).toBe(true);
    expect(parseOrders(bytes(fixtureXml.DropShip)).ok).toBe(true);
    // A version that is not a version says nothing either way: the structure decides.
    expect(olderRsxReason({ Meta: [{ Version: "current" }], LineItem: [] })).toBeUndefined();
  });
});

// Without SPS's material this prints one "not run" line and registers no test for it.
const sps = await requireSpsRsx("SPS drop-ship 850 sample");
if (sps) describe("SPS's drop-ship sample", () => {
  it("reads as a drop ship to the consumer, and its LineItems-wrapped copy is refused", async () => {
    const files = (await sps.list("samples/Orders_850")).filter((f) => /DropShip/i.test(f));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const text = await sps.text(file);
      const parsed = parseOrders(bytes(text));
      if (!parsed.ok) throw new Error(`${file}: ${parsed.error.reasons.join("; ")}`);
      const [order] = parsed.value.orders;
      expect(orderShape(order!)).toBe("DropShip");
      // The consumer: a ship-to with a street address and no store or DC number.
      const to = shipTo(order!);
      expect(to?.address1 ?? to?.city).toBeTruthy();
      expect(to?.addressLocationNumber).toBeUndefined();

      const json = JSON.parse(text.replace(/^\uFEFF/, ""));
      const { LineItem, ...rest } = json;
      const older = JSON.stringify({ ...rest, LineItems: { LineItem } });
      const refused = parseOrders(bytes(older));
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(refused.error.reasons.join(" ")).toMatch(/older than 7\.7/);
    }
  });
});
