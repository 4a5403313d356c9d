// The Dynamics 365 F&O connection: the PUT body, what is stored, and the defaults (Entra authority:
// reference/dynamics-365-fo.md section 1).
import { z } from "zod";
import { boundedText as text, type ConnectionOfSpec, type ConnectionSpec } from "../../lib/connection-spec";

export const DYNAMICS_DEFAULTS = {
  authorityUrl: "https://login.microsoftonline.com",
  /** No fixed published limit on current F&O builds (limits-and-costs.md 2.2); start low, adapt on 429. */
  requestsPerMinute: 300,
  /** Days a document-date window reaches back (inferred: back-dated postings beyond this are rare; configurable). */
  lookbackDays: 3,
} as const;

/**
 * The per-tenant secret F&O's HTTPS business-event endpoint presents to POST /v1/hooks/dynamics/:tenant
 * (as `Authorization: Bearer <secret>`, or `?code=<secret>` when only a URL can be configured). How F&O
 * authenticates to an HTTPS endpoint is unknown (dynamics-365-fo.md §6), so the connector owns the secret.
 */
const webhookSecret = z.string().trim().min(24, "at least 24 characters").max(500);

/**
 * How a sales order is written (sales-orders.ts; docs/erp-facts.md "Sales order writes"):
 * - "two-step" (default, the documented path): the header in one changeset, then all lines in one
 *   changeset posted flat to SalesOrderLines with the header's SalesOrderNumber;
 * - "own-number": header and lines in one changeset, the connector supplying SalesOrderNumber
 *   (orderNumberPrefix + a number derived from the order key); needs a number sequence that allows
 *   manual numbers (the connection test checks);
 * - "navigation": header and lines in one changeset, lines posted to `$1/SalesOrderLines` (F&O's
 *   acceptance of a POST on that navigation is unconfirmed).
 * When F&O refuses an opt-in form the connector writes that order two-step and switches the
 * connection to "two-step", once, with an audit note.
 */
export const ORDER_WRITE_MODES = ["two-step", "own-number", "navigation"] as const;
export type OrderWriteMode = (typeof ORDER_WRITE_MODES)[number];
/** SalesOrderNumber is a SalesId (20 characters); the connector's part is 10, so a prefix is at most 10. */
const orderNumberPrefix = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]{1,10}$/, "1 to 10 letters, digits or '-'");

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
    /**
     * Days before the watermark's day that polls windowed on a document date reach back (default 3):
     * order confirmations (no posting timestamp on F&O), and packing slips and invoices on a build
     * that does not publish CreatedOn. Packing slips and invoices are otherwise found by posting time.
     */
    lookbackDays: z.number().int().min(0).max(90).optional(),
    /** How sales orders are written (default "two-step"; see ORDER_WRITE_MODES). */
    orderWrite: z.enum(ORDER_WRITE_MODES).optional(),
    /** The order number prefix of "own-number" (required there, refused elsewhere). */
    orderNumberPrefix: orderNumberPrefix.optional(),
  })
  .strict()
  .superRefine((i, ctx) => {
    if (i.orderWrite === "own-number" && !i.orderNumberPrefix) {
      ctx.addIssue({ code: "custom", path: ["orderNumberPrefix"], message: 'orderWrite "own-number" needs orderNumberPrefix (the start of the sales order numbers the connector supplies)' });
    }
    if (i.orderNumberPrefix && i.orderWrite !== "own-number") {
      ctx.addIssue({ code: "custom", path: ["orderNumberPrefix"], message: 'orderNumberPrefix is used only with orderWrite "own-number"' });
    }
  });
export type DynamicsConnectionInput = z.infer<typeof DynamicsConnectionInput>;

export const DynamicsSettings = z.object({
  environmentUrl: z.string(),
  entraTenantId: z.string(),
  clientId: z.string(),
  authorityUrl: z.string(),
  requestsPerMinute: z.number(),
  timeoutMs: z.number().optional(),
  coldStartTimeoutMs: z.number().optional(),
  lookbackDays: z.number().optional(),
  /** Absent on connections stored before the setting existed: two-step. */
  orderWrite: z.enum(ORDER_WRITE_MODES).optional(),
  orderNumberPrefix: z.string().optional(),
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
      orderWrite: i.orderWrite ?? "two-step",
      lookbackDays: i.lookbackDays ?? DYNAMICS_DEFAULTS.lookbackDays,
      ...(i.orderNumberPrefix ? { orderNumberPrefix: i.orderNumberPrefix.toUpperCase() } : {}),
    },
    secrets: { clientSecret: i.clientSecret, ...(i.webhookSecret ? { webhookSecret: i.webhookSecret } : {}) },
  }),
};
