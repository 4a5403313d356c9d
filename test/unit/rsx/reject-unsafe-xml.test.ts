// Hostile input is refused before it can cost anything: no DTD (so no external entities and no entity
// expansion bombs), bounded nesting and size.
import { describe, expect, it } from "vitest";
import { parseOrders } from "../../../src/rsx";
import { bytes, oneLine, orderXml } from "./fixtures";

function reasons(input: Uint8Array, limits?: { maxBytes?: number; maxDepth?: number }): string[] {
  const parsed = parseOrders(input, limits);
  if (parsed.ok) throw new Error("expected the input to be refused");
  return parsed.error.reasons;
}

describe("refusing unsafe XML", () => {
  it("refuses any DOCTYPE", () => {
    const xml = orderXml(oneLine).replace("<Orders", '<!DOCTYPE Orders SYSTEM "rsx.dtd">\n<Orders');
    expect(reasons(bytes(xml))[0]).toMatch(/^DTDs are not accepted/);
  });

  it("refuses an external entity (XXE)", () => {
    const xml = `<?xml version="1.0"?>
<!DOCTYPE Orders [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<Orders><Order><Header><OrderHeader><TradingPartnerId>&secret;</TradingPartnerId></OrderHeader></Header></Order></Orders>`;
    const refused = reasons(bytes(xml));
    expect(refused[0]).toMatch(/^DTDs are not accepted/);
    expect(refused.join(" ")).not.toMatch(/root:/);
  });

  it("refuses a billion-laughs entity bomb", () => {
    const levels = Array.from({ length: 10 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join("\n");
    const xml = `<?xml version="1.0"?>
<!DOCTYPE Orders [<!ENTITY lol0 "lol">
${levels}]>
<Orders><Order><Header><OrderHeader><TradingPartnerId>&lol10;</TradingPartnerId></OrderHeader></Header></Order></Orders>`;
    expect(reasons(bytes(xml))[0]).toMatch(/^DTDs are not accepted/);
  });

  it("refuses an entity that was never declared", () => {
    expect(reasons(bytes(orderXml(oneLine, "<Vendor>&nbsp;</Vendor>")))[0]).toMatch(/not well-formed.*undefined entity/);
  });

  it("refuses nesting deeper than the limit, in XML and in JSON", () => {
    const deepXml = `<Orders>${"<a>".repeat(70)}${"</a>".repeat(70)}</Orders>`;
    expect(reasons(bytes(deepXml))[0]).toMatch(/^Elements nest deeper than 64 levels/);
    const deepJson = `${'{"a":'.repeat(70)}1${"}".repeat(70)}`;
    expect(reasons(bytes(deepJson))[0]).toMatch(/^Objects nest deeper than 64 levels/);
    expect(reasons(bytes(orderXml(oneLine)), { maxDepth: 4 })[0]).toMatch(/deeper than 4 levels/);
  });

  it("refuses a file over the size limit without reading it", () => {
    const input = bytes(orderXml(oneLine));
    expect(reasons(input, { maxBytes: 100 })).toEqual([`The file is ${input.byteLength} bytes; the limit is 100 bytes.`]);
  });
});
