// Authentication and tenant isolation of the HTTP API: missing, malformed, unsigned, wrongly
// signed and expired tokens get 401; a tenant token is confined to its tenant (403).
import { env } from "cloudflare:test";
import { SignJWT, UnsecuredJWT } from "jose";
import { describe, expect, it } from "vitest";
import { api, createTenant, mintToken, tenantToken, uniqueTenantId } from "../helpers/api";

describe("API authentication", () => {
  it("refuses a request without a token", async () => {
    const res = await api("GET", "/v1/tenants", { token: null });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("unauthorized");
  });

  it("refuses malformed, unsigned, wrongly signed and expired tokens", async () => {
    const unsigned = new UnsecuredJWT({ role: "operator" }).setIssuedAt().setExpirationTime("1h").encode();
    const wrongKey = await mintToken({ role: "operator" }, { key: "not-the-signing-key-but-long-enough" });
    const expired = await new SignJWT({ role: "operator" })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(new TextEncoder().encode(env.API_SIGNING_KEY));
    for (const token of ["not-a-jwt", unsigned, wrongKey, expired]) {
      const res = await api("GET", "/v1/tenants", { token });
      expect(res.status, token).toBe(401);
      expect(res.body.error.code).toBe("unauthorized");
    }
    const res = await api("GET", "/v1/tenants", { token: expired });
    expect(res.body.error.message).toMatch(/expired/);
  });

  it("refuses a token without a valid role claim", async () => {
    for (const claims of [{}, { role: "admin" }, { role: "tenant" }]) {
      const res = await api("GET", "/v1/tenants", { token: await mintToken(claims) });
      expect(res.status).toBe(401);
    }
  });

  it("confines a tenant token to its own tenant", async () => {
    const mine = uniqueTenantId("mine");
    const other = uniqueTenantId("other");
    await createTenant(mine);
    await createTenant(other);
    const token = await tenantToken(mine);
    expect((await api("GET", `/v1/tenants/${mine}`, { token })).status).toBe(200);
    for (const [method, path, body] of [
      ["GET", `/v1/tenants/${other}`],
      ["GET", `/v1/tenants/${other}/documents`],
      ["GET", `/v1/tenants/${other}/documents/doc_X`],
      ["POST", `/v1/tenants/${other}/documents/doc_X/replay`, {}],
      ["POST", `/v1/tenants/${other}/poll`],
      ["PUT", `/v1/tenants/${other}/partners/ABC`, { customerId: "C" }],
      ["PUT", `/v1/tenants/${other}/items`, []],
      ["PUT", `/v1/tenants/${other}/connections/sps`, { clientId: "a", clientSecret: "b" }],
      ["POST", `/v1/tenants/${other}/connections/sps/test`],
      ["GET", `/v1/tenants/does-not-exist`],
    ] as const) {
      const res = await api(method, path, { token, body });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.text).not.toContain(other.toUpperCase());
    }
    const list = await api("GET", "/v1/tenants", { token });
    expect(list.body.tenants.map((t: { id: string }) => t.id)).toEqual([mine]);
  });

  it("lets only operators create tenants", async () => {
    const res = await api("POST", "/v1/tenants", { token: await tenantToken("x"), body: { id: uniqueTenantId(), name: "n", erp: "acumatica" } });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("forbidden");
  });
});
