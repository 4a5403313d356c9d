// Acumatica tokens: OAuth 2.0 resource-owner password grant with offline_access, then the
// refresh-token grant (reference/acumatica.md section 2a). Client credentials is not supported by
// Acumatica. Refresh tokens may rotate, so the TenantGate stores the newest one.
import { ConnectorError } from "../../lib/errors";
import type { TokenSource } from "../../lib/token-source";
import { requestToken } from "../../lib/token-request";
import type { AcumaticaConnection } from "./connection";

const SCOPE = "api offline_access";

export const acumaticaTokenSource: TokenSource<AcumaticaConnection> = {
  async fetchToken(connection, state) {
    const { settings, secrets } = connection;
    const url = `${settings.instanceUrl}/identity/connect/token`;
    const explainRefusal = (error: string | undefined, description: string | undefined, status: number) => {
      const said = [error, description].filter(Boolean).join(": ");
      if (error === "invalid_client") {
        return `Acumatica refused the client id or secret (${said}); the client id must carry the tenant, e.g. 0D6A…@Company (Connected Applications, SM303010)`;
      }
      if (error === "invalid_grant") return `Acumatica refused the username or password (${said})`;
      if (error === "invalid_scope") return `Acumatica refused the scope "${SCOPE}" (${said})`;
      return `Acumatica refused the token request (${status}${said ? ` ${said}` : ""})`;
    };
    const common = { system: "acumatica" as const, url, contentType: "application/x-www-form-urlencoded" as const, explainRefusal, defaultExpiresInSec: 3600 };
    if (state.refreshToken) {
      try {
        return await requestToken({
          ...common,
          body: new URLSearchParams({
            grant_type: "refresh_token",
            client_id: settings.clientId,
            client_secret: secrets.clientSecret,
            refresh_token: state.refreshToken,
          }).toString(),
        });
      } catch (e) {
        // An expired or rotated-away refresh token: fall back to the password grant below.
        if (!(e instanceof ConnectorError) || e.kind !== "auth_config") throw e;
      }
    }
    return requestToken({
      ...common,
      body: new URLSearchParams({
        grant_type: "password",
        client_id: settings.clientId,
        client_secret: secrets.clientSecret,
        username: settings.username,
        password: secrets.password,
        scope: SCOPE,
      }).toString(),
    });
  },
};
