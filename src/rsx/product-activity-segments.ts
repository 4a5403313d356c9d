// A large 852 read in pieces, pure: the file's text is cut at its <LineItem> elements (XML) or the
// elements of its "LineItem" array (JSON) without building the whole tree, the rest (header and
// summary) is read and validated as a small document, and lines are read and validated a slice at a
// time. A 5,000 items × 50 stores report holds ~500k values, over the whole-tree reader's bound
// (DEFAULT_MAX_ELEMENTS, set by the 128 MB isolate); each line here is a few hundred. A file that does
// not cut cleanly (several reports in one file, prefixed element names) is left to the whole-tree reader.
import { ok } from "../lib/result";
import { readRsxDocuments } from "./document-reader";
import { decodeInput, resolveLimits, type ReadLimits, type RsxFormat } from "./input-text";
import { readRsxJson } from "./json-reader";
import { productActivity852Schema, reportLineItemSchema, type ProductActivity852, type ReportLine } from "./product-activity-852";
import { issuesToReasons } from "./rsx-fields";
import { invalid, type RsxResult } from "./rsx-result";
import { isRsxObject, type RsxObject } from "./rsx-tree";
import { readRsxXml } from "./xml-reader";

export interface SegmentedReport {
  format: RsxFormat;
  /** The header and summary, validated; `lines` is empty (read them with `readReportLines`). */
  report: ProductActivity852;
  /** The header's own tree (hashing, the partner and period). */
  tree: RsxObject;
  lineCount: number;
  text: string;
  spans: [number, number][];
  maxDepth: number;
}

/** True when the file's start names an 852 (the cheap test before cutting it). */
function looksLikeProductActivity(text: string, format: RsxFormat): boolean {
  const head = text.slice(0, 4096);
  return format === "xml" ? /<ProductActivit(y|ies)[\s>]/.test(head) : head.includes('"ReportHeader"');
}

function xmlSpans(text: string): [number, number][] | undefined {
  if ((text.match(/<ProductActivity[\s>]/g) ?? []).length !== 1) return undefined;
  const spans: [number, number][] = [];
  const open = /<LineItem[\s>]/g;
  let m: RegExpExecArray | null;
  let from = 0;
  while ((m = open.exec(text)) !== null) {
    if (m.index < from) return undefined; // a LineItem inside a LineItem: not an 852 we cut
    const close = text.indexOf("</LineItem>", m.index);
    if (close < 0) return undefined;
    const end = close + "</LineItem>".length;
    if (text.slice(m.index + 1, close).includes("<LineItem>")) return undefined;
    spans.push([m.index, end]);
    from = end;
    open.lastIndex = end;
  }
  return spans;
}

/** The end of the JSON value starting at `i` (strings and nesting respected). */
function skipJsonValue(text: string, i: number): number {
  let depth = 0;
  let inString = false;
  for (let p = i; p < text.length; p++) {
    const ch = text.charCodeAt(p);
    if (inString) {
      if (ch === 92 /* \ */) p++;
      else if (ch === 34 /* " */) {
        inString = false;
        if (depth === 0) return p + 1;
      }
      continue;
    }
    if (ch === 34) inString = true;
    else if (ch === 123 || ch === 91) depth++;
    else if (ch === 125 || ch === 93) {
      depth--;
      if (depth === 0) return p + 1;
      if (depth < 0) return p;
    } else if (depth === 0 && (ch === 44 || ch === 32 || ch === 10 || ch === 13 || ch === 9)) return p;
  }
  return text.length;
}

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

