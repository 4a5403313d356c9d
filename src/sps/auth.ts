// SPS Commerce tokens: Auth0 client-credentials with a JSON body and an audience
// (reference/sps-commerce.md section 1.1). The endpoint is throttled, so the TenantGate caches.
import type { TokenSource } from "../lib/token-source";
import { requestToken } from "../lib/token-request";
import type { SpsConnection } from "./connection";

export const spsTokenSource: TokenSource<SpsConnection> = {
  fetchToken(connection) {
    const { settings, secrets } = connection;
    return requestToken({
      system: "sps",
      url: settings.authUrl,
      contentType: "application/json",
      body: JSON.stringify({
        grant_type: "client_credentials",
        client_id: settings.clientId,
        client_secret: secrets.clientSecret,
        audience: settings.audience,
      }),
      // expires_in 3600 s observed (sps-commerce.md 1.1); used only if the answer omits it.
      defaultExpiresInSec: 3600,
      explainRefusal: (error, description, status) => {
        const said = [error, description].filter(Boolean).join(": ");
        if (error === "unauthorized_client") {
          return `SPS refused the client-credentials grant (${said}); the app must be of type Machine-to-Machine`;
        }
        if (error === "access_denied" && description && /audience|service not enabled/i.test(description)) {
          return `SPS refused the audience ${settings.audience} (${said}); try https://spscommerce.com or the legacy api://api.spscommerce.com/`;
        }
        return `SPS refused the client id or secret (${status}${said ? ` ${said}` : ""}); check clientId and clientSecret`;
      },
    });
  },
};
