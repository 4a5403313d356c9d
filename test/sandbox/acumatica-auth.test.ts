// Acumatica's identity server and the bearer checks of the contract API (acumatica.md 1, 2a, 9):
// ROPC with a tenant-carrying client id, rotating refresh tokens, expiry, discovery, versions,
// virtual directories.
import { describe, expect, it } from "vitest";
import {
  acumaticaFetch,
  acumaticaTokens,
  control,
  createAcumaticaInstance,
  entityUrl,
  readJson,
  requestAcumaticaToken,
} from "./sandbox-control";

describe("token endpoint", () => {
  it("issues access and refresh tokens for the password grant with api offline_access", async () => {
    const instance = await createAcumaticaInstance({ tokenTtlSeconds: 600 });
    const tokens = await acumaticaTokens(instance);
    expect(tokens).toMatchObject({ token_type: "Bearer", expires_in: 600, scope: "api offline_access" });
    expect(tokens.refresh_token).toEqual(expect.any(String));
  });

  it("gives no refresh token without offline_access", async () => {
    const instance = await createAcumaticaInstance();
    const response = await requestAcumaticaToken(instance, {
      grant_type: "password", client_id: instance.clientId, client_secret: instance.clientSecret,
      username: instance.username, password: instance.password, scope: "api",
    });
    const body = await readJson(response);
    expect(response.status).toBe(200);
    expect(body.refresh_token).toBeUndefined();
  });

  it("refuses a client id without the right @Tenant suffix with invalid_client", async () => {
    const instance = await createAcumaticaInstance();
    const bare = instance.clientId.split("@")[0]!;
    for (const clientId of [bare, `${bare}@OtherTenant`]) {
      const response = await requestAcumaticaToken(instance, {
        grant_type: "password", client_id: clientId, client_secret: instance.clientSecret,
        username: instance.username, password: instance.password, scope: "api offline_access",
      });
      expect(response.status).toBe(400);
      expect((await readJson(response)).error).toBe("invalid_client");
    }
  });

  it("refuses a wrong password with invalid_grant, a bad scope with invalid_scope, and a JSON body", async () => {
    const instance = await createAcumaticaInstance();
    const base = { grant_type: "password", client_id: instance.clientId, client_secret: instance.clientSecret, username: instance.username };
    const wrong = await requestAcumaticaToken(instance, { ...base, password: "nope", scope: "api" });
    expect(wrong.status).toBe(400);
    expect(await readJson(wrong)).toMatchObject({ error: "invalid_grant" });
    const scope = await requestAcumaticaToken(instance, { ...base, password: instance.password, scope: "api:offline_access" });
    expect((await readJson(scope)).error).toBe("invalid_scope");
    const json = await fetch(`${instance.base}/identity/connect/token`, {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ...base, password: instance.password }),
    });
    expect((await readJson(json)).error).toBe("invalid_request");
  });

  it("rotates refresh tokens: each refresh returns a new one and the old one is rejected", async () => {
    const instance = await createAcumaticaInstance();
    const first = await acumaticaTokens(instance);
    const refresh = (token: string) =>
      requestAcumaticaToken(instance, { grant_type: "refresh_token", client_id: instance.clientId, client_secret: instance.clientSecret, refresh_token: token });
    const second = await readJson(await refresh(first.refresh_token));
    expect(second.access_token).toEqual(expect.any(String));
    expect(second.refresh_token).not.toBe(first.refresh_token);
    const reused = await refresh(first.refresh_token);
    expect(reused.status).toBe(400);
    expect((await readJson(reused)).error).toBe("invalid_grant");
    const third = await refresh(second.refresh_token);
    expect(third.status).toBe(200);
    await third.arrayBuffer();
  });

  it("rejects refresh tokens that were expired through the control API", async () => {
    const instance = await createAcumaticaInstance();
    const tokens = await acumaticaTokens(instance);
    await control("POST", `/acumatica/${instance.host}/tokens/expire`, { refreshTokens: true });
    const response = await requestAcumaticaToken(instance, {
      grant_type: "refresh_token", client_id: instance.clientId, client_secret: instance.clientSecret, refresh_token: tokens.refresh_token,
    });
    expect((await readJson(response)).error).toBe("invalid_grant");
  });
});

