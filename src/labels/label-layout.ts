// The 4 × 6 in carton label as drawing operations in points (top-left origin, 288 × 432), so the PDF
// and the ZPL print the same zones in the same places. Zones as the GS1 Logistic Label Guideline
// (https://www.gs1.org/docs/tl/GS1_Logistic_Label_Guideline.pdf §4.2) and the GS1 US carton label
// lay them out, top to bottom: ship-from | ship-to; ship-to postal code (AI 420) | carrier, SCAC,
// PRO, bill of lading; PO, department, item; mark-for store | carton n of m; SSCC (AI 00) with its
// human-readable text beneath.
import type { CartonLabel, LabelAddress } from "./carton-labels";
import { postalElement, postalHumanReadable, ssccElement, ssccHumanReadable } from "./gs1-label-text";

export const LABEL_WIDTH = 288;
export const LABEL_HEIGHT = 432;

/**
 * X-dimensions, in points. SSCC: 0.0215 in (0.546 mm), inside GS1's 0.495–1.016 mm for logistic
 * labels (General Specifications §5.12.3.7, symbol specification table 6) even at the 11/12 scale
 * of four labels on a letter page; 32 mm high is GS1's target, 30 mm is used to leave the text room.
 */
export const SSCC_MODULE = 1.548;
const SSCC_HEIGHT = 84;
const POSTAL_MODULE = 1.4;
const POSTAL_HEIGHT = 46;

export type LabelOp =
  | { kind: "text"; x: number; y: number; size: number; bold?: boolean; text: string; width: number; align?: "left" | "center" }
  | { kind: "line"; x: number; y: number; width: number; height: number }
  | { kind: "barcode"; x: number; y: number; width: number; module: number; height: number; elements: Array<{ ai: string; data: string }>; role: "sscc" | "postal" };

/** Measures text at a size (the PDF's font metrics; the ZPL's condensed font is narrower). */
export type Measure = (text: string, size: number, bold: boolean) => number;

/** Fits text into a width: shrinks down to `min`, then cuts with an ellipsis. */
export function fitText(measure: Measure, text: string, size: number, width: number, bold: boolean, min = Math.min(size, 6)): { text: string; size: number } {
  let s = size;
  while (s > min && measure(text, s, bold) > width) s -= 0.5;
  if (measure(text, s, bold) <= width) return { text, size: s };
  let cut = text;
  while (cut.length > 1 && measure(`${cut}…`, s, bold) > width) cut = cut.slice(0, -1);
  return { text: `${cut.trimEnd()}…`, size: s };
}

const M = 8; // margin
const ZONE = { from: 0, postal: 78, order: 170, store: 240, sscc: 306 } as const;

