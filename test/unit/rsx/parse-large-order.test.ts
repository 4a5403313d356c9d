// A 2,000-line order full of escaped ampersands parses (parsers with entity-expansion caps fail on exactly
// this, limits-and-costs.md §3.3), and quickly.
import { describe, expect, it } from "vitest";
import { parseOrders } from "../../../src/rsx";
import { bytes, orderXml } from "./fixtures";

function largeOrder(lines: number): string {
  const items: string[] = [];
  for (let i = 1; i <= lines; i++) {
    items.push(`<LineItem><OrderLine><LineSequenceNumber>${i}</LineSequenceNumber><BuyerPartNumber>B&amp;Q-${String(i).padStart(6, "0")}</BuyerPartNumber><VendorPartNumber>AT&amp;T-${i}</VendorPartNumber><ConsumerPackageCode>081234501013</ConsumerPackageCode><OrderQty>${(i % 12) + 1}</OrderQty><OrderQtyUOM>EA</OrderQtyUOM><PurchasePrice>6.25</PurchasePrice></OrderLine>
<ProductOrItemDescription><ProductCharacteristicCode>08</ProductCharacteristicCode><ProductDescription>Salt &amp; pepper &lt;set&gt; &amp; more &amp; more</ProductDescription></ProductOrItemDescription>
<QuantitiesSchedulesLocations><QuantityQualifier>01</QuantityQualifier><LocationQuantity><Location>0010</Location><Qty>${(i % 12) + 1}</Qty></LocationQuantity></QuantitiesSchedulesLocations></LineItem>`);
  }
  return orderXml(items.join("\n"));
}

describe("a 2,000-line order", () => {
  it("parses every line and decodes every &amp;", () => {
    const input = bytes(largeOrder(2000));
    const started = performance.now();
    const parsed = parseOrders(input);
    const elapsed = performance.now() - started;
    if (!parsed.ok) throw new Error(parsed.error.reasons.slice(0, 3).join("; "));
    const order = parsed.value.orders[0]!;
    expect(order.lines).toHaveLength(2000);
    expect(order.lines[1999]).toMatchObject({ lineSequenceNumber: "2000", buyerPartNumber: "B&Q-002000", vendorPartNumber: "AT&T-2000" });
    expect(order.lines[0]?.productDescriptions[0]?.productDescription).toBe("Salt & pepper <set> & more & more");
    // workerd freezes timers during synchronous work unless run under the test pool; log what it measured.
    console.log(`parsed ${input.byteLength} bytes, 2,000 lines, in ${elapsed.toFixed(1)} ms`);
  });
});
