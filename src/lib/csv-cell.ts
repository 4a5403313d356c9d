// One CSV cell (RFC 4180) for the connector's exports: quoted when it holds a quote, comma or line
// break, and a cell a spreadsheet would run as a formula (=, +, -, @, tab) is quoted with a leading
// apostrophe, so an export opened in Excel shows text rather than running it.
const FORMULA = /^[=+\-@\t]/;

export function csvCell(value: unknown): string {
  const s = value === null || value === undefined ? "" : String(value);
  if (FORMULA.test(s)) return `"'${s.replace(/"/g, '""')}"`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
