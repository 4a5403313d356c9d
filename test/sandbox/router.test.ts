// Addressing: host mode (tests), path mode (npm start on 127.0.0.1:8788), reserved hosts, the
// control prefix on any host, and loud failures for hosts nobody simulates.
import { describe, expect, it } from "vitest";
import { control, createSpsAccount, readJson } from "./sandbox-control";

describe("host mode", () => {
  it("makes the caller's fetch reject for a host no simulator serves", async () => {
    await expect(fetch("https://example.com/anything")).rejects.toThrow("sandbox: no simulator for host example.com");
    await expect(fetch("https://api.spscommerce.net/authorization/v1/token", { method: "POST", body: "{}" })).rejects.toThrow("no simulator for host api.spscommerce.net");
  });

  it("serves only control calls on sandbox.control", async () => {
    expect((await fetch("https://sandbox.control/__sandbox/health")).status).toBe(200);
    await expect(fetch("https://sandbox.control/transactions/v5/data/out/")).rejects.toThrow("only serves control calls");
  });

  it("answers the control prefix on any host", async () => {
    expect(await readJson(await fetch("https://api.spscommerce.com/__sandbox/health"))).toEqual({ ok: true });
  });
});

describe("path mode (npm start)", () => {
  const origin = "http://127.0.0.1:8788";

  it("serves SPS under /sps and /sps-auth with URLs in the same mode", async () => {
    // A fresh account: the demo account is shared with everything else that runs against the sandbox.
    const account = await createSpsAccount();
    const token = await readJson(
      await fetch(`${origin}/sps-auth/oauth/token`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ grant_type: "client_credentials", client_id: account.clientId, client_secret: account.clientSecret, audience: "https://spscommerce.com" }),
      }),
    );
    expect(token.access_token).toEqual(expect.any(String));
    const upload = await fetch(`${origin}/sps/transactions/v5/data/in/PR-path-mode.xml`, {
      method: "POST",
      headers: { authorization: `Bearer ${token.access_token}`, "content-type": "application/octet-stream" },
      body: "<OrderAcks/>",
    });
    expect(await readJson(upload)).toEqual({ path: "/in/PR-path-mode.xml", url: `${origin}/sps/transactions/v5/data/in/PR-path-mode.xml` });
    const listing = await readJson(await fetch(`${origin}/sps/transactions/v5/data/`, { headers: { authorization: `Bearer ${token.access_token}` } }));
    expect(listing.results.map((r: any) => r.url)).toEqual([`${origin}/sps/transactions/v5/data/in/`, `${origin}/sps/transactions/v5/data/out/`]);
  });

  it("has the built-in demo SPS account", async () => {
    const demo = await control("GET", "/sps/accounts/demo-sps-client");
    expect(demo.json).toMatchObject({ clientId: "demo-sps-client", folders: ["in/", "out/", "testin/", "testout/"] });
  });

  it("serves the demo Acumatica instance under /acumatica/demo", async () => {
    const base = "http://localhost:8788/acumatica/demo";
    const token = await readJson(
      await fetch(`${base}/identity/connect/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          grant_type: "password",
          client_id: "6E3B9C1A-2F4D-4B8E-9A1C-7D5E3F2B1A90@Company",
          client_secret: "demo-acumatica-secret",
          username: "edi.integration",
          password: "demo-password",
          scope: "api offline_access",
        }).toString(),
      }),
    );
    const discovery = await readJson(await fetch(`${base}/entity`, { headers: { authorization: `Bearer ${token.access_token}` } }));
    expect(discovery.endpoints[0].href).toBe(`${base}/entity/Default/24.200.001/`);
  });

  it("answers unknown mounts without throwing (Entra and F&O mounts: dynamics-routing.test.ts)", async () => {
    expect((await fetch(`${origin}/nothing-here`)).status).toBe(404);
    expect((await fetch(`${origin}/acumatica/no-such-instance/entity`)).status).toBe(404);
    expect((await readJson(await fetch(`${origin}/`))).sps.apiUrl).toBe(`${origin}/sps`);
  });
});
