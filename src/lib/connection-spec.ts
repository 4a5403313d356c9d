// What every system (SPS and each ERP) declares about its connection: the PUT body, the stored
// settings (clear) and secrets (encrypted), which settings are tenant-supplied URLs, and the split
// of a validated body into the two. src/connections/systems.ts puts them in one table.
import { z } from "zod";

export interface ConnectionSpec<Input extends z.ZodType, Settings extends z.ZodType, Secrets extends z.ZodType> {
  /** The body of PUT /v1/tenants/:tenant/connections/<system>. */
  input: Input;
  /** The body's name in the OpenAPI document. */
  openapiName: string;
  settings: Settings;
  secrets: Secrets;
  /** Settings holding upstream URLs the tenant chose (checked by the URL guard before storing). */
  urlFields: readonly string[];
  /** Splits a validated body into stored settings and secrets, applying defaults. */
  split(input: z.infer<Input>): { settings: z.infer<Settings>; secrets: z.infer<Secrets> };
}

/** A connection as the clients and the TenantGate use it, secrets decrypted. */
export interface ConnectionOfSpec<System extends string, Settings, Secrets> {
  system: System;
  tenantId: string;
  settings: Settings;
  secrets: Secrets;
}

/** Text fields of connection bodies: trimmed, non-empty, bounded. */
export function boundedText(max: number) {
  return z.string().trim().min(1).max(max);
}
