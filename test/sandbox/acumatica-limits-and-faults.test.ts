// Licence limits (acumatica.md 5, limits-and-costs.md 2.1) and fault switches on the Acumatica
// simulator: per-minute and concurrency 429s, Retry-After only when configured, commit-then-drop
// on PUT SalesOrder, seeded reproducibility.
import { describe, expect, it } from "vitest";
import { acumaticaFetch, acumaticaTokens, control, createAcumaticaInstance, readJson, salesOrderBody, type AcumaticaInstanceInfo } from "./sandbox-control";

async function statuses(instance: AcumaticaInstanceInfo, token: string, count: number, path = "StockItem?$top=1"): Promise<Array<{ status: number; retryAfter: string | null; text: string }>> {
  const out = [];
  for (let i = 0; i < count; i++) {
    const response = await acumaticaFetch(instance, token, "GET", path);
    out.push({ status: response.status, retryAfter: response.headers.get("retry-after"), text: await response.text() });
  }
  return out;
}

describe("licence limits", () => {
  it("refuses requests past the per-minute limit with 429, counting the token request too", async () => {
    const instance = await createAcumaticaInstance({ requestsPerMinute: 3 });
    const { access_token } = await acumaticaTokens(instance);
    const answers = await statuses(instance, access_token, 3);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 429]);
    expect(answers[2]!.text).toContain("exceeded the limit imposed by the license");
    expect(answers[2]!.retryAfter).toBeNull();

    await control("PATCH", `/acumatica/${instance.host}/settings`, { requestsPerMinute: 1, retryAfterOnLimit: true });
    const limited = await statuses(instance, access_token, 2);
    expect(limited.map((a) => a.status)).toEqual([200, 429]);
    expect(Number(limited[1]!.retryAfter)).toBeGreaterThan(0);
    const counters = await control("GET", `/counters?sim=acumatica&instance=${instance.host}`);
    expect(counters.json).toMatchObject({ throttled: 2, tokenRequests: 1, statuses: { "429": 2 } });
  });

  it("refuses concurrent requests past the concurrency limit", async () => {
    const instance = await createAcumaticaInstance({ maxConcurrent: 1 });
    const { access_token } = await acumaticaTokens(instance);
    await control("PUT", "/faults", { scope: { sim: "acumatica", instance: instance.host }, seed: 1, rules: [{ route: "acumatica.get:StockItem", kind: "delay", delayMs: 300 }] });
    const answers = await Promise.all([0, 1, 2].map(() => acumaticaFetch(instance, access_token, "GET", "StockItem?$top=1")));
    const codes = answers.map((r) => r.status).sort();
    await Promise.all(answers.map((r) => r.arrayBuffer()));
    expect(codes).toEqual([200, 429, 429]);
    await control("DELETE", `/faults?sim=acumatica&instance=${instance.host}`);
    expect((await statuses(instance, access_token, 2)).map((a) => a.status)).toEqual([200, 200]);
  });
});

describe("faults", () => {
  it("commit-then-drop stores the sales order, yet the caller's fetch rejects", async () => {
    const instance = await createAcumaticaInstance();
    const { access_token } = await acumaticaTokens(instance);
    await control("PUT", "/faults", { scope: { sim: "acumatica", instance: instance.host }, seed: 1, rules: [{ route: "acumatica.put:SalesOrder", kind: "drop", times: 1 }] });
    await expect(acumaticaFetch(instance, access_token, "PUT", "SalesOrder", salesOrderBody("DROP-1"))).rejects.toThrow(/connection dropped after commit/);
    const orders = await control("GET", `/acumatica/${instance.host}/orders`);
    expect(orders.json.orders.map((o: any) => o.CustomerOrder)).toEqual(["DROP-1"]);
    const filter = encodeURIComponent("CustomerID eq 'BIGBOX' and CustomerOrder eq 'DROP-1'");
    const found = await readJson(await acumaticaFetch(instance, access_token, "GET", `SalesOrder?$filter=${filter}`));
    expect(found).toHaveLength(1);
  });

  it("injects 500s and 429s on the token route, reproducibly from the seed", async () => {
    const instance = await createAcumaticaInstance();
    const scope = { sim: "acumatica", instance: instance.host };
    const rules = [
      { route: "acumatica.token", kind: "500", probability: 0.3 },
      { route: "acumatica.token", kind: "429", probability: 0.3, retryAfter: 2 },
    ];
    const run = async () => {
      await control("PUT", "/faults", { scope, seed: "token-storm", rules });
      const codes: number[] = [];
      for (let i = 0; i < 12; i++) {
        const response = await fetch(`${instance.base}/identity/connect/token`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ grant_type: "password", client_id: instance.clientId, client_secret: instance.clientSecret, username: instance.username, password: instance.password, scope: "api" }).toString(),
        });
        codes.push(response.status);
        await response.arrayBuffer();
      }
      return codes;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(new Set(first)).toEqual(new Set([200, 429, 500]));
    const log = await control("GET", `/faults?sim=acumatica&instance=${instance.host}`);
    expect(log.json.log.map((entry: any) => entry.kind)).toEqual(first.filter((c) => c !== 200).map(String));
  });
});
