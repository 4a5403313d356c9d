// Identifiers the simulators hand out: GUIDs (Acumatica `id`), opaque tokens, JWT-shaped tokens.
// Tokens need no signature anyone verifies: only the simulator that issued them checks them.

export function newGuid(): string {
  return crypto.randomUUID();
}

function base64url(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function randomToken(byteLength = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(byteLength)));
}

/** A token shaped like a JWT (header.payload.signature) carrying the given claims. */
export function jwtShapedToken(claims: Record<string, unknown>): string {
  const encode = (value: unknown) => base64url(new TextEncoder().encode(JSON.stringify(value)));
  return `${encode({ alg: "RS256", typ: "JWT", kid: "sandbox" })}.${encode(claims)}.${randomToken(32)}`;
}
