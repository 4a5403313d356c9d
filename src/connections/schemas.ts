// What a tenant may store per connection (sps, acumatica, dynamics): the request bodies, and their
// split into non-secret settings (clear JSON) and secrets (encrypted). Defaults for the real hosts
// come from ../../docs (design.md section 4) and the fact sheets cited below.
import { z } from "zod";

/** SPS defaults: reference/sps-commerce.md section 0 (token URL, API base, audience). */
export const SPS_DEFAULTS = {
  apiUrl: "https://api.spscommerce.com",
  authUrl: "https://auth.spscommerce.com/oauth/token",
  /** Current Dev Center audience; `api://api.spscommerce.com/` is the legacy value (sps-commerce.md 1.1). */
  audience: "https://spscommerce.com",
  inboundPath: "out/",
  outboundPath: "in/",
} as const;

/** Acumatica defaults: reference/acumatica.md sections 1 and 2a. */
export const ACUMATICA_DEFAULTS = {
  endpointName: "Default",
  orderType: "SO",
  /** Licence limits are per customer and unpublished (acumatica.md section 5); 50/min is the guide's example. */
  requestsPerMinute: 50,
} as const;

/** Entra ID authority: reference/dynamics-365-fo.md section 1. */
export const DYNAMICS_DEFAULTS = {
  authorityUrl: "https://login.microsoftonline.com",
  /** No fixed published limit on current F&O builds (limits-and-costs.md 2.2); start low, adapt on 429. */
  requestsPerMinute: 300,
} as const;

/**
 * The per-tenant secret F&O's HTTPS business-event endpoint presents to POST /v1/hooks/dynamics/:tenant
 * (as `Authorization: Bearer <secret>`, or `?code=<secret>` when only a URL can be configured). How F&O
 * authenticates to an HTTPS endpoint is unknown (dynamics-365-fo.md §6), so the connector owns the secret.
 */
const webhookSecret = z.string().trim().min(24, "at least 24 characters").max(500);

const text = (max: number) => z.string().trim().min(1).max(max);
const mailboxPath = z
  .string()
  .trim()
  .max(200)
  .regex(/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*\/$/, "a relative directory path ending in '/', e.g. out/ or out/PO/");

export const SpsConnectionInput = z
  .object({
    clientId: text(200),
    clientSecret: text(500),
    audience: text(200).optional(),
    apiUrl: z.string().trim().max(500).optional(),
    authUrl: z.string().trim().max(500).optional(),
    inboundPath: mailboxPath.optional(),
    outboundPath: mailboxPath.optional(),
    deleteAfterRetrieval: z.boolean().optional(),
    /** Mailbox folders used for partners in `testing` status when the account has them. */
    testInboundPath: mailboxPath.optional(),
    testOutboundPath: mailboxPath.optional(),
  })
  .strict();

export const AcumaticaConnectionInput = z
  .object({
    instanceUrl: z.string().trim().max(500),
    endpointName: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_]{1,64}$/, "letters, digits and underscores")
      .optional(),
    endpointVersion: z
      .string()
      .trim()
      .regex(/^\d+\.\d+\.\d+$/, "a version like 24.200.001"),
    clientId: text(200),
    clientSecret: text(500),
    username: text(200),
    password: text(500),
    orderType: z
      .string()
      .trim()
      .regex(/^[A-Z0-9]{1,4}$/, "an order type code such as SO")
      .optional(),
    requestsPerMinute: z.number().int().min(1).max(100_000).optional(),
  })
  .strict();

export const DynamicsConnectionInput = z
  .object({
    environmentUrl: z.string().trim().max(500),
    entraTenantId: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9.-]{1,100}$/, "a tenant GUID or domain"),
    clientId: text(200),
    clientSecret: text(500),
    authorityUrl: z.string().trim().max(500).optional(),
    requestsPerMinute: z.number().int().min(1).max(100_000).optional(),
    webhookSecret: webhookSecret.optional(),
    /** Timeout of a data call to a warm environment (ms; default 60 s). */
    timeoutMs: z.number().int().min(1_000).max(600_000).optional(),
    /** Timeout of the first call after idle, when F&O may be warming up (ms; default 180 s; dynamics-365-fo.md §8 gotcha 9). */
    coldStartTimeoutMs: z.number().int().min(1_000).max(600_000).optional(),
  })
  .strict();

export type SpsConnectionInput = z.infer<typeof SpsConnectionInput>;
export type AcumaticaConnectionInput = z.infer<typeof AcumaticaConnectionInput>;
export type DynamicsConnectionInput = z.infer<typeof DynamicsConnectionInput>;

// Stored settings (clear) and secrets (encrypted). Read back from D1 through these schemas.
export const SpsSettings = z.object({
  clientId: z.string(),
  audience: z.string(),
  apiUrl: z.string(),
  authUrl: z.string(),
  inboundPath: z.string(),
  outboundPath: z.string(),
  deleteAfterRetrieval: z.boolean(),
  testInboundPath: z.string().optional(),
  testOutboundPath: z.string().optional(),
});
export const SpsSecrets = z.object({ clientSecret: z.string() });

export const AcumaticaSettings = z.object({
  instanceUrl: z.string(),
  endpointName: z.string(),
  endpointVersion: z.string(),
  clientId: z.string(),
  username: z.string(),
  orderType: z.string(),
  requestsPerMinute: z.number(),
});
export const AcumaticaSecrets = z.object({ clientSecret: z.string(), password: z.string() });

