// Per test file: applies the D1 migrations (storage is isolated per file), collects the connector's
// log lines, and after the file fails it if any secret the connector knows leaked into a log line, an
// API reply, a D1 row or a recorded queue body (test/security/secret-leak-scan.ts).
import { applyD1Migrations, env } from "cloudflare:test";
import { afterAll } from "vitest";
import { collectLogLines, findSecretLeaks } from "../security/secret-leak-scan";

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);

collectLogLines();

afterAll(async () => {
  const findings = await findSecretLeaks(env as unknown as Record<string, unknown> & { DB: D1Database });
  if (findings.length > 0) {
    throw new Error(`Secret leak scan: ${findings.length} secret value(s) found where none may be:\n- ${findings.slice(0, 20).join("\n- ")}`);
  }
});
