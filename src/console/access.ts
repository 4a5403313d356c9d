// Signing in through Cloudflare Access: where the Worker sits behind Access and the console is
// configured with the team domain and the application's AUD tag, the Cf-Access-Jwt-Assertion header
// Access adds to each request signs the person in as an operator. It is verified with jose against
// the team's published keys (https://<team>/cdn-cgi/access/certs, RS256), issuer https://<team>,
// audience the AUD tag (developers.cloudflare.com, "Validate JWTs").
import { createRemoteJWKSet, jwtVerify } from "jose";
import type { Principal } from "../api/auth";

const jwksByTeam = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

export interface AccessConfig {
  CONSOLE_ACCESS_TEAM_DOMAIN?: string | undefined;
  CONSOLE_ACCESS_AUD?: string | undefined;
}

/** The operator an Access assertion names, with when it expires; undefined when Access is not configured or the assertion does not verify. */
export async function principalFromAccess(assertion: string | undefined, config: AccessConfig): Promise<{ principal: Principal; expiresAt: number } | undefined> {
  const team = config.CONSOLE_ACCESS_TEAM_DOMAIN?.toLowerCase();
  const aud = config.CONSOLE_ACCESS_AUD;
  if (!assertion || !team || !aud) return undefined;
  let jwks = jwksByTeam.get(team);
  if (!jwks) {
    jwks = createRemoteJWKSet(new URL(`https://${team}/cdn-cgi/access/certs`));
    jwksByTeam.set(team, jwks);
  }
  try {
    const { payload } = await jwtVerify(assertion, jwks, { algorithms: ["RS256"], issuer: `https://${team}`, audience: aud, clockTolerance: 5 });
    if (typeof payload.exp !== "number") return undefined;
    const who = typeof payload.email === "string" ? payload.email : payload.sub;
    return { principal: { role: "operator", ...(who ? { sub: `access:${who}` } : {}) }, expiresAt: payload.exp * 1000 };
  } catch {
    return undefined;
  }
}
