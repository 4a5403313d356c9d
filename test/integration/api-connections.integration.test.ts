// Connections through the API: secrets stored encrypted and never returned, URLs checked by the
// SSRF guard, and a connection only for the tenant's own ERP.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, createTenant, uniqueTenantId } from "../helpers/api";

const SPS_SECRET = "sps-secret-Q7f3Zk9LmN2pX8vB";
const ACU_SECRET = "acu-client-secret-Hh38sk2Jd9";
const ACU_PASSWORD = "acu-password-Pw0rd-77aa1";
const DYN_SECRET = "dyn-secret-Ab~Cd.Ef_Gh-12345";

describe("connections", () => {
  it("stores secrets encrypted, says which are set and never returns them", async () => {
    const id = uniqueTenantId();
    await createTenant(id);
    const sps = await api("PUT", `/v1/tenants/${id}/connections/sps`, { body: { clientId: "sps-client-1", clientSecret: SPS_SECRET } });
    expect(sps.status).toBe(200);
    expect(sps.body.secretsSet).toEqual(["clientSecret"]);
    expect(sps.body.settings).toMatchObject({
      clientId: "sps-client-1",
      apiUrl: "https://api.spscommerce.com",
      authUrl: "https://auth.spscommerce.com/oauth/token",
      audience: "https://spscommerce.com",
      inboundPath: "out/",
      outboundPath: "in/",
      deleteAfterRetrieval: true,
    });
    const acu = await api("PUT", `/v1/tenants/${id}/connections/acumatica`, {
      body: {
        instanceUrl: "https://acme.acumatica.com/",
        endpointVersion: "24.200.001",
        clientId: "0D6A2C1E@Company",
        clientSecret: ACU_SECRET,
        username: "edi.integration",
        password: ACU_PASSWORD,
      },
    });
    expect(acu.status).toBe(200);
    expect(acu.body.secretsSet).toEqual(["clientSecret", "password"]);
    expect(acu.body.settings).toMatchObject({ instanceUrl: "https://acme.acumatica.com", endpointName: "Default", orderType: "SO", requestsPerMinute: 50 });
    const detail = await api("GET", `/v1/tenants/${id}`);
    for (const reply of [sps, acu, detail]) {
      for (const secret of [SPS_SECRET, ACU_SECRET, ACU_PASSWORD]) expect(reply.text).not.toContain(secret);
    }
    expect(detail.body.connections.map((c: { system: string }) => c.system).sort()).toEqual(["acumatica", "sps"]);
    // At rest: no column of the connections table holds a secret in plaintext.
    const rows = await env.DB.prepare("SELECT * FROM connections WHERE tenant_id = ?").bind(id).all();
    const dump = JSON.stringify(rows.results);
    for (const secret of [SPS_SECRET, ACU_SECRET, ACU_PASSWORD]) expect(dump).not.toContain(secret);
    expect(dump).toContain("sps-client-1");
  });

  it("refuses a connection for another ERP than the tenant's", async () => {
    const id = uniqueTenantId();
    await createTenant(id, "acumatica");
    const res = await api("PUT", `/v1/tenants/${id}/connections/dynamics`, {
      body: { environmentUrl: "https://contoso.operations.dynamics.com", entraTenantId: "contoso.onmicrosoft.com", clientId: "c", clientSecret: DYN_SECRET },
    });
    expect(res.status).toBe(400);
    expect(res.text).not.toContain(DYN_SECRET);
  });

  it("refuses private, loopback, credentialed and non-https upstream URLs with a clear reason", async () => {
    const id = uniqueTenantId();
    await createTenant(id);
    for (const instanceUrl of [
      "http://acme.acumatica.com",
      "https://127.0.0.1",
      "https://localhost:8443",
      "https://10.1.2.3",
      "https://169.254.169.254",
      "https://[::1]",
      "https://2130706433",
      "https://0x7f.0.0.1",
      "https://user:pw@acme.acumatica.com",
      "ftp://acme.acumatica.com",
      "https://erp.internal",
    ]) {
      const res = await api("PUT", `/v1/tenants/${id}/connections/acumatica`, {
        body: { instanceUrl, endpointVersion: "24.200.001", clientId: "c@T", clientSecret: ACU_SECRET, username: "u", password: ACU_PASSWORD },
      });
      expect(res.status, instanceUrl).toBe(400);
      expect(res.body.error.details[0].path).toBe("instanceUrl");
      expect(res.text).not.toContain(ACU_PASSWORD);
    }
  });

  it("validates bodies strictly and reports each field", async () => {
    const id = uniqueTenantId();
    await createTenant(id);
    const res = await api("PUT", `/v1/tenants/${id}/connections/acumatica`, {
      body: { instanceUrl: "https://acme.acumatica.com", endpointVersion: "24.2", clientId: "", clientSecret: ACU_SECRET, unknownField: true },
    });
    expect(res.status).toBe(400);
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(["endpointVersion", "clientId", "username", "password"]));
    expect(res.text).not.toContain(ACU_SECRET);
  });
});