/** The element spans of the one "LineItem" array, and the array's own span. */
function jsonSpans(text: string): { spans: [number, number][]; array: [number, number] } | undefined {
  let found: { spans: [number, number][]; array: [number, number] } | undefined;
  let inString = false;
  let stringStart = 0;
  for (let p = 0; p < text.length; p++) {
    const ch = text.charCodeAt(p);
    if (inString) {
      if (ch === 92) p++;
      else if (ch === 34) {
        inString = false;
        if (p - stringStart - 1 !== 8 || text.slice(stringStart + 1, p) !== "LineItem") continue;
        let q = p + 1;
        while (q < text.length && isSpace(text.charCodeAt(q))) q++;
        if (text[q] !== ":") continue;
        q++;
        while (q < text.length && isSpace(text.charCodeAt(q))) q++;
        if (text[q] !== "[") return undefined;
        if (found) return undefined; // two reports in one file
        const start = q;
        const spans: [number, number][] = [];
        q++;
        for (;;) {
          while (q < text.length && isSpace(text.charCodeAt(q))) q++;
          if (text[q] === "]") break;
          const end = skipJsonValue(text, q);
          if (end <= q) return undefined;
          spans.push([q, end]);
          q = end;
          while (q < text.length && isSpace(text.charCodeAt(q))) q++;
          if (text[q] === ",") q++;
          else if (text[q] !== "]") return undefined;
        }
        found = { spans, array: [start, q + 1] };
        p = q;
      }
      continue;
    }
    if (ch === 34) {
      inString = true;
      stringStart = p;
    }
  }
  return found;
}

/**
 * The 852 cut into header and line pieces; undefined when the file is not an 852 that cuts cleanly
 * (the caller then reads it whole), or the reasons it is invalid.
 */
export function splitProductActivity(bytes: Uint8Array, limits?: ReadLimits): RsxResult<SegmentedReport> | undefined {
  const { maxBytes, maxDepth } = resolveLimits(limits);
  // No whole-file value count: each piece is read with the readers' own bounds.
  const decoded = decodeInput(bytes, maxBytes, Number.POSITIVE_INFINITY);
  if (!decoded.ok) return undefined;
  const { text, format } = decoded.value;
  if (!looksLikeProductActivity(text, format)) return undefined;
  let spans: [number, number][] | undefined;
  let headerText: string;
  if (format === "xml") {
    spans = xmlSpans(text);
    if (!spans || spans.length === 0) return undefined;
    const parts: string[] = [];
    let at = 0;
    for (const [s, e] of spans) {
      parts.push(text.slice(at, s));
      at = e;
    }
    parts.push(text.slice(at));
    headerText = parts.join("");
  } else {
    const cut = jsonSpans(text);
    if (!cut || cut.spans.length === 0) return undefined;
    spans = cut.spans;
    headerText = `${text.slice(0, cut.array[0])}[]${text.slice(cut.array[1])}`;
  }
  const head = readRsxDocuments(new TextEncoder().encode(headerText), { maxBytes, maxDepth });
  if (!head.ok) return head;
  if (head.value.documentType !== "852" || head.value.documents.length !== 1) return undefined;
  const tree = head.value.documents[0]!;
  const parsed = productActivity852Schema.safeParse(tree);
  if (!parsed.success) return invalid(issuesToReasons(parsed.error.issues));
  return ok({ format, report: parsed.data, tree, lineCount: spans.length, text, spans, maxDepth });
}

/** Lines [from, to) read and validated; the reasons name the line (1-based) that failed. */
export function readReportLines(seg: SegmentedReport, from: number, to: number): RsxResult<ReportLine[]> {
  const out: ReportLine[] = [];
  for (let i = from; i < Math.min(to, seg.spans.length); i++) {
    const [s, e] = seg.spans[i]!;
    const piece = seg.text.slice(s, e);
    let tree: unknown;
    if (seg.format === "xml") {
      const read = readRsxXml(piece, seg.maxDepth);
      if (!read.ok) return invalid(read.error.reasons.map((r) => `Line item ${i + 1}: ${r}`));
      tree = read.value.root;
    } else {
      const read = readRsxJson(piece, seg.maxDepth);
      if (!read.ok) return invalid(read.error.reasons.map((r) => `Line item ${i + 1}: ${r}`));
      tree = read.value;
    }
    if (!isRsxObject(tree)) return invalid(`Line item ${i + 1} is not an object`);
    const parsed = reportLineItemSchema.safeParse(tree);
    if (!parsed.success) return invalid(issuesToReasons(parsed.error.issues, `Line item ${i + 1}: `));
    out.push(parsed.data);
  }
  return ok(out);
}
