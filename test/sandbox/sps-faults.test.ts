// Fault switches on the SPS simulator: seeded and reproducible, limited with `times`, 429 with and
// without Retry-After, slow answers, commit-then-drop, duplicate listings, and the counters.
import { beforeEach, describe, expect, it } from "vitest";
import { control, createSpsAccount, dropSpsFile, readJson, SPS_DATA, spsToken } from "./sandbox-control";

let account: { clientId: string; clientSecret: string };
let auth: { authorization: string };

beforeEach(async () => {
  account = await createSpsAccount();
  auth = { authorization: `Bearer ${await spsToken(account)}` };
});

function setFaults(seed: number | string, rules: unknown[]) {
  return control("PUT", "/faults", { scope: { sim: "sps", account: account.clientId }, seed, rules });
}

async function statusesOf(count: number, url: string): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) {
    const response = await fetch(url, { headers: auth });
    statuses.push(response.status);
    await response.arrayBuffer();
  }
  return statuses;
}

describe("seeded faults", () => {
  it("gives the same fault sequence for the same seed and request sequence", async () => {
    const rules = [{ route: "sps.list", kind: "429", probability: 0.5 }];
    expect((await setFaults(42, rules)).status).toBe(200);
    const first = await statusesOf(16, `${SPS_DATA}/out/`);
    await setFaults(42, rules);
    const second = await statusesOf(16, `${SPS_DATA}/out/`);
    expect(second).toEqual(first);
    expect(first).toContain(429);
    expect(first).toContain(200);
    await setFaults(7, rules);
    const otherSeed = await statusesOf(16, `${SPS_DATA}/out/`);
    expect(otherSeed).not.toEqual(first);
    const log = await control("GET", `/faults?sim=sps&account=${account.clientId}`);
    expect(log.json.log.length).toBe(otherSeed.filter((s) => s === 429).length);
  });

  it("limits a rule to the first N matching requests (fail twice, then succeed)", async () => {
    await dropSpsFile(account.clientId, "out/PO1.xml", "<x/>");
    await setFaults(1, [{ route: "sps.get", kind: "500", times: 2 }]);
    expect(await statusesOf(4, `${SPS_DATA}/out/PO1.xml`)).toEqual([500, 500, 200, 200]);
    const faults = await control("GET", `/faults?sim=sps&account=${account.clientId}`);
    expect(faults.json.rules[0]).toMatchObject({ matched: 2, remaining: 0 });
  });

  it("answers 429 with Retry-After in seconds, as an HTTP date, or without it", async () => {
    await setFaults(1, [
      { route: "sps.list", kind: "429", times: 1, retryAfter: 7 },
      { route: "sps.list", kind: "429", times: 1, retryAfter: 30, retryAfterFormat: "http-date" },
      { route: "sps.list", kind: "429", times: 1 },
    ]);
    const headers: Array<string | null> = [];
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${SPS_DATA}/out/`, { headers: auth });
      expect(response.status).toBe(429);
      headers.push(response.headers.get("retry-after"));
      await response.arrayBuffer();
    }
    expect(headers[0]).toBe("7");
    expect(Date.parse(headers[1]!)).toBeGreaterThan(Date.now());
    expect(headers[2]).toBeNull();
  });

  it("matches rules by method and path glob", async () => {
    await setFaults(1, [{ method: "POST", path: "/transactions/v5/data/in/*", kind: "500" }]);
    const upload = await fetch(`${SPS_DATA}/in/a.xml`, { method: "POST", headers: { ...auth, "content-type": "application/octet-stream" }, body: "<x/>" });
    expect(upload.status).toBe(500);
    await upload.arrayBuffer();
    expect(await statusesOf(1, `${SPS_DATA}/in/`)).toEqual([200]);
  });
});

describe("connection faults", () => {
  it("commit-then-drop stores the upload, yet the caller's fetch rejects", async () => {
    await setFaults(1, [{ route: "sps.upload", kind: "drop", times: 1 }]);
    await expect(
      fetch(`${SPS_DATA}/in/IN000001.xml`, { method: "POST", headers: { ...auth, "content-type": "application/octet-stream" }, body: "<Invoices/>" }),
    ).rejects.toThrow(/connection dropped after commit/);
    const files = await control("GET", `/sps/accounts/${account.clientId}/files?prefix=in/`);
    expect(files.json.files.map((f: any) => [f.path, f.content])).toEqual([["/in/IN000001.xml", "<Invoices/>"]]);
    const counters = await control("GET", `/counters?sim=sps&account=${account.clientId}`);
    expect(counters.json.faults).toEqual({ drop: 1 });
    expect(counters.json.statuses.dropped).toBe(1);
  });

  it("a delay makes the answer slower than a client timeout", async () => {
    await setFaults(1, [{ route: "sps.list", kind: "delay", delayMs: 400, times: 1 }]);
    await expect(fetch(`${SPS_DATA}/out/`, { headers: auth, signal: AbortSignal.timeout(100) })).rejects.toThrow();
    const started = Date.now();
    expect(await statusesOf(1, `${SPS_DATA}/out/`)).toEqual([200]);
    expect(Date.now() - started).toBeLessThan(300);
  });

  it("duplicate-listing serves the last entry of a page again on the next page", async () => {
    for (const name of ["A.xml", "B.xml", "C.xml", "D.xml"]) await dropSpsFile(account.clientId, `out/${name}`, name);
    await setFaults(1, [{ route: "sps.list", kind: "duplicate-listing", times: 1 }]);
    const paths: string[] = [];
    let url: string | undefined = `${SPS_DATA}/out/?limit=2`;
    while (url) {
      const response: Response = await fetch(url, { headers: auth });
      const body: any = await readJson(response);
      paths.push(...body.results.map((r: any) => r.path));
      url = body.paging.next?.url;
    }
    expect(paths).toEqual(["/out/A.xml", "/out/B.xml", "/out/B.xml", "/out/C.xml", "/out/D.xml"]);
  });
});

describe("counters", () => {
  it("counts requests per route and faults per kind, and resets", async () => {
    await dropSpsFile(account.clientId, "out/PO1.xml", "<x/>");
    await setFaults(1, [{ route: "sps.delete", kind: "500", times: 1 }]);
    await statusesOf(2, `${SPS_DATA}/out/`);
    await statusesOf(1, `${SPS_DATA}/out/PO1.xml`);
    for (let i = 0; i < 2; i++) await (await fetch(`${SPS_DATA}/out/PO1.xml`, { method: "DELETE", headers: auth })).arrayBuffer();
    const counters = await control("GET", `/counters?sim=sps&account=${account.clientId}`);
    expect(counters.json).toMatchObject({
      requests: { "sps.token": 1, "sps.list": 2, "sps.get": 1, "sps.delete": 2 },
      statuses: { "200": 4, "204": 1, "500": 1 },
      faults: { "500": 1 },
      tokenRequests: 1,
    });
    await control("POST", "/counters/reset", { scope: { sim: "sps", account: account.clientId } });
    const reset = await control("GET", `/counters?sim=sps&account=${account.clientId}`);
    expect(reset.json.requests).toEqual({});
  });

  it("clears the rules of one scope", async () => {
    await setFaults(1, [{ route: "sps.list", kind: "500" }]);
    expect(await statusesOf(1, `${SPS_DATA}/out/`)).toEqual([500]);
    await control("DELETE", `/faults?sim=sps&account=${account.clientId}`);
    expect(await statusesOf(1, `${SPS_DATA}/out/`)).toEqual([200]);
  });

  it("refuses a malformed rule", async () => {
    const reply = await setFaults(1, [{ route: "sps.list", kind: "teapot" }]);
    expect(reply.status).toBe(400);
    expect(reply.json.issues.length).toBeGreaterThan(0);
  });
});
