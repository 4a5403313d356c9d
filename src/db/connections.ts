// Connection rows: upsert with encrypted secrets, views without secrets, and decrypted loads for
// the TenantGate and the clients.
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { parseStoredConnection, type Connection, type ConnectionOf, type ConnectionSystem } from "../connections/systems";
import { decryptSecrets, encryptSecrets, keyRing } from "../lib/credentials-crypto";
import { ConnectorError } from "../lib/errors";
import { registerSecret } from "../lib/redact";
import type { Db } from "./client";
import { readJson } from "./json-column";
import { connections } from "./schema";

export interface CryptoEnv {
  CREDENTIALS_KEY: string;
  CREDENTIALS_KEY_PREVIOUS?: string | undefined;
}

export interface ConnectionView {
  system: ConnectionSystem;
  settings: Record<string, unknown>;
  /** Which secret fields are stored (values are never returned). */
  secretsSet: string[];
  status: "unknown" | "ok" | "broken";
  statusMessage: string | null;
  checkedAt: string | null;
  updatedAt: string;
}

const StringList = z.array(z.string());

function toView(row: typeof connections.$inferSelect): ConnectionView {
  return {
    system: row.system,
    settings: readJson(z.record(z.string(), z.unknown()), row.settings, {}),
    secretsSet: readJson(StringList, row.secretFields, []),
    status: row.status,
    statusMessage: row.statusMessage,
    checkedAt: row.checkedAt === null ? null : new Date(row.checkedAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

export async function upsertConnection(
  db: Db,
  cryptoEnv: CryptoEnv,
  tenantId: string,
  system: ConnectionSystem,
  settings: Record<string, unknown>,
  secrets: Record<string, string>,
  nowMs: number,
): Promise<ConnectionView> {
  const ring = await keyRing(cryptoEnv.CREDENTIALS_KEY, cryptoEnv.CREDENTIALS_KEY_PREVIOUS);
  const jwe = await encryptSecrets(ring, { tenantId, system }, secrets);
  const values = {
    tenantId,
    system,
    settings: JSON.stringify(settings),
    secrets: jwe,
    secretFields: JSON.stringify(Object.keys(secrets).sort()),
    status: "unknown" as const,
    statusMessage: null,
    checkedAt: null,
    updatedAt: nowMs,
  };
  const row = await db
    .insert(connections)
    .values({ ...values, createdAt: nowMs })
    .onConflictDoUpdate({ target: [connections.tenantId, connections.system], set: values })
    .returning()
    .get();
  return toView(row);
}

export async function listConnectionViews(db: Db, tenantId: string): Promise<ConnectionView[]> {
  const rows = await db.select().from(connections).where(eq(connections.tenantId, tenantId)).all();
  return rows.map(toView);
}

export async function setConnectionStatus(
  db: Db,
  tenantId: string,
  system: ConnectionSystem,
  status: "ok" | "broken",
  message: string | null,
  nowMs: number,
): Promise<void> {
  await db
    .update(connections)
    .set({ status, statusMessage: message, checkedAt: nowMs })
    .where(and(eq(connections.tenantId, tenantId), eq(connections.system, system)))
    .run();
}

/**
 * Merges `patch` into a connection's stored settings (a change the connector itself makes, e.g. D365
 * orderWrite falling back to "two-step"); secrets and status stay as they are.
 */
export async function patchConnectionSettings(db: Db, tenantId: string, system: ConnectionSystem, patch: Record<string, unknown>, nowMs: number): Promise<void> {
  const where = and(eq(connections.tenantId, tenantId), eq(connections.system, system));
  const row = await db.select({ settings: connections.settings }).from(connections).where(where).get();
  if (!row) return;
  const settings = { ...readJson(z.record(z.string(), z.unknown()), row.settings, {}), ...patch };
  await db.update(connections).set({ settings: JSON.stringify(settings), updatedAt: nowMs }).where(where).run();
}

/**
 * The connection with its secrets decrypted, or a `config` error an operator can act on. Decrypted
 * secret values are registered with the redactor so they never reach a log line or audit row.
 */
export async function loadConnection<S extends ConnectionSystem>(
  db: Db,
  cryptoEnv: CryptoEnv,
  tenantId: string,
  system: S,
): Promise<ConnectionOf<S>> {
  const row = await db
    .select()
    .from(connections)
    .where(and(eq(connections.tenantId, tenantId), eq(connections.system, system)))
    .get();
  if (!row) {
    throw new ConnectorError("config", `Tenant ${tenantId} has no ${system} connection; PUT /v1/tenants/${tenantId}/connections/${system} first`);
  }
  const ring = await keyRing(cryptoEnv.CREDENTIALS_KEY, cryptoEnv.CREDENTIALS_KEY_PREVIOUS);
  const opened = await decryptSecrets(ring, { tenantId, system }, row.secrets);
  if (!opened.ok) {
    const why =
      opened.error.kind === "unknown_key"
        ? "was encrypted with a key this deployment does not have (set CREDENTIALS_KEY_PREVIOUS to the old key)"
        : opened.error.kind === "wrong_binding"
          ? "belongs to another tenant or system"
          : "is corrupt";
    throw new ConnectorError("config", `The stored ${system} credentials of tenant ${tenantId} ${why}; PUT the connection again`);
  }
  for (const value of Object.values(opened.value.secrets)) registerSecret(value);
  const connection: Connection = parseStoredConnection(system, tenantId, row.settings, opened.value.secrets);
  return connection as ConnectionOf<S>;
}
