// Turns the raw bytes of a mailbox file into text and says whether it is XML or JSON, refusing what is
// too large, not UTF-8, or neither format. Content decides the format, never the file name (design.md §4).
import { ok } from "../lib/result";
import { invalid, type RsxResult } from "./rsx-result";

export type RsxFormat = "xml" | "json";

/** Limits a caller may tighten; the defaults suit one SPS mailbox file (limits-and-costs.md: POs are 10 KB–5 MB). */
export interface ReadLimits {
  /** Largest accepted file in bytes. Default 20 MB. */
  maxBytes?: number;
  /** Deepest accepted element (XML) or object (JSON) nesting. Default 64; RSX needs about 12. */
  maxDepth?: number;
}

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
export const DEFAULT_MAX_DEPTH = 64;
/**
 * Most elements (XML) or values (JSON) read from one file, whatever its size or shape. Measured with
 * the mailbox intake under a 128 MB heap (the isolate limit, limits-and-costs.md §1): a 15 MB file of
 * ~540k small elements runs out of memory, 300k–400k still fit; 150k leaves the rest of the
 * invocation its room and admits a 2,000-line PO (limits-and-costs.md §4; about 70k elements at the
 * demo fixtures' ~35 per line).
 */
export const DEFAULT_MAX_ELEMENTS = 150_000;

export interface DecodedInput {
  text: string;
  format: RsxFormat;
}

export function resolveLimits(limits: ReadLimits | undefined): Required<ReadLimits> {
  return {
    maxBytes: limits?.maxBytes ?? DEFAULT_MAX_BYTES,
    maxDepth: limits?.maxDepth ?? DEFAULT_MAX_DEPTH,
  };
}

// fatal: invalid UTF-8 is an error, never U+FFFD. ignoreBOM: we strip one BOM ourselves (several SPS
// sample files start with one, sps-commerce.md §4 item 8); a second one then fails as stray text.
const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

// Compressed and archived files, by their magic bytes: refused unread, never inflated (a "zip bomb"
// named .xml is just an unreadable file here).
const PACKED_FORMATS: { magic: number[]; what: string }[] = [
  { magic: [0x1f, 0x8b], what: "gzip-compressed" },
  { magic: [0x50, 0x4b, 0x03, 0x04], what: "a ZIP archive" },
  { magic: [0x28, 0xb5, 0x2f, 0xfd], what: "zstd-compressed" },
  { magic: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], what: "xz-compressed" },
  { magic: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: "a 7-Zip archive" },
];

function packedFormat(bytes: Uint8Array): string | undefined {
  return PACKED_FORMATS.find(({ magic }) => magic.every((b, i) => bytes[i] === b))?.what;
}

export function decodeInput(bytes: Uint8Array, maxBytes: number, maxElements = DEFAULT_MAX_ELEMENTS): RsxResult<DecodedInput> {
  if (bytes.byteLength > maxBytes) {
    return invalid(`The file is ${bytes.byteLength} bytes; the limit is ${maxBytes} bytes.`);
  }
  const packed = packedFormat(bytes);
  if (packed !== undefined) {
    return invalid(`The file is ${packed}, not text; RSX files must be plain UTF-8 XML or JSON (the connector does not decompress inbound files).`);
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return invalid("The file is UTF-16 encoded; RSX files must be UTF-8.");
  }
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  let text: string;
  try {
    text = strictUtf8.decode(body);
  } catch {
    const at = firstInvalidUtf8Offset(body);
    return invalid(`The file is not valid UTF-8 text (first bad byte at offset ${at + (body === bytes ? 0 : 3)}).`);
  }
  const start = text.search(/\S/);
  if (start < 0) return invalid("The file is empty.");
  const first = text[start];
  if (first === "<") return ok({ text, format: "xml" });
  if (first === "{" || first === "[") {
    // Counted before JSON.parse, which would build the whole object graph first.
    const values = countJsonValues(text, start, maxElements);
    if (values > maxElements) return invalid(tooManyElements("values", maxElements));
    return ok({ text, format: "json" });
  }
  return invalid(`The file is neither XML nor JSON: it starts with ${JSON.stringify(text.slice(start, start + 20))}.`);
}

/** Offset of the first byte that breaks UTF-8, so an operator can find it with a hex viewer. */
function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    // Overlong forms, surrogates and code points above U+10FFFF.
    const second = bytes[i + 1] ?? 0;
    if ((b === 0xe0 && second < 0xa0) || (b === 0xed && second > 0x9f)) return i;
    if ((b === 0xf0 && second < 0x90) || (b === 0xf4 && second > 0x8f)) return i;
    i += need + 1;
  }
  return bytes.length;
}

/** The reason for a file with more elements than a Worker can hold parsed (shared with the XML reader). */
export function tooManyElements(what: "elements" | "values", limit: number): string {
  return `The file has more than ${limit} ${what}, more than the connector reads from one file; ask the trading partner to split it.`;
}

/** Upper bound of the number of JSON values (one per "{", "[" or "," outside strings), stopping past `limit`. */
function countJsonValues(text: string, from: number, limit: number): number {
  let count = 1;
  let inString = false;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b || c === 0x2c) {
      if (++count > limit) return count;
    }
  }
  return count;
}
