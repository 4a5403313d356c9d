// The console's activity page: the summary table with weeks of supply, the chart, the unmapped codes,
// and the navigation link; another tenant's page is 404 for a tenant session.
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { operatorToken, tenantToken } from "../helpers/api";
import { productActivity852 } from "../helpers/activity-fixtures";
import { drop, pollNow, waitForSettled } from "../helpers/flow";
import { createWorld } from "../helpers/world";

const BASE = "https://connector.test";

async function signIn(token: string): Promise<string> {
  const res = await SELF.fetch(`${BASE}/console/login`, { method: "POST", body: new URLSearchParams({ token }), redirect: "manual" });
  return (res.headers.get("set-cookie") ?? "").split(";")[0]!;
}

async function page(path: string, cookie: string) {
  const res = await SELF.fetch(`${BASE}${path}`, { headers: { cookie }, redirect: "manual" });
  return { status: res.status, html: await res.text() };
}

describe("activity in the console", () => {
  it("shows sold per week, weeks of supply, a chart and the unmapped codes", async () => {
    const world = await createWorld();
    // Item 0 is BH-LAV-08 (mapped): 12 sold per store per week over 2 stores, 60 on hand per store.
    const qty = (_i: number, _s: number, code: string) => (code === "QS" ? 12 : 60);
    await drop(world, "out/PD-1.json", productActivity852({ partnerId: "NWHALLNORTHWND", items: 2, stores: 2, start: "2026-11-23", end: "2026-11-29", known: { 0: { vendorPartNumber: "BH-LAV-08" } }, qty }));
    await pollNow(world);
    await waitForSettled(world, 1);
    const cookie = await signIn(await operatorToken());
    const res = await page(`/console/t/${world.tenantId}/activity`, cookie);
    expect(res.status).toBe(200);
    expect(res.html).toContain(`href="/console/t/${world.tenantId}/activity"`);
    const row = /<tr><td>NWHALLNORTHWND<\/td><td>CANDLE-LAV-08<\/td>(.*?)<\/tr>/.exec(res.html);
    // sold 24, 1 week, 24 / week, on hand 120, weeks of supply 5
    expect(row?.[1]).toBe("<td>24</td><td>1</td><td>24</td><td>120</td><td>2026-11-29</td><td>5</td>");
    expect(res.html).toContain('<svg class="chart"');
    expect(res.html).toContain("vp:ITEM-00002");
    expect(res.html).toContain("ST0001");
    const other = await signIn(await tenantToken("someone-else"));
    expect((await page(`/console/t/${world.tenantId}/activity`, other)).status).toBe(404);
  });
});
