// Files that are not well-formed XML/JSON, not UTF-8 or empty are refused with a reason an operator can act
// on, including saxes' line and column for XML.
import { describe, expect, it } from "vitest";
import { parseOrders } from "../../../src/rsx";
import { bytes, fixtureXml, oneLine, orderXml } from "./fixtures";

function reasons(input: Uint8Array): string[] {
  const parsed = parseOrders(input);
  if (parsed.ok) throw new Error("expected the input to be refused");
  expect(parsed.error.kind).toBe("invalid");
  return parsed.error.reasons;
}

describe("refusing malformed input", () => {
  it("reports a mismatched tag with its line and column", () => {
    const xml = '<?xml version="1.0"?>\n<Orders>\n  <Order>\n    <Header></Heder>\n  </Order>\n</Orders>';
    const [reason] = reasons(bytes(xml));
    expect(reason).toMatch(/^The XML is not well-formed: line 4, column \d+: /);
  });

  it("reports a truncated file", () => {
    const truncated = fixtureXml.CrossDock.slice(0, Math.floor(fixtureXml.CrossDock.length / 2));
    expect(reasons(bytes(truncated))[0]).toMatch(/^The XML is not well-formed: line \d+, column \d+: .*unclosed/i);
  });

  it("reports an unescaped ampersand", () => {
    expect(reasons(bytes(orderXml(oneLine, "<Vendor>AT&T</Vendor>")))[0]).toMatch(/not well-formed/);
  });

  it("reports malformed JSON", () => {
    expect(reasons(bytes('{"Header": {"OrderHeader": }'))[0]).toMatch(/^The JSON is not well-formed: /);
  });

  it("refuses invalid UTF-8 and says where", () => {
    const input = bytes(orderXml(oneLine));
    const broken = new Uint8Array([...input.subarray(0, 60), 0xc3, 0x28, ...input.subarray(60)]);
    expect(reasons(broken)).toEqual(["The file is not valid UTF-8 text (first bad byte at offset 60)."]);
  });

  it("refuses UTF-16", () => {
    expect(reasons(new Uint8Array([0xff, 0xfe, 0x3c, 0x00]))[0]).toMatch(/UTF-16/);
  });

  it("refuses an empty file and one that is neither XML nor JSON", () => {
    expect(reasons(bytes("  \n"))).toEqual(["The file is empty."]);
    expect(reasons(bytes("ISA*00*..."))[0]).toMatch(/neither XML nor JSON/);
  });

  it("refuses a declared encoding other than UTF-8", () => {
    const xml = orderXml(oneLine).replace('encoding="utf-8"', 'encoding="ISO-8859-1"');
    expect(reasons(bytes(xml))[0]).toMatch(/declares encoding "ISO-8859-1"/);
  });
});
