// Every system a tenant connects to: SPS Commerce and its one ERP. The connection specs come from
// sps/connection.ts and the ERP profile table (erp/profiles.ts); nothing here names an ERP.
import type { z } from "zod";
import { ERP_KINDS, ERP_PROFILES, type ErpKind } from "../erp/profiles";
import type { ConnectionOfSpec } from "../lib/connection-spec";
import type { TokenSource } from "../lib/token-source";
import { spsTokenSource } from "../sps/auth";
import { spsConnection } from "../sps/connection";

const CONNECTIONS = {
  sps: spsConnection,
  ...(Object.fromEntries(ERP_KINDS.map((erp) => [erp, ERP_PROFILES[erp].connection])) as { [K in ErpKind]: (typeof ERP_PROFILES)[K]["connection"] }),
};

type Specs = typeof CONNECTIONS;
export type ConnectionSystem = keyof Specs;
export const SYSTEMS = ["sps", ...ERP_KINDS] as [ConnectionSystem, ...ConnectionSystem[]];

/** A connection as the clients and the TenantGate use it, secrets decrypted. */
export type ConnectionOf<S extends ConnectionSystem> = S extends ConnectionSystem ? ConnectionOfSpec<S, z.infer<Specs[S]["settings"]>, z.infer<Specs[S]["secrets"]>> : never;
export type Connection = ConnectionOf<ConnectionSystem>;

/** Token endpoints that are not the connected system itself (Entra ID for F&O), named in their errors. */
export type TokenAuthority = { [K in ErpKind]: (typeof ERP_PROFILES)[K] extends { tokenAuthority: infer A } ? A : never }[ErpKind];

interface LooseSpec {
  input: z.ZodType<Record<string, unknown>>;
  openapiName: string;
  settings: z.ZodType<Record<string, unknown>>;
  secrets: z.ZodType<Record<string, string>>;
  urlFields: readonly string[];
  split(input: Record<string, unknown>): { settings: Record<string, unknown>; secrets: Record<string, string> };
}

/** The connection spec of a system, typed loosely for code that treats every system the same way. */
export function connectionSpec(system: ConnectionSystem): LooseSpec {
  return CONNECTIONS[system] as unknown as LooseSpec;
}

/** The token source of each system (the TenantGate's only per-system knowledge). */
export function tokenSourceOf(system: ConnectionSystem): TokenSource<Connection> {
  return (system === "sps" ? spsTokenSource : ERP_PROFILES[system].tokenSource) as unknown as TokenSource<Connection>;
}

/** Splits a validated request body into stored settings and secrets, applying defaults. */
export function splitConnectionInput(system: ConnectionSystem, input: Record<string, unknown>): { settings: Record<string, unknown>; secrets: Record<string, string> } {
  return connectionSpec(system).split(input);
}

/** Parses a stored row back into a typed Connection (zod at the D1 boundary). */
export function parseStoredConnection(system: ConnectionSystem, tenantId: string, settingsJson: string, secrets: Record<string, string>): Connection {
  const spec = connectionSpec(system);
  return { system, tenantId, settings: spec.settings.parse(JSON.parse(settingsJson)), secrets: spec.secrets.parse(secrets) } as Connection;
}
