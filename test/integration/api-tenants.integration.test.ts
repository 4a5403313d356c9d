// Tenants through the API: creation, conflicts, validation envelopes, detail, update; and the
// public endpoints (health, OpenAPI document, reference page).
import { describe, expect, it } from "vitest";
import { api, createTenant, uniqueTenantId } from "../helpers/api";

describe("tenants", () => {
  it("creates a tenant with defaults and refuses a second one with the same id", async () => {
    const id = uniqueTenantId("acme");
    const res = await api("POST", "/v1/tenants", { body: { id, name: "Acme Candles", erp: "acumatica" } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id, name: "Acme Candles", erp: "acumatica", pollIntervalMinutes: 5, documentFormat: "xml", status: "active" });
    const again = await api("POST", "/v1/tenants", { body: { id, name: "Other", erp: "dynamics" } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("conflict");
  });

  it("answers a bad body with one 400 envelope listing every problem", async () => {
    const res = await api("POST", "/v1/tenants", { body: { id: "Bad Id!", name: "", erp: "sap", pollIntervalMinutes: 0, extra: 1 } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_request");
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(["id", "name", "erp", "pollIntervalMinutes"]));
    const notJson = await api("POST", "/v1/tenants", { raw: "{not json", contentType: "application/json" });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.code).toBe("invalid_request");
  });

  it("shows a tenant with its connections and counts, and updates it", async () => {
    const id = uniqueTenantId();
    await createTenant(id, "dynamics", { pollIntervalMinutes: 15, documentFormat: "json" });
    const detail = await api("GET", `/v1/tenants/${id}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ id, erp: "dynamics", pollIntervalMinutes: 15, documentFormat: "json", connections: [], counts: {}, partners: 0, itemMappings: 0 });
    const patched = await api("PATCH", `/v1/tenants/${id}`, { body: { pollIntervalMinutes: 2, status: "paused", gs1CompanyPrefix: "0812345" } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ pollIntervalMinutes: 2, status: "paused", gs1CompanyPrefix: "0812345" });
    expect((await api("GET", `/v1/tenants/${uniqueTenantId("missing")}`)).status).toBe(404);
  });

  it("serves health, the OpenAPI document and a readable reference page without a token", async () => {
    const health = await api("GET", "/health", { token: null });
    expect(health.status).toBe(200);
    expect(health.body.ok).toBe(true);
    const doc = await api("GET", "/v1/openapi.json", { token: null });
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    for (const path of [
      "/v1/tenants",
      "/v1/tenants/{tenant}",
      "/v1/tenants/{tenant}/connections/sps",
      "/v1/tenants/{tenant}/connections/acumatica",
      "/v1/tenants/{tenant}/connections/dynamics",
      "/v1/tenants/{tenant}/connections/{system}/test",
      "/v1/tenants/{tenant}/readiness",
      "/v1/tenants/{tenant}/partners/{partnerId}",
      "/v1/tenants/{tenant}/items",
      "/v1/tenants/{tenant}/documents",
      "/v1/tenants/{tenant}/documents/{id}",
      "/v1/tenants/{tenant}/documents/{id}/replay",
      "/v1/tenants/{tenant}/poll",
    ]) {
      expect(doc.body.paths[path], path).toBeDefined();
    }
    // The request schemas in the document are the ones that validate: the tenant id pattern shows.
    expect(JSON.stringify(doc.body.components.schemas.CreateTenant)).toContain("^[a-z0-9][a-z0-9-]{0,62}$");
    const page = await api("GET", "/docs", { token: null });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    expect(page.text).toContain("/v1/tenants/{tenant}/documents/{id}/replay");
    expect(page.text).not.toMatch(/<script/);
  });

  it("answers unknown routes with the error envelope", async () => {
    const res = await api("GET", "/v2/nothing");
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not_found");
  });
});
