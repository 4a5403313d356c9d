// Encryption of stored connection secrets: compact JWE, alg "dir" + enc "A256GCM" (jose), with the
// key id, tenant id and system in the protected header. The header is authenticated by GCM, so a
// ciphertext copied to another tenant or system fails to open.
import { CompactEncrypt, compactDecrypt, decodeProtectedHeader } from "jose";
import { base64UrlDecode, base64UrlEncode, utf8 } from "./encoding";
import { err, ok, type Result } from "./result";

export interface KeyRing {
  current: { kid: string; key: Uint8Array };
  /** Every key that may open a ciphertext, current included, by kid. */
  all: Map<string, Uint8Array>;
}

async function kidOf(key: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", key));
  return base64UrlEncode(digest).slice(0, 10);
}

function parseKey(text: string, name: string): Uint8Array {
  const key = base64UrlDecode(text.trim());
  if (!key || key.byteLength !== 32) {
    throw new Error(`${name} must be the base64url encoding of exactly 32 random bytes`);
  }
  return key;
}

const rings = new Map<string, Promise<KeyRing>>();

/**
 * The key ring from the secrets: CREDENTIALS_KEY (current) and CREDENTIALS_KEY_PREVIOUS (optional,
 * comma-separated retired keys, kept only for decryption). Key ids are derived from the key bytes.
 */
export function keyRing(current: string, previous?: string): Promise<KeyRing> {
  const cacheKey = `${current}|${previous ?? ""}`;
  let ring = rings.get(cacheKey);
  if (!ring) {
    ring = (async () => {
      const key = parseKey(current, "CREDENTIALS_KEY");
      const kid = await kidOf(key);
      const all = new Map<string, Uint8Array>([[kid, key]]);
      for (const [i, text] of (previous ?? "").split(",").entries()) {
        if (!text.trim()) continue;
        const old = parseKey(text, `CREDENTIALS_KEY_PREVIOUS[${i}]`);
        all.set(await kidOf(old), old);
      }
      return { current: { kid, key }, all };
    })();
    ring.catch(() => rings.delete(cacheKey));
    rings.set(cacheKey, ring);
  }
  return ring;
}

export interface SecretBinding {
  tenantId: string;
  system: string;
}

export async function encryptSecrets(ring: KeyRing, binding: SecretBinding, secrets: Record<string, string>): Promise<string> {
  return new CompactEncrypt(utf8.encode(JSON.stringify(secrets)))
    .setProtectedHeader({ alg: "dir", enc: "A256GCM", kid: ring.current.kid, tnt: binding.tenantId, sys: binding.system })
    .encrypt(ring.current.key);
}

export type DecryptFailure =
  | { kind: "unknown_key"; kid: string | undefined }
  | { kind: "wrong_binding"; expected: SecretBinding }
  | { kind: "corrupt" };

/** Opens a ciphertext made by encryptSecrets for exactly this tenant and system. */
export async function decryptSecrets(
  ring: KeyRing,
  binding: SecretBinding,
  jwe: string,
): Promise<Result<{ secrets: Record<string, string>; kid: string; rotated: boolean }, DecryptFailure>> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(jwe);
  } catch {
    return err({ kind: "corrupt" });
  }
  const kid = typeof header.kid === "string" ? header.kid : undefined;
  const key = kid ? ring.all.get(kid) : undefined;
  if (!kid || !key) return err({ kind: "unknown_key", kid });
  if (header.tnt !== binding.tenantId || header.sys !== binding.system) {
    return err({ kind: "wrong_binding", expected: binding });
  }
  try {
    const { plaintext, protectedHeader } = await compactDecrypt(jwe, key, {
      keyManagementAlgorithms: ["dir"],
      contentEncryptionAlgorithms: ["A256GCM"],
    });
    // The header was authenticated by GCM; check the binding on what was actually decrypted.
    if (protectedHeader.tnt !== binding.tenantId || protectedHeader.sys !== binding.system) {
      return err({ kind: "wrong_binding", expected: binding });
    }
    const parsed: unknown = JSON.parse(new TextDecoder().decode(plaintext));
    if (!parsed || typeof parsed !== "object") return err({ kind: "corrupt" });
    const secrets: Record<string, string> = {};
    for (const [k, v] of Object.entries(parsed)) if (typeof v === "string") secrets[k] = v;
    return ok({ secrets, kid, rotated: kid !== ring.current.kid });
  } catch {
    return err({ kind: "corrupt" });
  }
}
