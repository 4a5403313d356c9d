// The shared writer: text is escaped, characters XML cannot carry are dropped, empty values are omitted,
// decimals never use exponent notation, and a name missing from the element table is a bug that throws.
import { describe, expect, it } from "vitest";
import { many, num, one } from "../../../src/rsx/element-spec";
import { renderRsxDocument } from "../../../src/rsx/rsx-document";
import { escapeText, formatDecimal } from "../../../src/rsx/xml-writer";

const TABLE = one("Thing", ["Name", num("Amount"), many("Notes", ["Note"])]);

describe("the RSX writer", () => {
  it("escapes markup characters and drops control characters", () => {
    expect(escapeText("Sam & Lee <gift> 5 > 4")).toBe("Sam &amp; Lee &lt;gift&gt; 5 &gt; 4");
    expect(escapeText("bell\u0007tab\tline\nend\uFFFF")).toBe("belltab\tline\nend");
  });

  it("writes decimals plainly", () => {
    expect(formatDecimal(150)).toBe("150");
    expect(formatDecimal(6.25)).toBe("6.25");
    expect(formatDecimal(1e-7)).toBe("0.0000001");
  });

  it("omits undefined, empty and all-empty groups, in table order regardless of content order", () => {
    const { xml, json } = renderRsxDocument(TABLE, "Things", { Notes: [{ Note: "" }, { Note: "keep" }], Amount: 0.5, Name: " " });
    expect(xml).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<Things xmlns="http://www.spscommerce.com/RSX">\n  <Thing>\n    <Amount>0.5</Amount>\n    <Notes>\n      <Note>keep</Note>\n    </Notes>\n  </Thing>\n</Things>\n',
    );
    expect(JSON.parse(json)).toEqual({ Amount: 0.5, Notes: [{ Note: "keep" }] });
  });

  it("throws on a name the table does not have, and on a value of the wrong type", () => {
    expect(() => renderRsxDocument(TABLE, "Things", { Nmae: "typo" })).toThrow(/"Nmae" is not in the RSX 7.7 element table/);
    expect(() => renderRsxDocument(TABLE, "Things", { Amount: "12" })).toThrow(/expected a finite number/);
    expect(() => renderRsxDocument(TABLE, "Things", { Amount: Number.NaN })).toThrow(/expected a finite number/);
  });
});