export const DynamicsSettings = z.object({
  environmentUrl: z.string(),
  entraTenantId: z.string(),
  clientId: z.string(),
  authorityUrl: z.string(),
  requestsPerMinute: z.number(),
  timeoutMs: z.number().optional(),
  coldStartTimeoutMs: z.number().optional(),
});
export const DynamicsSecrets = z.object({ clientSecret: z.string(), webhookSecret: z.string().optional() });

export type SpsSettings = z.infer<typeof SpsSettings>;
export type AcumaticaSettings = z.infer<typeof AcumaticaSettings>;
export type DynamicsSettings = z.infer<typeof DynamicsSettings>;

export type ConnectionSystem = "sps" | "acumatica" | "dynamics";

/** A connection as the flows and the TenantGate use it, secrets decrypted. */
export type Connection =
  | { system: "sps"; tenantId: string; settings: SpsSettings; secrets: z.infer<typeof SpsSecrets> }
  | { system: "acumatica"; tenantId: string; settings: AcumaticaSettings; secrets: z.infer<typeof AcumaticaSecrets> }
  | { system: "dynamics"; tenantId: string; settings: DynamicsSettings; secrets: z.infer<typeof DynamicsSecrets> };

export type ConnectionOf<S extends ConnectionSystem> = Extract<Connection, { system: S }>;

/** Which URL fields of each system are tenant-supplied upstreams (validated by the URL guard). */
export const URL_FIELDS: Record<ConnectionSystem, readonly string[]> = {
  sps: ["apiUrl", "authUrl"],
  acumatica: ["instanceUrl"],
  dynamics: ["environmentUrl", "authorityUrl"],
};

/** Splits a validated request body into stored settings and secrets, applying defaults. */
export function splitConnectionInput(
  system: ConnectionSystem,
  input: SpsConnectionInput | AcumaticaConnectionInput | DynamicsConnectionInput,
): { settings: Record<string, unknown>; secrets: Record<string, string> } {
  switch (system) {
    case "sps": {
      const i = input as SpsConnectionInput;
      const settings: SpsSettings = {
        clientId: i.clientId,
        audience: i.audience ?? SPS_DEFAULTS.audience,
        apiUrl: i.apiUrl ?? SPS_DEFAULTS.apiUrl,
        authUrl: i.authUrl ?? SPS_DEFAULTS.authUrl,
        inboundPath: i.inboundPath ?? SPS_DEFAULTS.inboundPath,
        outboundPath: i.outboundPath ?? SPS_DEFAULTS.outboundPath,
        deleteAfterRetrieval: i.deleteAfterRetrieval ?? true,
        ...(i.testInboundPath ? { testInboundPath: i.testInboundPath } : {}),
        ...(i.testOutboundPath ? { testOutboundPath: i.testOutboundPath } : {}),
      };
      return { settings, secrets: { clientSecret: i.clientSecret } };
    }
    case "acumatica": {
      const i = input as AcumaticaConnectionInput;
      const settings: AcumaticaSettings = {
        instanceUrl: i.instanceUrl,
        endpointName: i.endpointName ?? ACUMATICA_DEFAULTS.endpointName,
        endpointVersion: i.endpointVersion,
        clientId: i.clientId,
        username: i.username,
        orderType: i.orderType ?? ACUMATICA_DEFAULTS.orderType,
        requestsPerMinute: i.requestsPerMinute ?? ACUMATICA_DEFAULTS.requestsPerMinute,
      };
      return { settings, secrets: { clientSecret: i.clientSecret, password: i.password } };
    }
    case "dynamics": {
      const i = input as DynamicsConnectionInput;
      const settings: DynamicsSettings = {
        environmentUrl: i.environmentUrl,
        entraTenantId: i.entraTenantId,
        clientId: i.clientId,
        authorityUrl: i.authorityUrl ?? DYNAMICS_DEFAULTS.authorityUrl,
        requestsPerMinute: i.requestsPerMinute ?? DYNAMICS_DEFAULTS.requestsPerMinute,
        ...(i.timeoutMs !== undefined ? { timeoutMs: i.timeoutMs } : {}),
        ...(i.coldStartTimeoutMs !== undefined ? { coldStartTimeoutMs: i.coldStartTimeoutMs } : {}),
      };
      return { settings, secrets: { clientSecret: i.clientSecret, ...(i.webhookSecret ? { webhookSecret: i.webhookSecret } : {}) } };
    }
  }
}

/** Parses a stored row back into a typed Connection (zod at the D1 boundary). */
export function parseStoredConnection(
  system: ConnectionSystem,
  tenantId: string,
  settingsJson: string,
  secrets: Record<string, string>,
): Connection {
  const settings: unknown = JSON.parse(settingsJson);
  switch (system) {
    case "sps":
      return { system, tenantId, settings: SpsSettings.parse(settings), secrets: SpsSecrets.parse(secrets) };
    case "acumatica":
      return { system, tenantId, settings: AcumaticaSettings.parse(settings), secrets: AcumaticaSecrets.parse(secrets) };
    case "dynamics":
      return { system, tenantId, settings: DynamicsSettings.parse(settings), secrets: DynamicsSecrets.parse(secrets) };
  }
}
