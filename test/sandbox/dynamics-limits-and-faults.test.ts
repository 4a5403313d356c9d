// Service protection and failure switches of the F&O simulator (dynamics-365-fo.md section 5 and
// gotcha 9): the per-environment request-rate switch answers 429 with Retry-After, the "AOS
// restart" cold start makes the first call slow, and the shared fault engine (429, 500, drop =
// commit-then-drop) works per environment scope, including on $batch.
import { describe, expect, it } from "vitest";
import { changesetBatch, createFoWorld, foFetch, foToken, orderHeader, postBatch, q } from "./dynamics-helpers";
import { control, readJson } from "./sandbox-control";

async function timed(run: () => Promise<Response>): Promise<{ status: number; ms: number }> {
  const started = Date.now();
  const response = await run();
  await response.arrayBuffer();
  return { status: response.status, ms: Date.now() - started };
}

describe("request-rate switch", () => {
  it("answers 429 with Retry-After in seconds past the per-minute limit", async () => {
    const world = await createFoWorld({ requestsPerMinute: 2 });
    const token = await foToken(world);
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 3; i++) {
      last = await foFetch(world, token, "GET", "CustomersV3?$top=1");
      statuses.push(last.status);
      if (i < 2) await last.arrayBuffer();
    }
    expect(statuses).toEqual([200, 200, 429]);
    expect(last!.headers.get("retry-after")).toMatch(/^[1-9]\d*$/);
    expect((await readJson(last!)).error.message).toContain("high resource utilization");
    const counters = await control("GET", `/counters?sim=dynamics&environment=${world.host}`);
    expect(counters.json).toMatchObject({ throttled: 1, statuses: { "200": 2, "429": 1 } });
    await control("PATCH", `/dynamics/${world.host}/settings`, { requestsPerMinute: null });
    expect((await timed(() => foFetch(world, token, "GET", "CustomersV3?$top=1"))).status).toBe(200);
  });
});

describe("cold start", () => {
  it("makes the first call after an AOS restart slow, and the next one fast", async () => {
    const world = await createFoWorld({ coldStart: { afterIdleSeconds: 3600, delayMs: 700 } });
    const token = await foToken(world);
    expect((await timed(() => foFetch(world, token, "GET", "CustomersV3?$top=1"))).ms).toBeLessThan(500);
    await control("POST", `/dynamics/${world.host}/restart`, {});
    const cold = await timed(() => foFetch(world, token, "GET", "CustomersV3?$top=1"));
    expect(cold.status).toBe(200);
    expect(cold.ms).toBeGreaterThanOrEqual(650);
    expect((await timed(() => foFetch(world, token, "GET", "CustomersV3?$top=1"))).ms).toBeLessThan(500);
  });

  it("makes the first call after the idle time slow", async () => {
    const world = await createFoWorld({ coldStart: { afterIdleSeconds: 0.4, delayMs: 600 } });
    const token = await foToken(world);
    await new Promise((resolve) => setTimeout(resolve, 450));
    const cold = await timed(() => foFetch(world, token, "GET", "CustomersV3?$top=1"));
    expect(cold.ms).toBeGreaterThanOrEqual(550);
    expect((await timed(() => foFetch(world, token, "GET", "CustomersV3?$top=1"))).ms).toBeLessThan(400);
  });
});

describe("faults", () => {
  it("commit-then-drop stores the order, yet the caller's fetch rejects", async () => {
    const world = await createFoWorld();
    const token = await foToken(world);
    await control("PUT", "/faults", { scope: { sim: "dynamics", environment: world.host }, rules: [{ route: "dynamics.post:SalesOrderHeadersV2", kind: "drop", times: 1 }] });
    await expect(foFetch(world, token, "POST", "SalesOrderHeadersV2", orderHeader("PO-DROP-1"))).rejects.toThrow(/connection dropped after commit/);
    const found = await readJson(
      await foFetch(world, token, "GET", `SalesOrderHeadersV2?${q({ $filter: "dataAreaId eq 'usmf' and OrderingCustomerAccountNumber eq 'BIGBOX' and CustomersOrderReference eq 'PO-DROP-1'", $select: "SalesOrderNumber" })}&cross-company=true`),
    );
    expect(found.value).toHaveLength(1);
    const counters = await control("GET", `/counters?sim=dynamics&environment=${world.host}`);
    expect(counters.json.statuses.dropped).toBe(1);
  });

  it("commit-then-drop on a $batch operation commits the changeset, yet the fetch rejects", async () => {
    const world = await createFoWorld({ navigationPosts: true });
    const token = await foToken(world);
    await control("PUT", "/faults", { scope: { sim: "dynamics", environment: world.host }, rules: [{ route: "dynamics.batch.post:SalesOrderLines", kind: "drop", times: 1 }] });
    const batch = changesetBatch([
      { method: "POST", url: "SalesOrderHeadersV2", contentId: "1", body: orderHeader("PO-DROP-BATCH") },
      { method: "POST", url: "$1/SalesOrderLines", contentId: "2", body: { ItemNumber: "GIFTSET-03", OrderedSalesQuantity: 2 } },
    ]);
    await expect(postBatch(world, token, batch)).rejects.toThrow(/connection dropped after commit/);
    const orders = (await control("GET", `/dynamics/${world.host}/orders`)).json.orders;
    expect(orders.map((o: any) => [o.CustomersOrderReference, o.lines.length])).toEqual([["PO-DROP-BATCH", 1]]);
  });

  it("answers injected 500s and 429s (with or without Retry-After) in OData's error shape, reproducibly", async () => {
    const world = await createFoWorld();
    const token = await foToken(world);
    const scope = { sim: "dynamics", environment: world.host };
    const rules = [
      { route: "dynamics.get:*", kind: "500", probability: 0.3 },
      { route: "dynamics.get:*", kind: "429", probability: 0.3, retryAfter: 2 },
      { route: "dynamics.get:*", kind: "429", probability: 0.3 },
    ];
    const run = async () => {
      await control("PUT", "/faults", { scope, seed: "fo-storm", rules });
      const seen: Array<[number, string | null]> = [];
      for (let i = 0; i < 15; i++) {
        const response = await foFetch(world, token, "GET", "CustomersV3?$top=1");
        const body = await readJson(response);
        if (response.status !== 200) expect(body.error).toMatchObject({ code: "", message: expect.any(String), innererror: expect.any(Object) });
        seen.push([response.status, response.headers.get("retry-after")]);
      }
      return seen;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(new Set(first.map(([status]) => status))).toEqual(new Set([200, 429, 500]));
    expect(first.some(([status, retry]) => status === 429 && retry === "2")).toBe(true);
    expect(first.some(([status, retry]) => status === 429 && retry === null)).toBe(true);
    await control("DELETE", `/faults?sim=dynamics&environment=${world.host}`);
  });
});
