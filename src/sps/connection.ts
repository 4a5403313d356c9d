// The SPS Commerce connection: the PUT body, what is stored, and the defaults for the real hosts
// (reference/sps-commerce.md section 0).
import { z } from "zod";
import { boundedText as text, type ConnectionOfSpec, type ConnectionSpec } from "../lib/connection-spec";

/** SPS defaults: reference/sps-commerce.md section 0 (token URL, API base, audience). */
export const SPS_DEFAULTS = {
  apiUrl: "https://api.spscommerce.com",
  authUrl: "https://auth.spscommerce.com/oauth/token",
  /** Current Dev Center audience; `api://api.spscommerce.com/` is the legacy value (sps-commerce.md 1.1). */
  audience: "https://spscommerce.com",
  inboundPath: "out/",
  outboundPath: "in/",
} as const;

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
export type SpsConnectionInput = z.infer<typeof SpsConnectionInput>;

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
export type SpsSettings = z.infer<typeof SpsSettings>;
export type SpsConnection = ConnectionOfSpec<"sps", SpsSettings, z.infer<typeof SpsSecrets>>;

export const spsConnection: ConnectionSpec<typeof SpsConnectionInput, typeof SpsSettings, typeof SpsSecrets> = {
  input: SpsConnectionInput,
  openapiName: "SpsConnection",
  settings: SpsSettings,
  secrets: SpsSecrets,
  urlFields: ["apiUrl", "authUrl"],
  split: (i) => ({
    settings: {
      clientId: i.clientId,
      audience: i.audience ?? SPS_DEFAULTS.audience,
      apiUrl: i.apiUrl ?? SPS_DEFAULTS.apiUrl,
      authUrl: i.authUrl ?? SPS_DEFAULTS.authUrl,
      inboundPath: i.inboundPath ?? SPS_DEFAULTS.inboundPath,
      outboundPath: i.outboundPath ?? SPS_DEFAULTS.outboundPath,
      deleteAfterRetrieval: i.deleteAfterRetrieval ?? true,
      ...(i.testInboundPath ? { testInboundPath: i.testInboundPath } : {}),
      ...(i.testOutboundPath ? { testOutboundPath: i.testOutboundPath } : {}),
    },
    secrets: { clientSecret: i.clientSecret },
  }),
};
