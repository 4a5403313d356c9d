// Carton labels as ZPL II for thermal printers (4 × 6 in at 203 dpi, 812 × 1218 dots): one
// ^XA … ^XZ per label, the same zones as the PDF (label-layout.ts). Barcodes are the printer's own
// Code 128 (^BC) in GS1-128 form: ">;" starts subset C (">:" subset B when the data is not an even
// run of digits) and ">8" is FNC1, before the AI and its data (Zebra ZPL II Programming Guide, ^BC
// "Code 128 Invocation Characters", https://docs.zebra.com/us/en/printers/software/zpl-pg/c-zpl-zpl-commands/r-zpl-bc.html).
// Field text goes through ^FH so "^" and "~" in data cannot end a field or start a command.
import type { CartonLabel } from "./carton-labels";
import { labelOps, type Measure } from "./label-layout";

const DPI = 203;
const DOTS = DPI / 72; // dots per point
const WIDTH = 812;
const HEIGHT = 1218;

const d = (pt: number) => Math.round(pt * DOTS);

/** Field data with ^FH's hex escapes for the three characters that are not data in ZPL. */
export function zplFieldText(text: string): string {
  return text.replace(/[_^~]/g, (c) => `_${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}

/** ^BC field data of one GS1 element string: start code, FNC1, AI + data. */
export function gs1128FieldData(element: { ai: string; data: string }): string {
  const payload = `${element.ai}${element.data}`;
  return `${/^\d+$/.test(payload) && payload.length % 2 === 0 ? ">;" : ">:"}>8${payload}`;
}

/** Code 128 modules of a GS1-128 symbol with one element string (start, FNC1, data, check, stop). */
function code128Modules(payload: string): number {
  const chars = /^\d+$/.test(payload) && payload.length % 2 === 0 ? payload.length / 2 : payload.length;
  return (1 + 1 + chars + 1) * 11 + 13;
}

export function labelsZpl(labels: CartonLabel[], opts: { measure: Measure; companyPrefix?: string | undefined }): string {
  return labels.map((label) => labelZpl(label, opts)).join("\n");
}

function labelZpl(label: CartonLabel, opts: { measure: Measure; companyPrefix?: string | undefined }): string {
  const out: string[] = ["^XA", "^CI28", `^PW${WIDTH}`, `^LL${HEIGHT}`, "^LH0,0"];
  for (const op of labelOps(label, opts.measure, { companyPrefix: opts.companyPrefix })) {
    if (op.kind === "line") {
      const w = Math.max(1, d(op.width));
      const h = Math.max(1, d(op.height));
      out.push(`^FO${d(op.x)},${d(op.y)}^GB${w},${h},${Math.min(w, h)}^FS`);
    } else if (op.kind === "text") {
      const h = d(op.size);
      const block = op.align === "center" ? `^FB${d(op.width)},1,0,C,0` : "";
      out.push(`^FO${d(op.x)},${d(op.y)}^A0N,${h},${h}${block}^FH^FD${zplFieldText(op.text)}^FS`);
    } else {
      const module = Math.max(2, Math.round(op.module * DOTS));
      const element = op.elements[0]!;
      const width = code128Modules(`${element.ai}${element.data}`) * module;
      const x = d(op.x) + Math.max(0, Math.round((d(op.width) - width) / 2));
      out.push(`^FO${x},${d(op.y)}^BY${module},3,${d(op.height)}^BCN,${d(op.height)},N,N,N^FD${gs1128FieldData(element)}^FS`);
    }
  }
  out.push("^PQ1", "^XZ");
  return out.join("\n");
}
