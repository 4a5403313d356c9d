// The shared mechanics of an OAuth token request: send, classify, validate. System-specific
// wording of refused credentials is supplied by the caller.
import { ConnectorError, type SystemName } from "./errors";
import { failureFromResponse, httpRequest } from "./http";
import { registerSecret } from "./redact";
import { oauthErrorOf, TokenResponse, type IssuedToken } from "./token-source";

export const TOKEN_TIMEOUT_MS = 15_000;

export async function requestToken(opts: {
  system: SystemName;
  url: string;
  body: string;
  contentType: "application/json" | "application/x-www-form-urlencoded";
  /** Plain words for a refused request (400/401/403), given the OAuth error code and description. */
  explainRefusal: (error: string | undefined, description: string | undefined, status: number) => string;
  defaultExpiresInSec: number;
}): Promise<IssuedToken> {
  const what = `${opts.system} token endpoint`;
  const res = await httpRequest({
    url: opts.url,
    method: "POST",
    headers: { "content-type": opts.contentType, accept: "application/json" },
    body: opts.body,
    timeoutMs: TOKEN_TIMEOUT_MS,
    system: opts.system,
  });
  if (res.status >= 200 && res.status < 300) {
    let parsed;
    try {
      parsed = TokenResponse.safeParse(res.json());
    } catch {
      parsed = undefined;
    }
    if (!parsed?.success) {
      throw new ConnectorError("internal", `${what} answered ${res.status} without an access_token`, { system: opts.system });
    }
    registerSecret(parsed.data.access_token);
    registerSecret(parsed.data.refresh_token);
    return {
      accessToken: parsed.data.access_token,
      expiresInSec: parsed.data.expires_in ?? opts.defaultExpiresInSec,
      refreshToken: parsed.data.refresh_token,
    };
  }
  const oauth = oauthErrorOf(res.text());
  if (res.status === 400 || res.status === 401 || res.status === 403) {
    throw new ConnectorError("auth_config", opts.explainRefusal(oauth?.error, oauth?.error_description, res.status), {
      status: res.status,
      system: opts.system,
    });
  }
  if (res.status === 404) {
    throw new ConnectorError("config", `${what} not found at ${new URL(opts.url).origin}${new URL(opts.url).pathname} (404); check the URL`, {
      status: 404,
      system: opts.system,
    });
  }
  throw failureFromResponse(res, { system: opts.system, what, nowMs: Date.now(), detail: oauth?.error_description ?? oauth?.error });
}
