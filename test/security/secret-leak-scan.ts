// The suite-wide secret leak scan (secrets never travel: not in logs, audit rows, API answers or queue messages). Every test file collects
// the connector's log lines, the API replies the `api()` helper saw and the secrets the tests sent;
// after the file, every secret value the connector knows is searched for in those, in the free-text
// columns of D1 and in any queue bodies a test recorded. A finding names the secret's origin and where
// it was found, with the secret itself masked.
import { setLogSink, type LogLevel } from "../../src/lib/log";
import { isSecretKey, knownSecretsForTests } from "../../src/lib/redact";

/** The same floor as the redactor's registry: shorter values cannot be told apart from ordinary text. */
const MIN_SECRET_LENGTH = 6;
const MASK = "[SECRET]";

/** Secret value → where the test suite learnt it (never the value itself). */
const noted = new Map<string, string>();
/** Text the connector produced during this file, with where it came from. */
const seen: { where: string; text: string }[] = [];
let logLines = 0;

export function noteSecret(value: unknown, origin: string): void {
  if (typeof value !== "string" || value.length < MIN_SECRET_LENGTH || noted.has(value)) return;
  noted.set(value, origin);
}

/** Notes every string under a secret-looking key (clientSecret, password, …) of a request body. */
export function noteSecretsInBody(body: unknown, origin: string, depth = 0): void {
  if (depth > 8 || body === null || typeof body !== "object") return;
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === "string" && isSecretKey(key)) noteSecret(value, `request body field "${key}" of ${origin}`);
    else noteSecretsInBody(value, origin, depth + 1);
  }
}

/** Records text the connector produced (an API reply, a queue body) for the scan after the file. */
export function recordProduced(where: string, text: string): void {
  seen.push({ where, text });
}

/** Collects every connector log line from now on; warnings and errors are still printed. */
export function collectLogLines(): void {
  setLogSink((line: string, level: LogLevel) => {
    logLines += 1;
    let msg = "";
    try {
      msg = String((JSON.parse(line) as { msg?: unknown }).msg ?? "");
    } catch {
      // not JSON: keep the line anyway
    }
    seen.push({ where: `log line ${logLines} (${level}${msg ? `, "${msg.slice(0, 60)}"` : ""})`, text: line });
    if (level === "error") console.error(line);
    else if (level === "warn") console.warn(line);
  });
}

function knownSecrets(env: Record<string, unknown>): Map<string, string> {
  const all = new Map<string, string>();
  const add = (value: unknown, origin: string) => {
    if (typeof value === "string" && value.length >= MIN_SECRET_LENGTH && !all.has(value)) all.set(value, origin);
  };
  for (const value of knownSecretsForTests()) add(value, "a value registered with the redactor (a decrypted connection secret or an issued token)");
  for (const [value, origin] of noted) add(value, origin);
  add(env.API_SIGNING_KEY, "env.API_SIGNING_KEY");
  add(env.CREDENTIALS_KEY, "env.CREDENTIALS_KEY");
  if (typeof env.CREDENTIALS_KEY_PREVIOUS === "string") {
    for (const part of env.CREDENTIALS_KEY_PREVIOUS.split(/[\s,:{}"]+/)) add(part.length >= 32 ? part : undefined, "env.CREDENTIALS_KEY_PREVIOUS");
  }
  return all;
}

function masked(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join(MASK);
  return out;
}

function scanText(where: string, text: string, secrets: Map<string, string>, findings: string[]): void {
  for (const [secret, origin] of secrets) {
    const at = text.indexOf(secret);
    if (at < 0) continue;
    // The text around the hit and the labels, with every known secret masked before cutting (so no
    // part of another secret shows at the edges): safe to print.
    const whole = masked(text, secrets.keys());
    const hit = masked(text.slice(0, at), secrets.keys()).length;
    const around = JSON.stringify(whole.slice(Math.max(0, hit - 60), hit + MASK.length + 60));
    findings.push(masked(`${origin} (${secret.length} chars) appears in ${where}: `, secrets.keys()) + around);
  }
}

/** Text columns of every connector table (new tables and columns are scanned without a change here). */
async function scanD1(db: D1Database, secrets: Map<string, string>, findings: string[]): Promise<void> {
  const tables = await db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'd1_%'")
    .all<{ name: string }>();
  for (const { name } of tables.results) {
    const rows = await db.prepare(`SELECT * FROM "${name.replace(/"/g, '""')}"`).all<Record<string, unknown>>();
    rows.results.forEach((row, index) => {
      const key = row.id ?? row.document_id ?? row.tenant_id ?? `#${index + 1}`;
      for (const [column, value] of Object.entries(row)) {
        if (typeof value === "string") scanText(`D1 ${name}.${column} (row ${String(key)})`, value, secrets, findings);
      }
    });
  }
}

/** Findings of the given secrets (value → origin) in the given texts; pure, for the scan's own test. */
export function findingsIn(places: { where: string; text: string }[], secrets: Map<string, string>): string[] {
  const findings: string[] = [];
  for (const { where, text } of places) scanText(where, text, secrets, findings);
  return findings;
}

/** Every finding of this file; empty when nothing leaked. */
export async function findSecretLeaks(env: Record<string, unknown> & { DB: D1Database }): Promise<string[]> {
  const secrets = knownSecrets(env);
  const findings: string[] = [];
  if (secrets.size === 0) return findings;
  for (const { where, text } of seen) scanText(where, text, secrets, findings);
  await scanD1(env.DB, secrets, findings);
  return findings;
}

/** For the scan's own test: whether the scan after the file will look for this value. */
export function willScanFor(env: Record<string, unknown>, value: string): boolean {
  return knownSecrets(env).has(value);
}

/** For the scan's own test: how much it has to work with. */
export function scanInventory(env: Record<string, unknown>): { secrets: number; produced: number; logLines: number } {
  return { secrets: knownSecrets(env).size, produced: seen.length, logLines };
}
