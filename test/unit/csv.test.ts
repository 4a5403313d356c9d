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

describe("csvCell", () => {
  it("quotes what must be quoted and defuses formulas, and parseCsv reads it back", async () => {
    const { csvCell } = await import("../../src/lib/csv-cell");
    const { parseCsv } = await import("../../src/api/csv");
    const values = ["plain", 'say "hi"', "a,b", "line\nbreak", "=1+1", "-5", "@SUM(A1)", "\tTAB", null, 12.5];
    expect(values.map(csvCell)).toEqual(["plain", '"say ""hi"""', '"a,b"', '"line\nbreak"', `"'=1+1"`, `"'-5"`, `"'@SUM(A1)"`, `"'\tTAB"`, "", "12.5"]);
    const back = parseCsv(`h\r\n${values.map(csvCell).join("\r\n")}\r\n`).rows.map((r) => r.cells[0]);
    expect(back).toEqual(["plain", 'say "hi"', "a,b", "line\nbreak", "'=1+1", "'-5", "'@SUM(A1)", "'\tTAB", "12.5"]);
  });
});
