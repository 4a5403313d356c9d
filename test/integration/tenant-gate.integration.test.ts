// The TenantGate Durable Object against the sandbox's token endpoints: single-flight token cache,
// refresh ahead of expiry, exactly one refresh after a 401, backoff windows (Retry-After in seconds
// and as an HTTP date), request budget pacing, and poll leases.
import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { gatedRequest } from "../../src/lib/gated-request";
import { TenantGateClient } from "../../src/tenant-gate/client";
import type { TenantGate } from "../../src/tenant-gate/gate";
import { control } from "../sandbox/sandbox-control";
import { createWorld, spsCounters } from "../helpers/world";

function stubOf(tenantId: string, system: "sps" | "acumatica") {
  return env.TENANT_GATE.get(env.TENANT_GATE.idFromName(`${tenantId}:${system}`)) as DurableObjectStub<TenantGate>;
}

async function setClock(tenantId: string, system: "sps" | "acumatica", nowMs: number) {
  await runInDurableObject(stubOf(tenantId, system), (instance) => {
    (instance as TenantGate).now = () => nowMs;
  });
}

describe("TenantGate", () => {
  it("answers ten concurrent token requests with one token request upstream", async () => {
    const world = await createWorld({ partners: false, items: false });
    const gate = new TenantGateClient(env, world.tenantId, "sps");
    const permits = await Promise.all(Array.from({ length: 10 }, () => gate.acquire()));
    const tokens = new Set(permits.map((p) => (p.ok ? p.token : "refused")));
    expect(tokens.size).toBe(1);
    expect([...tokens][0]).not.toBe("refused");
    expect((await spsCounters(world.sps.clientId)).tokenRequests).toBe(1);
    expect((await gate.status()).tokenRequests).toBe(1);
  });

  it("refreshes ahead of expiry, not at every call", async () => {
    const world = await createWorld({ partners: false, items: false, spsAccount: { tokenTtlSeconds: 100 } });
    const gate = new TenantGateClient(env, world.tenantId, "sps");
    const t0 = Date.now();
    await setClock(world.tenantId, "sps", t0);
    const first = await gate.acquire();
    await setClock(world.tenantId, "sps", t0 + 50_000);
    const middle = await gate.acquire();
    expect(middle.ok && first.ok && middle.token === first.token).toBe(true);
    // Inside the last fifth of the lifetime: a new token before the old one expires.
    await setClock(world.tenantId, "sps", t0 + 85_000);
    const late = await gate.acquire();
    expect(late.ok && first.ok && late.token !== first.token).toBe(true);
    expect((await spsCounters(world.sps.clientId)).tokenRequests).toBe(2);
  });

  it("refreshes exactly once when several callers report the same token as rejected", async () => {
    const world = await createWorld({ partners: false, items: false });
    const gate = new TenantGateClient(env, world.tenantId, "sps");
    const first = await gate.acquire();
    if (!first.ok) throw new Error("no token");
    const results = await Promise.all(Array.from({ length: 5 }, () => gate.invalidateToken(first.token!)));
    expect(results.filter(Boolean)).toHaveLength(1);
    const after = await Promise.all(Array.from({ length: 5 }, () => gate.acquire()));
    expect(new Set(after.map((p) => (p.ok ? p.token : "x"))).size).toBe(1);
    expect((await spsCounters(world.sps.clientId)).tokenRequests).toBe(2);
  });

  it("refreshes once after a 401 from the API and retries the call", async () => {
    const world = await createWorld({ partners: false, items: false });
    const gate = new TenantGateClient(env, world.tenantId, "sps");
    await gate.acquire();
    await control("POST", `/sps/accounts/${encodeURIComponent(world.sps.clientId)}/tokens/expire`);
    const res = await gatedRequest(gate, {
      what: "list out/",
      system: "sps",
      build: (token) => ({ url: "https://api.spscommerce.com/transactions/v5/data/out/", headers: { authorization: `Bearer ${token}` }, timeoutMs: 5000, system: "sps" }),
    });
    expect(res.status).toBe(200);
    expect((await spsCounters(world.sps.clientId)).tokenRequests).toBe(2);
  });

  it("opens a backoff window from Retry-After in seconds", async () => {
    const world = await createWorld({ partners: false, items: false });
    const gate = new TenantGateClient(env, world.tenantId, "sps");
    const t0 = Date.now();
    await setClock(world.tenantId, "sps", t0);
    await gate.acquire();
    const until = await gate.reportThrottle(7000, 429);
    expect(until).toBe(t0 + 7000);
    const refused = await gate.acquire();
    expect(refused).toEqual({ ok: false, reason: "backoff", waitMs: 7000, lastStatus: 429 });
    await setClock(world.tenantId, "sps", t0 + 7001);
    expect((await gate.acquire()).ok).toBe(true);
  });

  it("honours a Retry-After HTTP date from a real 429", async () => {
    const world = await createWorld({ partners: false, items: false });
    const gate = new TenantGateClient(env, world.tenantId, "sps");
    await control("PUT", "/faults", {
      scope: { sim: "sps", account: world.sps.clientId },
      seed: 1,
      rules: [{ route: "sps.list", kind: "429", times: 1, retryAfter: 30, retryAfterFormat: "http-date" }],
    });
    const call = () =>
      gatedRequest(gate, {
        what: "list out/",
        system: "sps",
        maxInlineWaitMs: 0,
        build: (token) => ({ url: "https://api.spscommerce.com/transactions/v5/data/out/", headers: { authorization: `Bearer ${token}` }, timeoutMs: 5000, system: "sps" }),
      });
    await expect(call()).rejects.toMatchObject({ kind: "throttled", retryable: true });
    const status = await gate.status();
    // An HTTP date has one-second resolution: the window ends 29 to 31 s from now.
    expect(status.backoffUntil! - Date.now()).toBeGreaterThan(28_000);
    expect(status.backoffUntil! - Date.now()).toBeLessThanOrEqual(31_000);
    await expect(call()).rejects.toMatchObject({ kind: "throttled", message: expect.stringMatching(/answered 429 recently/) });
  });

  it("backs off with full jitter when no Retry-After is given, growing with consecutive failures", async () => {
    const world = await createWorld({ partners: false, items: false });
    const gate = new TenantGateClient(env, world.tenantId, "sps");
    const t0 = Date.now();
    await runInDurableObject(stubOf(world.tenantId, "sps"), (instance) => {
      const g = instance as TenantGate;
      g.now = () => t0;
      g.random = () => 0.999;
    });
    // Test config: base 100 ms, cap 2 s.
    expect(await gate.reportThrottle(undefined, 503)).toBe(t0 + 99);
    expect(await gate.reportThrottle(undefined, 503)).toBe(t0 + 199);
    expect(await gate.reportThrottle(undefined, 503)).toBe(t0 + 399);
  });

  it("paces requests to the licence limit", async () => {
    const world = await createWorld({ partners: false, items: false });
    const gate = new TenantGateClient(env, world.tenantId, "acumatica");
    const t0 = Date.now();
    await setClock(world.tenantId, "acumatica", t0);
    expect((await gate.acquire({ needToken: false, requestsPerMinute: 60 })).ok).toBe(true);
    const second = await gate.acquire({ needToken: false, requestsPerMinute: 60 });
    expect(second).toMatchObject({ ok: false, reason: "budget" });
    if (!second.ok && second.reason === "budget") expect(second.waitMs).toBeGreaterThan(1000);
    await setClock(world.tenantId, "acumatica", t0 + 1100);
    expect((await gate.acquire({ needToken: false, requestsPerMinute: 60 })).ok).toBe(true);
  });

  it("gives a stream to one poller at a time until released or expired", async () => {
    const world = await createWorld({ partners: false, items: false });
    const gate = new TenantGateClient(env, world.tenantId, "sps");
    const t0 = Date.now();
    await setClock(world.tenantId, "sps", t0);
    const first = await gate.acquireLease("sps:inbound", 60_000);
    expect(first.ok).toBe(true);
    expect(await gate.acquireLease("sps:inbound", 60_000)).toEqual({ ok: false, heldUntil: t0 + 60_000 });
    expect((await gate.acquireLease("erp:shipments", 60_000)).ok).toBe(true);
    expect(await gate.releaseLease("sps:inbound", "not-the-lease")).toBe(false);
    if (first.ok) expect(await gate.releaseLease("sps:inbound", first.leaseId)).toBe(true);
    const second = await gate.acquireLease("sps:inbound", 60_000);
    expect(second.ok).toBe(true);
    await setClock(world.tenantId, "sps", t0 + 60_001);
    expect((await gate.acquireLease("sps:inbound", 60_000)).ok).toBe(true);
  });

  it("reports refused credentials in plain words and marks the connection broken", async () => {
    const world = await createWorld({ partners: false, items: false });
    await control("POST", "/sps/accounts", { clientId: world.sps.clientId, clientSecret: "rotated-elsewhere" });
    const gate = new TenantGateClient(env, world.tenantId, "sps");
    const refused = await gate.acquire();
    expect(refused).toMatchObject({ ok: false, reason: "token", failure: { kind: "auth_config", retryable: false } });
    if (!refused.ok && refused.reason === "token") expect(refused.failure.message).toMatch(/client id or secret/);
    const rows = await env.DB.prepare("SELECT status, status_message FROM connections WHERE tenant_id = ? AND system = 'sps'").bind(world.tenantId).first<{ status: string; status_message: string }>();
    expect(rows?.status).toBe("broken");
    // The cooldown keeps the gate from hammering the token endpoint with credentials that fail.
    await gate.acquire();
    expect((await spsCounters(world.sps.clientId)).tokenRequests).toBe(1);
  });
});
