// Credential encryption: round trip, tamper detection, tenant/system binding, key rotation.
import { describe, expect, it } from "vitest";
import { decryptSecrets, encryptSecrets, keyRing } from "../../src/lib/credentials-crypto";
import { base64UrlEncode } from "../../src/lib/encoding";

const newKey = () => base64UrlEncode(crypto.getRandomValues(new Uint8Array(32)));
const binding = { tenantId: "acme", system: "acumatica" };

describe("credential encryption", () => {
  it("round-trips and puts the key id, tenant and system in the protected header", async () => {
    const ring = await keyRing(newKey());
    const jwe = await encryptSecrets(ring, binding, { clientSecret: "s3cr3t-value", password: "pw-value-123" });
    expect(jwe).not.toContain("s3cr3t");
    const header = JSON.parse(atob(jwe.split(".")[0]!.replace(/-/g, "+").replace(/_/g, "/")));
    expect(header).toMatchObject({ alg: "dir", enc: "A256GCM", kid: ring.current.kid, tnt: "acme", sys: "acumatica" });
    const opened = await decryptSecrets(ring, binding, jwe);
    expect(opened.ok && opened.value.secrets).toEqual({ clientSecret: "s3cr3t-value", password: "pw-value-123" });
  });

  it("detects tampering with the ciphertext or the header", async () => {
    const ring = await keyRing(newKey());
    const jwe = await encryptSecrets(ring, binding, { clientSecret: "x".repeat(20) });
    const parts = jwe.split(".");
    const flip = (s: string) => (s[5] === "A" ? `${s.slice(0, 5)}B${s.slice(6)}` : `${s.slice(0, 5)}A${s.slice(6)}`);
    const tamperedCipher = [parts[0], parts[1], parts[2], flip(parts[3]!), parts[4]].join(".");
    expect((await decryptSecrets(ring, binding, tamperedCipher)).ok).toBe(false);
    const tamperedTag = [parts[0], parts[1], parts[2], parts[3], flip(parts[4]!)].join(".");
    expect((await decryptSecrets(ring, binding, tamperedTag)).ok).toBe(false);
    // Rewriting the header to name another tenant breaks the GCM tag (the header is the AAD).
    const header = JSON.parse(atob(parts[0]!.replace(/-/g, "+").replace(/_/g, "/")));
    const forged = base64UrlEncode(new TextEncoder().encode(JSON.stringify({ ...header, tnt: "evil" })));
    const forgedJwe = [forged, parts[1], parts[2], parts[3], parts[4]].join(".");
    const opened = await decryptSecrets(ring, { tenantId: "evil", system: "acumatica" }, forgedJwe);
    expect(opened.ok).toBe(false);
  });

  it("refuses a ciphertext copied to another tenant or system", async () => {
    const ring = await keyRing(newKey());
    const jwe = await encryptSecrets(ring, binding, { clientSecret: "abc-secret" });
    const otherTenant = await decryptSecrets(ring, { tenantId: "globex", system: "acumatica" }, jwe);
    expect(otherTenant).toEqual({ ok: false, error: { kind: "wrong_binding", expected: { tenantId: "globex", system: "acumatica" } } });
    const otherSystem = await decryptSecrets(ring, { tenantId: "acme", system: "sps" }, jwe);
    expect(otherSystem.ok).toBe(false);
  });

  it("decrypts with a previous key after rotation and reports that it should be re-encrypted", async () => {
    const oldKey = newKey();
    const oldRing = await keyRing(oldKey);
    const jwe = await encryptSecrets(oldRing, binding, { clientSecret: "old-secret" });
    const rotated = await keyRing(newKey(), oldKey);
    const opened = await decryptSecrets(rotated, binding, jwe);
    expect(opened.ok && opened.value).toMatchObject({ secrets: { clientSecret: "old-secret" }, rotated: true, kid: oldRing.current.kid });
    const withoutOld = await keyRing(newKey());
    expect(await decryptSecrets(withoutOld, binding, jwe)).toMatchObject({ ok: false, error: { kind: "unknown_key" } });
  });

  it("refuses a key that is not 32 bytes of base64url", async () => {
    await expect(keyRing("too-short")).rejects.toThrow(/32 random bytes/);
  });
});
