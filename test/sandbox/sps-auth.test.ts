// The SPS Auth0 token endpoint and bearer checks (sps-commerce.md 1.1, 1.2, 2.4).
import { describe, expect, it } from "vitest";
import { control, createSpsAccount, readJson, requestSpsToken, SPS_API, SPS_DATA, spsToken } from "./sandbox-control";

describe("SPS token endpoint", () => {
  it("issues a bearer token for client credentials sent as JSON or as a form", async () => {
    const account = await createSpsAccount({ tokenTtlSeconds: 1800 });
    const fields = { grant_type: "client_credentials", client_id: account.clientId, client_secret: account.clientSecret, audience: "https://spscommerce.com" };
    for (const form of [false, true]) {
      const response = await requestSpsToken(fields, form);
      expect(response.status).toBe(200);
      const body = await readJson(response);
      expect(body).toMatchObject({ token_type: "Bearer", expires_in: 1800 });
      expect(body.access_token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(body.refresh_token).toBeUndefined();
    }
  });

  it("accepts the legacy audience and refuses an unknown one with Auth0's access_denied", async () => {
    const account = await createSpsAccount();
    const base = { grant_type: "client_credentials", client_id: account.clientId, client_secret: account.clientSecret };
    expect((await requestSpsToken({ ...base, audience: "api://api.spscommerce.com/" })).status).toBe(200);
    const refused = await requestSpsToken({ ...base, audience: "https://example.com" });
    expect(refused.status).toBe(403);
    expect(await readJson(refused)).toEqual({ error: "access_denied", error_description: "Service not enabled within domain: https://example.com" });
  });

  it("refuses a wrong secret and an unknown client with 401 access_denied", async () => {
    const account = await createSpsAccount();
    for (const fields of [
      { client_id: account.clientId, client_secret: "wrong" },
      { client_id: "no-such-client", client_secret: account.clientSecret },
    ]) {
      const response = await requestSpsToken({ grant_type: "client_credentials", audience: "https://spscommerce.com", ...fields });
      expect(response.status).toBe(401);
      expect(await readJson(response)).toEqual({ error: "access_denied", error_description: "Unauthorized" });
    }
  });

  it("answers a missing field with 400 invalid_request and another grant with 403 unauthorized_client", async () => {
    const account = await createSpsAccount();
    const missing = await requestSpsToken({ grant_type: "client_credentials", client_id: account.clientId, audience: "https://spscommerce.com" });
    expect(missing.status).toBe(400);
    expect((await readJson(missing)).error).toBe("invalid_request");
    const wrongGrant = await requestSpsToken({ grant_type: "password", client_id: account.clientId, client_secret: account.clientSecret, audience: "https://spscommerce.com" });
    expect(wrongGrant.status).toBe(403);
    expect((await readJson(wrongGrant)).error).toBe("unauthorized_client");
  });

  it("throttles token requests per account with 429 and Retry-After", async () => {
    const account = await createSpsAccount({ tokenRequestsPerMinute: 3 });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 5; i++) {
      const response = await requestSpsToken({ grant_type: "client_credentials", client_id: account.clientId, client_secret: account.clientSecret, audience: "https://spscommerce.com" });
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get("retry-after");
      await response.arrayBuffer();
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    const counters = await control("GET", `/counters?sim=sps&account=${account.clientId}`);
    expect(counters.json).toMatchObject({ tokenRequests: 5, throttled: 2 });
  });
});

describe("SPS bearer checks", () => {
  it("answers /auth-check with 204 for a valid token and 401 without one", async () => {
    const account = await createSpsAccount();
    const token = await spsToken(account);
    expect((await fetch(`${SPS_API}/auth-check`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(204);
    expect((await fetch(`${SPS_API}/auth-check`)).status).toBe(401);
  });

  it("rejects an expired token with 401", async () => {
    const account = await createSpsAccount();
    const token = await spsToken(account);
    const headers = { authorization: `Bearer ${token}` };
    expect((await fetch(`${SPS_DATA}/out/`, { headers })).status).toBe(200);
    const expired = await control("POST", `/sps/accounts/${account.clientId}/tokens/expire`);
    expect(expired.json.expired).toBe(1);
    const response = await fetch(`${SPS_DATA}/out/`, { headers });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toContain("expired");
    await response.arrayBuffer();
  });

  it("expires tokens after the configured TTL", async () => {
    const account = await createSpsAccount({ tokenTtlSeconds: 1 });
    const token = await spsToken(account);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const response = await fetch(`${SPS_DATA}/out/`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(401);
    await response.arrayBuffer();
  });

  it("invalidates every token when the account is reset", async () => {
    const account = await createSpsAccount();
    const token = await spsToken(account);
    await control("POST", "/sps/accounts", { clientId: account.clientId, clientSecret: account.clientSecret });
    const response = await fetch(`${SPS_DATA}/out/`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(401);
    await response.arrayBuffer();
  });
});
