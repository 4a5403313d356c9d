// Cloudflare Access, as far as an application behind it sees it: per team, an RS256 signing key
// whose public half is served at https://<team>.cloudflareaccess.com/cdn-cgi/access/certs (JWK set,
// as Access publishes it), and application tokens (the Cf-Access-Jwt-Assertion header) with iss
// https://<team>.cloudflareaccess.com, aud the application's AUD tag, email and sub. The control
// API mints them, standing in for the Access edge that would put the header on each request.
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey as JoseKey, type JWK } from "jose";
import { Hono } from "hono";
import { z } from "zod";
import { ControlError, readJson } from "../control/control-errors";
import { jsonResponse } from "../responses";
import type { SimRequest } from "../sim-request";

interface Team {
  domain: string;
  kid: string;
  privateKey: JoseKey;
  jwk: JWK;
}

const teams = new Map<string, Team>();

async function team(domain: string): Promise<Team> {
  const key = domain.toLowerCase();
  const existing = teams.get(key);
  if (existing) return existing;
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  const kid = crypto.randomUUID().replace(/-/g, "");
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" };
  const created = { domain: key, kid, privateKey, jwk };
  teams.set(key, created);
  return created;
}

/** GET https://<team>.cloudflareaccess.com/cdn-cgi/access/certs */
export async function handleAccess(req: SimRequest, host: string): Promise<Response> {
  if (req.method === "GET" && req.path === "/cdn-cgi/access/certs") {
    const t = await team(host);
    return jsonResponse(200, { keys: [t.jwk], public_cert: { kid: t.kid }, public_certs: [{ kid: t.kid }] });
  }
  return jsonResponse(404, { error: "not_found", message: `sandbox: Cloudflare Access serves only /cdn-cgi/access/certs here (got ${req.method} ${req.path})` });
}

const TokenSchema = z
  .object({
    aud: z.string().min(1),
    email: z.string().email(),
    expiresInSeconds: z.number().int().min(-3600).max(86_400).optional(),
    /** Sign with a key the team does not publish (a forged assertion). */
    foreignKey: z.boolean().optional(),
  })
  .strict();

//   POST /access/teams/:team/tokens {aud, email, expiresInSeconds?, foreignKey?} → {token}
export const accessControlRoutes = new Hono().post("/teams/:team/tokens", async (c) => {
  const domain = c.req.param("team").toLowerCase();
  if (!domain.endsWith(".cloudflareaccess.com")) throw new ControlError(400, "control: a team domain ends in .cloudflareaccess.com");
  const body = await readJson(c, TokenSchema);
  const t = await team(domain);
  const key = body.foreignKey ? (await generateKeyPair("RS256")).privateKey : t.privateKey;
  const now = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({ email: body.email, type: "app", identity_nonce: crypto.randomUUID() })
    .setProtectedHeader({ alg: "RS256", kid: t.kid })
    .setIssuer(`https://${t.domain}`)
    .setAudience([body.aud])
    .setSubject(crypto.randomUUID())
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(now + (body.expiresInSeconds ?? 3600))
    .sign(key);
  return c.json({ token }, 201);
});
