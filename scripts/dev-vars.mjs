// Reads and creates .dev.vars (local secrets for `wrangler dev`). Never committed (.gitignore).
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";

export const DEV_VARS = resolve(import.meta.dirname, "..", ".dev.vars");

export function readDevVars() {
  if (!existsSync(DEV_VARS)) return undefined;
  const vars = {};
  for (const line of readFileSync(DEV_VARS, "utf8").split(/\r?\n/)) {
    const m = /^\s*([A-Z0-9_]+)\s*=\s*"?(.*?)"?\s*$/.exec(line);
    if (m) vars[m[1]] = m[2];
  }
  return vars;
}

/** Creates .dev.vars with fresh random keys if it does not exist; returns its values. */
export function ensureDevVars() {
  const existing = readDevVars();
  if (existing?.API_SIGNING_KEY && existing?.CREDENTIALS_KEY) return { vars: existing, created: false };
  const vars = {
    API_SIGNING_KEY: randomBytes(32).toString("base64url"),
    CREDENTIALS_KEY: randomBytes(32).toString("base64url"),
  };
  writeFileSync(
    DEV_VARS,
    [
      "# Local secrets for `wrangler dev`, created by `npm start`. Never commit this file.",
      `API_SIGNING_KEY="${vars.API_SIGNING_KEY}"`,
      `CREDENTIALS_KEY="${vars.CREDENTIALS_KEY}"`,
      "",
    ].join("\n"),
    { mode: 0o600 },
  );
  return { vars, created: true };
}
