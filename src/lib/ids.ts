// Sortable ids (ULID layout: 48-bit time + 80 random bits, Crockford base32) for documents.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A 26-character id that sorts by creation time; `prefix_` is prepended when given. */
export function newId(prefix?: string, nowMs: number = Date.now()): string {
  let time = "";
  let t = nowMs;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let rand = "";
  for (let i = 0; i < 16; i++) rand += ALPHABET[bytes[i]! % 32];
  const id = time + rand;
  return prefix ? `${prefix}_${id}` : id;
}
