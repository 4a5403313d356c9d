// The CSV reader used by bulk item imports.
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../src/api/csv";

describe("parseCsv", () => {
  it("reads quoted fields, doubled quotes, embedded newlines, CRLF and a BOM", () => {
    const t = parseCsv('\ufeffa,b,c\r\n1,"two, with comma","say ""hi"""\r\n"multi\nline",,x\n\n');
    expect(t.header).toEqual(["a", "b", "c"]);
    expect(t.rows.map((r) => r.cells)).toEqual([
      ["1", "two, with comma", 'say "hi"'],
      ["multi\nline", "", "x"],
    ]);
    expect(t.rows.map((r) => r.line)).toEqual([2, 3]);
  });

  it("keeps a last line without a newline", () => {
    expect(parseCsv("h\nv").rows).toEqual([{ line: 2, cells: ["v"] }]);
  });
});
