// Addressing of the Entra ID and F&O simulators: host mode (tests: login.microsoftonline.com and
// {env}.operations.dynamics.com) and path mode (npm start: /entra and /dynamics/{env} on
// 127.0.0.1:8788), the built-in demo directory and environment, and hosts nobody created.
import { describe, expect, it } from "vitest";
import { readJson } from "./sandbox-control";

const ORIGIN = "http://127.0.0.1:8788";
const DEMO = { tenantId: "5f3c1e2a-7b4d-4c6e-9a8b-2d1f0e3c4b5a", clientId: "8a2e6c4f-1d3b-4f5a-9c7e-6b4d2f0a8e1c", clientSecret: "demo-entra-secret" };

describe("path mode (npm start)", () => {
  it("serves the demo directory under /entra and the demo environment under /dynamics/demo", async () => {
    const tokenResponse = await fetch(`${ORIGIN}/entra/${DEMO.tenantId}/oauth2/v2.0/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: DEMO.clientId, client_secret: DEMO.clientSecret, scope: `${ORIGIN}/dynamics/demo/.default` }).toString(),
    });
    expect(tokenResponse.status).toBe(200);
    const { access_token } = await readJson(tokenResponse);
    const customers = await readJson(await fetch(`${ORIGIN}/dynamics/demo/data/CustomersV3?$select=CustomerAccount&cross-company=true`, { headers: { authorization: `Bearer ${access_token}` } }));
    expect(customers["@odata.context"]).toBe(`${ORIGIN}/dynamics/demo/data/$metadata#CustomersV3(CustomerAccount)`);
    expect(customers.value).toHaveLength(6); // 4 in usmf + 2 in demf
    expect((await readJson(await fetch(`${ORIGIN}/`))).dynamics).toEqual({ environmentUrl: `${ORIGIN}/dynamics/demo`, authorityUrl: `${ORIGIN}/entra` });
  });

  it("answers 404 for an environment that was never created, and 501 for Entra endpoints it does not simulate", async () => {
    const missing = await fetch(`${ORIGIN}/dynamics/contoso/data/CustomersV3`);
    expect(missing.status).toBe(404);
    expect((await readJson(missing)).error).toBe("no_such_environment");
    expect((await fetch(`${ORIGIN}/entra/${DEMO.tenantId}/oauth2/token`, { method: "POST" })).status).toBe(501);
  });
});

describe("host mode", () => {
  it("makes the caller's fetch reject for an environment host nobody created (no such DNS name)", async () => {
    await expect(fetch("https://contoso.operations.dynamics.com/data/SalesOrderHeadersV2")).rejects.toThrow("no F&O environment 'contoso.operations.dynamics.com'");
  });

  it("answers the token endpoint for any tenant, in Entra's error shape when the tenant is unknown", async () => {
    const response = await fetch(`https://login.microsoftonline.com/${crypto.randomUUID()}/oauth2/v2.0/token`, { method: "POST", body: "x" });
    expect(response.status).toBe(400);
    expect((await readJson(response)).error_codes).toEqual([90002]);
  });

  it("answers 401 without a bearer token", async () => {
    const response = await fetch(`${ORIGIN}/dynamics/demo/data/CustomersV3`);
    expect(response.status).toBe(401);
    expect((await readJson(response)).Message).toBe("Authentication failed.");
  });
});
