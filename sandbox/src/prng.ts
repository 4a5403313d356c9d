// Deterministic randomness for fault injection and generated identifiers: mulberry32 seeded from a
// number or a string, so the same seed and the same request sequence give the same faults.

export type Random = () => number;

/** mulberry32: a tiny, well-distributed 32-bit generator returning floats in [0, 1). */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over the UTF-16 code units of a string (used to turn string seeds into numbers). */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

export function seededRandom(seed: number | string): Random {
  return mulberry32(typeof seed === "number" ? seed : fnv1a(seed));
}
