// The Acumatica connection: the PUT body, what is stored, and the defaults (reference/acumatica.md
// sections 1 and 2a). The endpoint version is required: a wrong one is a 404 on every call.
import { z } from "zod";
import { boundedText as text, type ConnectionOfSpec, type ConnectionSpec } from "../../lib/connection-spec";

export const ACUMATICA_DEFAULTS = {
  endpointName: "Default",
  orderType: "SO",
  /** Licence limits are per customer and unpublished (acumatica.md section 5); 50/min is the guide's example. */
  requestsPerMinute: 50,
} as const;

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
export type AcumaticaConnectionInput = z.infer<typeof AcumaticaConnectionInput>;

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
export type AcumaticaSettings = z.infer<typeof AcumaticaSettings>;
export type AcumaticaConnection = ConnectionOfSpec<"acumatica", AcumaticaSettings, z.infer<typeof AcumaticaSecrets>>;

export const acumaticaConnection: ConnectionSpec<typeof AcumaticaConnectionInput, typeof AcumaticaSettings, typeof AcumaticaSecrets> = {
  input: AcumaticaConnectionInput,
  openapiName: "AcumaticaConnection",
  settings: AcumaticaSettings,
  secrets: AcumaticaSecrets,
  urlFields: ["instanceUrl"],
  split: (i) => ({
    settings: {
      instanceUrl: i.instanceUrl,
      endpointName: i.endpointName ?? ACUMATICA_DEFAULTS.endpointName,
      endpointVersion: i.endpointVersion,
      clientId: i.clientId,
      username: i.username,
      orderType: i.orderType ?? ACUMATICA_DEFAULTS.orderType,
      requestsPerMinute: i.requestsPerMinute ?? ACUMATICA_DEFAULTS.requestsPerMinute,
    },
    secrets: { clientSecret: i.clientSecret, password: i.password },
  }),
};
