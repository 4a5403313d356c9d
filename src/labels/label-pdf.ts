// Carton labels as PDF (pdf-lib, plain JavaScript, runs in workerd): one 4 × 6 in page per label, or
// four labels per US letter page (each at 11/12 so two rows of 6 in fit 11 in) for office printers.
// The barcodes are bwip-js's GS1-128 bars drawn as rectangles; text in the standard Helvetica fonts.
import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from "pdf-lib";
import { gs1128Bars } from "./barcode-bars";
import type { CartonLabel } from "./carton-labels";
import { LABEL_HEIGHT, LABEL_WIDTH, labelOps, type LabelOp, type Measure } from "./label-layout";

export type PdfLayout = "4x6" | "letter";

const LETTER = { width: 612, height: 792 } as const;
const LETTER_SCALE = Math.min(LETTER.width / 2 / LABEL_WIDTH, LETTER.height / 2 / LABEL_HEIGHT);

/** Helvetica speaks WinAnsi only: other characters become "?" rather than failing the whole PDF. */
function winAnsi(text: string): string {
  return text.normalize("NFC").replace(/[^\x20-\x7e\xa0-\xff…–—‘’“”•€]/g, "?");
}

interface Placement {
  page: PDFPage;
  /** Label origin (its top-left corner) in page points, and its scale. */
  left: number;
  top: number;
  scale: number;
}

function draw(ops: LabelOp[], at: Placement, fonts: { regular: PDFFont; bold: PDFFont }): void {
  const { page, left, top, scale } = at;
  const X = (x: number) => left + x * scale;
  const Y = (y: number) => top - y * scale; // label y grows downwards, PDF y upwards
  const black = rgb(0, 0, 0);
  for (const op of ops) {
    if (op.kind === "line") {
      page.drawRectangle({ x: X(op.x), y: Y(op.y + op.height), width: op.width * scale, height: op.height * scale, color: black });
    } else if (op.kind === "text") {
      const font = op.bold ? fonts.bold : fonts.regular;
      const text = winAnsi(op.text);
      const w = font.widthOfTextAtSize(text, op.size);
      const x = op.align === "center" ? op.x + (op.width - w) / 2 : op.x;
      // op.y is the top of the text: the baseline sits one cap height (0.72 em for Helvetica) below it.
      page.drawText(text, { x: X(x), y: Y(op.y + op.size * 0.72), size: op.size * scale, font, color: black });
    } else {
      const symbol = gs1128Bars(op.elements);
      const width = symbol.modules * op.module;
      const x0 = op.x + Math.max(0, (op.width - width) / 2);
      for (const bar of symbol.bars) {
        page.drawRectangle({ x: X(x0 + bar.x * op.module), y: Y(op.y + op.height), width: bar.width * op.module * scale, height: op.height * scale, color: black });
      }
    }
  }
}

export async function labelsPdf(labels: CartonLabel[], opts: { layout: PdfLayout; title: string; companyPrefix?: string | undefined; now: Date }): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(opts.title);
  doc.setCreator("sps-erp-connector");
  doc.setProducer("pdf-lib");
  doc.setCreationDate(opts.now);
  doc.setModificationDate(opts.now);
  const fonts = { regular: await doc.embedFont(StandardFonts.Helvetica), bold: await doc.embedFont(StandardFonts.HelveticaBold) };
  const measure: Measure = (text, size, bold) => (bold ? fonts.bold : fonts.regular).widthOfTextAtSize(winAnsi(text), size);
  labels.forEach((label, i) => {
    const ops = labelOps(label, measure, { companyPrefix: opts.companyPrefix });
    if (opts.layout === "4x6") {
      const page = doc.addPage([LABEL_WIDTH, LABEL_HEIGHT]);
      draw(ops, { page, left: 0, top: LABEL_HEIGHT, scale: 1 }, fonts);
      return;
    }
    const slot = i % 4;
    const page = slot === 0 ? doc.addPage([LETTER.width, LETTER.height]) : doc.getPage(doc.getPageCount() - 1);
    const cellW = LETTER.width / 2;
    const cellH = LETTER.height / 2;
    const left = (slot % 2) * cellW + (cellW - LABEL_WIDTH * LETTER_SCALE) / 2;
    const top = LETTER.height - Math.floor(slot / 2) * cellH - (cellH - LABEL_HEIGHT * LETTER_SCALE) / 2;
    draw(ops, { page, left, top, scale: LETTER_SCALE }, fonts);
    // A thin cut frame around each label.
    page.drawRectangle({ x: left, y: top - LABEL_HEIGHT * LETTER_SCALE, width: LABEL_WIDTH * LETTER_SCALE, height: LABEL_HEIGHT * LETTER_SCALE, borderColor: rgb(0.6, 0.6, 0.6), borderWidth: 0.5 });
  });
  return doc.save();
}

/** Text widths in Helvetica (the PDF's fonts), for layouts rendered elsewhere (ZPL). */
export async function pdfMeasure(): Promise<Measure> {
  const doc = await PDFDocument.create();
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  return (text, size, isBold) => (isBold ? bold : regular).widthOfTextAtSize(winAnsi(text), size);
}
