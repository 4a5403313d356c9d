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

export function decodeInput(bytes: Uint8Array, maxBytes: number): RsxResult<DecodedInput> {
  if (bytes.byteLength > maxBytes) {
    return invalid(`The file is ${bytes.byteLength} bytes; the limit is ${maxBytes} bytes.`);
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
  if (first === "{" || first === "[") return ok({ text, format: "json" });
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
