// The Dynamics connection test in plain words: a good connection passes (token, one read, every entity
// set the connector uses); a wrong client secret, a wrong Entra tenant, an environment URL Entra does
// not know, and an environment that does not accept the app each say what to fix.
import { describe, expect, it } from "vitest";
import { api } from "../helpers/api";
import { control } from "../sandbox/sandbox-control";
import { createDynamicsWorld, type DynamicsWorld } from "../helpers/dynamics-world";

async function putConnection(dw: DynamicsWorld, changes: Record<string, unknown>) {
  const res = await api("PUT", `/v1/tenants/${dw.tenantId}/connections/dynamics`, {
    body: { environmentUrl: dw.fo.environmentUrl, entraTenantId: dw.fo.entraTenantId, clientId: dw.fo.clientId, clientSecret: dw.fo.clientSecret, ...changes },
  });
  expect(res.status).toBe(200);
}

async function connectionTest(dw: DynamicsWorld) {
  const res = await api("POST", `/v1/tenants/${dw.tenantId}/connections/dynamics/test`);
  expect(res.status).toBe(200);
  return res.body as { ok: boolean; checks: { name: string; ok: boolean; message: string }[] };
}

describe("the Dynamics connection test", () => {
  it("passes a good connection: token, one read, and every entity set the connector uses", async () => {
    const dw = await createDynamicsWorld({ partners: false, items: false });
    const result = await connectionTest(dw);
    expect(result.ok).toBe(true);
    expect(result.checks).toEqual([
      { name: "token", ok: true, message: "obtained an access token" },
      { name: "read", ok: true, message: `read 1 customer record from ${dw.fo.environmentUrl}` },
      { name: "entities", ok: true, message: "the 10 entity sets the connector uses are published" },
      { name: "posting-times", ok: true, message: "packing slips by posting time (CreatedOn); invoices by posting time (CreatedOn); order confirmations by ConfirmationDate, reaching back 3 days (lookbackDays)" },
      { name: "order-write", ok: true, message: "sales orders are written two-step: the header, then its lines posted to SalesOrderLines with the header's number (the documented path)" },
    ]);
    // The connection shows as ok on the tenant, and the secrets (client secret, webhook secret) are set but never returned.
    const tenant = await api("GET", `/v1/tenants/${dw.tenantId}`);
    const connection = tenant.body.connections.find((c: any) => c.system === "dynamics");
    expect(connection.status).toBe("ok");
    expect(connection.secretsSet).toEqual(["clientSecret", "webhookSecret"]);
    expect(JSON.stringify(tenant.body)).not.toContain(dw.hookSecret);
  });

  it("says the client secret is wrong", async () => {
    const dw = await createDynamicsWorld({ partners: false, items: false });
    await putConnection(dw, { clientSecret: "not-the-secret-of-this-app" });
    const result = await connectionTest(dw);
    expect(result.ok).toBe(false);
    expect(result.checks).toEqual([{ name: "token", ok: false, message: expect.stringContaining("Entra ID refused the client secret (invalid or expired)") }]);
  });

  it("says the Entra tenant does not exist", async () => {
    const dw = await createDynamicsWorld({ partners: false, items: false });
    const wrongTenant = crypto.randomUUID();
    await putConnection(dw, { entraTenantId: wrongTenant });
    const result = await connectionTest(dw);
    expect(result.checks).toEqual([{ name: "token", ok: false, message: `Entra ID tenant ${wrongTenant} was not found; check entraTenantId` }]);
  });

  it("says Entra knows no such environment when the URL names another one", async () => {
    const dw = await createDynamicsWorld({ partners: false, items: false });
    await putConnection(dw, { environmentUrl: "https://contoso-typo.operations.dynamics.com" });
    const result = await connectionTest(dw);
    expect(result.checks).toEqual([
      { name: "token", ok: false, message: expect.stringContaining("Entra ID has no resource https://contoso-typo.operations.dynamics.com in this tenant; check environmentUrl") },
    ]);
  });

  it("says the environment does not accept the app when F&O refuses the token", async () => {
    const dw = await createDynamicsWorld({ partners: false, items: false });
    // The app is no longer registered under "Microsoft Entra ID applications" in F&O.
    expect((await control("PATCH", `/dynamics/${dw.fo.host}/settings`, { clientIds: [crypto.randomUUID()] })).status).toBe(200);
    const result = await connectionTest(dw);
    expect(result.ok).toBe(false);
    expect(result.checks[0]).toEqual({ name: "token", ok: true, message: "obtained an access token" });
    expect(result.checks[1]!.name).toBe("read");
    expect(result.checks[1]!.message).toMatch(/^Dynamics 365 at https:\/\/.* refused the access token Entra ID issued/);
    expect(result.checks[1]!.message).toContain(`Register the app (client id ${dw.fo.clientId}) in F&O under System administration > Setup > Microsoft Entra ID applications`);
    const tenant = await api("GET", `/v1/tenants/${dw.tenantId}`);
    expect(tenant.body.connections.find((c: any) => c.system === "dynamics").status).toBe("broken");
  });
});
