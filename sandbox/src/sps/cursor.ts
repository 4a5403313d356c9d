// Opaque listing cursors. sps-commerce.md 2.3 / 4.13: real cursors may contain "/", "+" and "=",
// so clients must URL-encode them (S7's fixture cursor is `opaque/+==`). The sandbox's cursors
// always contain all three, and carry a checksum so a mangled cursor is refused (400), which is how
// a client that forgets to encode it finds out.
import { fnv1a } from "../prng";

export interface CursorState {
  clientId: string;
  /** Directory being listed ("out/"). */
  dir: string;
  /** Name of the last entry already served; the next page starts after it. */
  after: string;
  /** entryNamePrefix of the listing. */
  prefix: string;
}

const CHECKSUM_SALT = "sps-sandbox-cursor";

function checksum(payload: string): string {
  return fnv1a(CHECKSUM_SALT + payload).toString(16).padStart(8, "0");
}

function toBase64(text: string): string {
  let binary = "";
  for (const b of new TextEncoder().encode(text)) binary += String.fromCharCode(b);
  return btoa(binary);
}

function fromBase64(b64: string): string {
  const binary = atob(b64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
}

/** `v1/<standard base64 ending in "==">+<checksum>`: always holds "/", "+" and "=". */
export function encodeCursor(state: CursorState): string {
  const body = { v: 1, c: state.clientId, d: state.dir, a: state.after, p: state.prefix, f: "" };
  let json = JSON.stringify(body);
  // Pad the JSON to a length ≡ 1 (mod 3) bytes so the base64 ends with "==".
  while (new TextEncoder().encode(json).length % 3 !== 1) {
    body.f += "~";
    json = JSON.stringify(body);
  }
  const b64 = toBase64(json);
  return `v1/${b64}+${checksum(b64)}`;
}

export function decodeCursor(cursor: string): CursorState | undefined {
  const match = /^v1\/([A-Za-z0-9+/]+={0,2})\+([0-9a-f]{8})$/.exec(cursor);
  if (!match) return undefined;
  const [, b64, sum] = match;
  if (b64 === undefined || sum !== checksum(b64)) return undefined;
  try {
    const body: unknown = JSON.parse(fromBase64(b64));
    if (typeof body !== "object" || body === null) return undefined;
    const { v, c, d, a, p } = body as Record<string, unknown>;
    if (v !== 1 || typeof c !== "string" || typeof d !== "string" || typeof a !== "string" || typeof p !== "string") {
      return undefined;
    }
    return { clientId: c, dir: d, after: a, prefix: p };
  } catch {
    return undefined;
  }
}