describe("contract API access", () => {
  it("requires a valid bearer token and answers 401 once it has expired", async () => {
    const instance = await createAcumaticaInstance();
    const { access_token } = await acumaticaTokens(instance);
    const ok = await acumaticaFetch(instance, access_token, "GET", "Customer");
    expect(ok.status).toBe(200);
    await ok.arrayBuffer();
    const anonymous = await fetch(entityUrl(instance, "Customer"));
    expect(anonymous.status).toBe(401);
    await anonymous.arrayBuffer();
    await control("POST", `/acumatica/${instance.host}/tokens/expire`, {});
    const expired = await acumaticaFetch(instance, access_token, "GET", "Customer");
    expect(expired.status).toBe(401);
    await expired.arrayBuffer();
  });

  it("discovers endpoint versions and answers 404 for a version the instance does not have", async () => {
    const instance = await createAcumaticaInstance({ versions: ["23.200.001"] });
    const { access_token } = await acumaticaTokens(instance);
    const discovery = await readJson(await fetch(`${instance.base}/entity`, { headers: { authorization: `Bearer ${access_token}` } }));
    expect(discovery.version.acumaticaBuildVersion).toMatch(/^23\.200\./);
    expect(discovery.endpoints).toEqual([{ name: "Default", version: "23.200.001", href: `${instance.base}/entity/Default/23.200.001/` }]);
    const wrongVersion = await fetch(entityUrl(instance, "SalesOrder", "24.200.001"), { headers: { authorization: `Bearer ${access_token}` } });
    expect(wrongVersion.status).toBe(404);
    await wrongVersion.arrayBuffer();
    const wrongEndpoint = await fetch(`${instance.base}/entity/eCommerce/23.200.001/SalesOrder`, { headers: { authorization: `Bearer ${access_token}` } });
    expect(wrongEndpoint.status).toBe(404);
    await wrongEndpoint.arrayBuffer();
    const right = await fetch(entityUrl(instance, "SalesOrder", "23.200.001"), { headers: { authorization: `Bearer ${access_token}` } });
    expect(right.status).toBe(200);
    await right.arrayBuffer();
  });

  it("serves an instance under a virtual directory only below that directory", async () => {
    const instance = await createAcumaticaInstance({ pathPrefix: "site1" });
    expect(instance.base).toMatch(/\/site1$/);
    const { access_token } = await acumaticaTokens(instance);
    const ok = await acumaticaFetch(instance, access_token, "GET", "StockItem?$top=1");
    expect(ok.status).toBe(200);
    expect(await readJson(ok)).toHaveLength(1);
    const outside = await fetch(`https://${instance.host}/identity/connect/token`, { method: "POST" });
    expect(outside.status).toBe(404);
    await outside.arrayBuffer();
  });

  it("lets an OAuth client close its session with POST /entity/auth/logout and refuses cookie sign-in as not simulated", async () => {
    const instance = await createAcumaticaInstance();
    const { access_token } = await acumaticaTokens(instance);
    const logout = await fetch(`${instance.base}/entity/auth/logout`, { method: "POST", headers: { authorization: `Bearer ${access_token}` } });
    expect(logout.status).toBe(204);
    const login = await fetch(`${instance.base}/entity/auth/login`, {
      method: "POST",
      headers: { authorization: `Bearer ${access_token}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "edi.integration", password: "pw-1", tenant: "Company" }),
    });
    expect(login.status).toBe(501);
    await login.arrayBuffer();
  });

  it("an instance that was never created is an unreachable host", async () => {
    await expect(fetch("https://never-created.acumatica.com/entity")).rejects.toThrow("no Acumatica instance 'never-created.acumatica.com'");
  });
});
