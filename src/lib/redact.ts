// Redaction of secrets, by key name and by value. Used by the logger, the audit writer and error
// replies, so no call site has to remember it.

const SECRET_KEY_PATTERN =
  /pass(word)?|secret|token|authorization|cookie|api[-_]?key|credential|private[-_]?key|signature|assertion/i;

/** Keys whose values are never secret even though the name matches (counts, expiries, names). */
const SAFE_KEYS = new Set(["tokenType", "token_type", "expiresIn", "expires_in", "secretFields", "tokenRequests"]);

const MAX_KNOWN = 2000;
const known = new Set<string>();

/** Registers a secret value (a decrypted password, an access token) so it is masked wherever it appears. */
export function registerSecret(value: string | undefined | null): void {
  if (!value || value.length < 6) return;
  if (known.has(value)) return;
  if (known.size >= MAX_KNOWN) {
    const oldest = known.values().next().value;
    if (oldest !== undefined) known.delete(oldest);
  }
  known.add(value);
}

/** The registered secret values, for the test suite's leak scan only (a copy: it cannot register or remove). */
export function knownSecretsForTests(): string[] {
  return [...known];
}

export const REDACTED = "[redacted]";

export function isSecretKey(key: string): boolean {
  return !SAFE_KEYS.has(key) && SECRET_KEY_PATTERN.test(key);
}

/** Masks every registered secret value inside a string, and bearer/basic credentials. */
export function redactString(text: string): string {
  let out = text;
  for (const secret of known) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  return out.replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g, `$1 ${REDACTED}`);
}

/** A deep copy of `value` with secret-named keys and registered secret values masked. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 12) return "[truncated]";
  if (typeof value === "string") return redactString(value);
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Error) {
    return { name: value.name, message: redactString(value.message) };
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = isSecretKey(k) && v !== null && v !== undefined && v !== "" && typeof v !== "boolean" ? REDACTED : redact(v, depth + 1);
  }
  return out;
}
