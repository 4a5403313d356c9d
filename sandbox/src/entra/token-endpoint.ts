// The v2.0 token endpoint of one directory: POST /{tenant}/oauth2/v2.0/token, form-encoded,
// client-credentials grant with client_secret (form or HTTP Basic) and scope `{resource}/.default`
// (dynamics-365-fo.md section 1 and 9a). Checks run in the order Entra reports them: grant,
// client, secret, scope, resource. The token is bound to the resource (F&O environment) it names.
import { environmentForResource } from "../dynamics/environments";
import { jwtShapedToken } from "../ids";
import { jsonResponse } from "../responses";
import { bodyText, mediaType, type SimRequest } from "../sim-request";
import { AADSTS } from "./aadsts-errors";
import { directoryAnswersTo, normalizeResource, type EntraDirectory } from "./directories";
import { recordAccessToken } from "./tokens";
import { KNOWN_UNSIMULATED_GRANTS } from "./unconfirmed";

const DEFAULT_SUFFIX = "/.default";

function readForm(req: SimRequest): URLSearchParams {
  // Entra reads the body only as a form; anything else reads as "no parameters" (AADSTS900144).
  return mediaType(req) === "application/x-www-form-urlencoded" ? new URLSearchParams(bodyText(req)) : new URLSearchParams();
}

/** client_secret_post or client_secret_basic. */
function clientCredentials(req: SimRequest, form: URLSearchParams): { id: string | undefined; secret: string | undefined } {
  const basic = /^Basic\s+(\S+)$/i.exec(req.headers.get("authorization") ?? "");
  if (basic?.[1]) {
    try {
      const decoded = atob(basic[1]);
      const colon = decoded.indexOf(":");
      if (colon > 0) return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
    } catch {
      // Malformed Basic header: fall back to the form, as Entra ignores what it cannot read.
    }
  }
  return { id: form.get("client_id") ?? undefined, secret: form.get("client_secret") ?? undefined };
}

/** Whether the directory knows the resource: an F&O environment bound to it, or an extra resource URI. */
function resolveResource(directory: EntraDirectory, resource: string): { known: boolean; environmentKey: string | undefined } {
  const environment = environmentForResource(resource);
  if (environment && directoryAnswersTo(directory, environment.tenant)) return { known: true, environmentKey: environment.key };
  return { known: directory.resources.includes(normalizeResource(resource)), environmentKey: undefined };
}

export function answerTokenRequest(directory: EntraDirectory, req: SimRequest, nowMs: number): Response {
  const form = readForm(req);
  const grantType = form.get("grant_type");
  if (!grantType) return AADSTS.missingParameter("grant_type", nowMs);
  if (grantType !== "client_credentials") {
    if ((KNOWN_UNSIMULATED_GRANTS as readonly string[]).includes(grantType)) {
      const message = `sandbox: the Entra '${grantType}' grant is not simulated (only client_credentials)`;
      console.error(message);
      return jsonResponse(501, { error: "not_simulated", message });
    }
    return AADSTS.unsupportedGrantType(grantType, nowMs);
  }

  const client = clientCredentials(req, form);
  if (!client.id) return AADSTS.missingParameter("client_id", nowMs);
  const app = directory.apps.get(client.id.toLowerCase());
  if (!app) return AADSTS.applicationNotFound(client.id, directory.displayName, nowMs);
  if (!client.secret) return AADSTS.missingClientSecret(nowMs);
  if (client.secret !== app.clientSecret) return AADSTS.invalidClientSecret(client.id, nowMs);

  const scopeParam = form.get("scope");
  if (!scopeParam) return AADSTS.missingParameter("scope", nowMs);
  const scopes = scopeParam.split(/\s+/).filter(Boolean);
  if (scopes.length !== 1) return AADSTS.scopeInvalid(nowMs);
  const scope = scopes[0]!;
  if (!scope.toLowerCase().endsWith(DEFAULT_SUFFIX)) return AADSTS.scopeNotDefault(scope, nowMs);
  const resource = scope.slice(0, -DEFAULT_SUFFIX.length);
  const resolved = resolveResource(directory, resource);
  if (!resolved.known) return AADSTS.resourceNotFound(resource, directory.displayName, nowMs);

  const issuedAt = Math.floor(nowMs / 1000);
  const accessToken = jwtShapedToken({
    aud: resource,
    iss: `https://sts.windows.net/${directory.tenantId}/`,
    iat: issuedAt,
    nbf: issuedAt,
    exp: issuedAt + directory.tokenTtlSeconds,
    appid: app.clientId,
    appidacr: "1",
    idtyp: "app",
    oid: app.clientId,
    sub: app.clientId,
    tid: directory.tenantId,
    ver: "1.0",
  });
  recordAccessToken(accessToken, {
    tenantId: directory.tenantId,
    clientId: app.clientId,
    resource,
    environmentKey: resolved.environmentKey,
    expiresAt: nowMs + directory.tokenTtlSeconds * 1000,
  });
  // Section 9a: token_type, expires_in, ext_expires_in, access_token; no refresh token.
  return jsonResponse(
    200,
    { token_type: "Bearer", expires_in: directory.tokenTtlSeconds, ext_expires_in: directory.extTokenTtlSeconds, access_token: accessToken },
    { "cache-control": "no-store, no-cache", pragma: "no-cache" },
  );
}
