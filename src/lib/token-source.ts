// What the TenantGate needs from each system to obtain an access token. One implementation per
// system lives with that system's client (src/sps/auth.ts, src/erp/*/auth.ts).
import { z } from "zod";

export interface IssuedToken {
  accessToken: string;
  expiresInSec: number;
  /** Acumatica's ROPC grant with offline_access returns one; it may rotate on every refresh. */
  refreshToken?: string | undefined;
}

export interface TokenSource<C extends { settings: unknown; secrets: unknown }> {
  /** Gets a token; throws ConnectorError (auth_config for refused credentials, throttled, unavailable, network). */
  fetchToken(connection: C, state: { refreshToken?: string | undefined }): Promise<IssuedToken>;
}

/** The OAuth token response fields we rely on (RFC 6749 section 5.1), validated at the boundary. */
export const TokenResponse = z.object({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().int().positive().optional(),
  token_type: z.string().optional(),
  refresh_token: z.string().optional(),
});

/** OAuth error body (RFC 6749 section 5.2; Auth0, IdentityServer and Entra all use it). */
export const OAuthErrorBody = z.object({
  error: z.string(),
  error_description: z.string().optional(),
  error_codes: z.array(z.number()).optional(),
});

export function oauthErrorOf(text: string): z.infer<typeof OAuthErrorBody> | undefined {
  try {
    const parsed = OAuthErrorBody.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
