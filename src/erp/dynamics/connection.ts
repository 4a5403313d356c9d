// The Dynamics 365 F&O connection: the PUT body, what is stored, and the defaults (Entra authority:
// reference/dynamics-365-fo.md section 1).
import { z } from "zod";
import { boundedText as text, type ConnectionOfSpec, type ConnectionSpec } from "../../lib/connection-spec";

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
export type DynamicsConnectionInput = z.infer<typeof DynamicsConnectionInput>;

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
export type DynamicsSettings = z.infer<typeof DynamicsSettings>;
export type DynamicsConnection = ConnectionOfSpec<"dynamics", DynamicsSettings, z.infer<typeof DynamicsSecrets>>;

export const dynamicsConnection: ConnectionSpec<typeof DynamicsConnectionInput, typeof DynamicsSettings, typeof DynamicsSecrets> = {
  input: DynamicsConnectionInput,
  openapiName: "DynamicsConnection",
  settings: DynamicsSettings,
  secrets: DynamicsSecrets,
  urlFields: ["environmentUrl", "authorityUrl"],
  split: (i) => ({
    settings: {
      environmentUrl: i.environmentUrl,
      entraTenantId: i.entraTenantId,
      clientId: i.clientId,
      authorityUrl: i.authorityUrl ?? DYNAMICS_DEFAULTS.authorityUrl,
      requestsPerMinute: i.requestsPerMinute ?? DYNAMICS_DEFAULTS.requestsPerMinute,
      ...(i.timeoutMs !== undefined ? { timeoutMs: i.timeoutMs } : {}),
      ...(i.coldStartTimeoutMs !== undefined ? { coldStartTimeoutMs: i.coldStartTimeoutMs } : {}),
    },
    secrets: { clientSecret: i.clientSecret, ...(i.webhookSecret ? { webhookSecret: i.webhookSecret } : {}) },
  }),
};