export function labelOps(label: CartonLabel, measure: Measure, opts: { companyPrefix?: string | undefined } = {}): LabelOp[] {
  const ops: LabelOp[] = [];
  const text = (x: number, y: number, size: number, value: string | undefined, width: number, bold = false, align: "left" | "center" = "left") => {
    if (!value) return 0;
    const fit = fitText(measure, value, size, width, bold);
    ops.push({ kind: "text", x, y, size: fit.size, bold, text: fit.text, width, align });
    return fit.size + 2;
  };
  const hline = (y: number, thickness = 1.5) => ops.push({ kind: "line", x: 0, y, width: LABEL_WIDTH, height: thickness });
  const vline = (x: number, y: number, height: number) => ops.push({ kind: "line", x, y, width: 1.5, height });
  const address = (x: number, y: number, width: number, a: LabelAddress | undefined, big: boolean) => {
    let at = y;
    at += text(x, at, big ? 12 : 8, a?.name, width, true);
    for (const line of a?.lines ?? []) at += text(x, at, big ? 10 : 7.5, line, width, big);
    if (big && a?.location) at += text(x, at, 8.5, `LOCATION #${a.location}`, width, false);
    return at;
  };

  // Ship-from | ship-to.
  const split = 118;
  text(M, ZONE.from + 6, 6.5, "SHIP FROM:", split - 2 * M, true);
  address(M, ZONE.from + 16, split - 2 * M, label.shipFrom, false);
  vline(split, ZONE.from, ZONE.postal);
  text(split + M, ZONE.from + 6, 6.5, "SHIP TO:", LABEL_WIDTH - split - 2 * M, true);
  address(split + M, ZONE.from + 16, LABEL_WIDTH - split - 2 * M, label.shipTo, true);
  hline(ZONE.postal);

  // Postal code (AI 420) | carrier.
  const carrierX = 166;
  text(M, ZONE.postal + 5, 6.5, "SHIP TO POSTAL CODE:", carrierX - 2 * M, true);
  if (label.postalCode) {
    const elements = [postalElement(label.postalCode)];
    ops.push({ kind: "barcode", x: M + 4, y: ZONE.postal + 16, width: carrierX - 2 * M - 8, module: POSTAL_MODULE, height: POSTAL_HEIGHT, elements, role: "postal" });
    text(M, ZONE.postal + 16 + POSTAL_HEIGHT + 4, 9, postalHumanReadable(label.postalCode), carrierX - 2 * M, true, "center");
  }
  vline(carrierX, ZONE.postal, ZONE.order - ZONE.postal);
  const cw = LABEL_WIDTH - carrierX - 2 * M;
  let cy = ZONE.postal + 5;
  cy += text(carrierX + M, cy, 6.5, "CARRIER:", cw, true);
  cy += text(carrierX + M, cy, 11, label.carrierName, cw, true);
  cy += 2;
  cy += text(carrierX + M, cy, 8.5, label.scac ? `SCAC: ${label.scac}` : undefined, cw);
  cy += text(carrierX + M, cy, 8.5, label.proNumber ? `PRO: ${label.proNumber}` : undefined, cw);
  cy += text(carrierX + M, cy, 8.5, label.billOfLading ? `B/L: ${label.billOfLading}` : undefined, cw);
  text(carrierX + M, cy, 7.5, label.trackingNumber ? `TRK: ${label.trackingNumber}` : undefined, cw);
  hline(ZONE.order);

  // PO, department, item.
  const half = LABEL_WIDTH / 2;
  text(M, ZONE.order + 6, 13, label.purchaseOrder ? `PO: ${label.purchaseOrder}` : undefined, half + 30 - M, true);
  text(half + 40, ZONE.order + 6, 11, label.department ? `DEPT: ${label.department}` : undefined, half - 40 - M, true);
  if (label.item) {
    const ids = label.item.identifiers.map((i) => `${i.kind === "BUYER" ? "BUYER #" : i.kind === "VENDOR" ? "VENDOR #" : i.kind} ${i.value}`).join("   ");
    let iy = ZONE.order + 26;
    iy += text(M, iy, 8, ids, LABEL_WIDTH - 2 * M);
    iy += text(M, iy, 8, label.item.description, LABEL_WIDTH - 2 * M - 70);
    text(LABEL_WIDTH - M - 66, ZONE.order + 48, 11, `QTY ${formatQty(label.item.quantity)}${label.item.uom ? ` ${label.item.uom}` : ""}`, 66, true);
  } else if (label.level === "pallet") {
    text(M, ZONE.order + 30, 11, "PALLET (MIXED CARTONS)", LABEL_WIDTH - 2 * M, true);
  } else {
    text(M, ZONE.order + 30, 9, "MIXED CARTON", LABEL_WIDTH - 2 * M, true);
  }
  hline(ZONE.store);

  // Mark-for store | carton n of m.
  const countX = 178;
  if (label.markFor) {
    text(M, ZONE.store + 5, 6.5, "FOR (MARK FOR):", countX - 2 * M, true);
    text(M, ZONE.store + 15, 20, label.markFor.location ? `STORE ${label.markFor.location}` : label.markFor.name, countX - 2 * M, true);
    text(M, ZONE.store + 40, 8, label.markFor.location ? label.markFor.name : label.markFor.lines.at(-1), countX - 2 * M);
  }
  vline(countX, ZONE.store, ZONE.sscc - ZONE.store);
  if (label.count > 0) {
    text(countX + M, ZONE.store + 5, 6.5, label.level === "pallet" ? "PALLET:" : "CARTON:", LABEL_WIDTH - countX - 2 * M, true);
    text(countX + M, ZONE.store + 20, 18, `${label.number} of ${label.count}`, LABEL_WIDTH - countX - 2 * M, true);
  }
  if (label.weight) text(countX + M, ZONE.store + 46, 8, `WT: ${formatQty(label.weight.value)} ${label.weight.uom}`, LABEL_WIDTH - countX - 2 * M);
  hline(ZONE.sscc, 2.5);

  // SSCC.
  text(M, ZONE.sscc + 6, 7, label.level === "pallet" ? "SSCC (PALLET):" : "SSCC:", 100, true);
  ops.push({ kind: "barcode", x: M, y: ZONE.sscc + 20, width: LABEL_WIDTH - 2 * M, module: SSCC_MODULE, height: SSCC_HEIGHT, elements: [ssccElement(label.sscc)], role: "sscc" });
  text(M, ZONE.sscc + 20 + SSCC_HEIGHT + 6, 12, ssccHumanReadable(label.sscc, opts.companyPrefix), LABEL_WIDTH - 2 * M, true, "center");
  return ops;
}

function formatQty(q: number): string {
  return Number.isInteger(q) ? String(q) : String(Math.round(q * 1000) / 1000);
}
