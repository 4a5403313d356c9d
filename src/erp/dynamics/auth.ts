// Dynamics 365 F&O tokens: Microsoft Entra ID client credentials (v2 endpoint) with the scope
// `{environmentUrl}/.default` (reference/dynamics-365-fo.md section 1). No refresh token.
import type { TokenSource } from "../../lib/token-source";
import { requestToken } from "../../lib/token-request";
import type { DynamicsConnection } from "./connection";

/** AADSTS codes worth explaining in plain words (Entra error reference). */
function explainEntra(description: string | undefined, environmentUrl: string, tenant: string): string | undefined {
  const code = description ? /AADSTS(\d+)/.exec(description)?.[1] : undefined;
  switch (code) {
    case "7000215":
    case "7000222":
      return "Entra ID refused the client secret (invalid or expired); create a new secret for the app registration";
    case "700016":
      return `Entra ID does not know this client id in tenant ${tenant}; check clientId and entraTenantId`;
    case "90002":
    case "900023":
      return `Entra ID tenant ${tenant} was not found; check entraTenantId`;
    case "500011":
    case "500014":
      return `Entra ID has no resource ${environmentUrl} in this tenant; check environmentUrl (no trailing /data)`;
    case "70011":
      return `Entra ID refused the scope ${environmentUrl}/.default; check environmentUrl`;
    default:
      return undefined;
  }
}

export const dynamicsTokenSource: TokenSource<DynamicsConnection> = {
  fetchToken(connection) {
    const { settings, secrets } = connection;
    return requestToken({
      system: "entra",
      url: `${settings.authorityUrl}/${encodeURIComponent(settings.entraTenantId)}/oauth2/v2.0/token`,
      contentType: "application/x-www-form-urlencoded",
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: settings.clientId,
        client_secret: secrets.clientSecret,
        scope: `${settings.environmentUrl}/.default`,
      }).toString(),
      defaultExpiresInSec: 3599,
      explainRefusal: (error, description, status) =>
        explainEntra(description, settings.environmentUrl, settings.entraTenantId) ??
        `Entra ID refused the token request (${status}${error ? ` ${error}` : ""}${description ? `: ${description.split("\n")[0]}` : ""})`,
    });
  },
};
