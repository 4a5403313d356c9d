// Due dates and alerts in the console: the dashboard shows what is due soonest and how many are
// missed, the 850's page its due dates, the due-dates page waives one (CSRF-checked, audited), the
// scorecard page draws its chart and downloads its CSV, and the alerts page sends a test alert.
// Another tenant's pages are 404.
import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Env } from "../../src/env";
import { createLogger } from "../../src/lib/log";
import { runWatch } from "../../src/watch/run";
import { api, operatorToken, tenantToken } from "../helpers/api";
import { createDynamicsWorld, flowWorld, orderThrough, PARTNERS } from "../helpers/dynamics-world";
import { waitForSettled } from "../helpers/flow";
import { control } from "../sandbox/sandbox-control";

const BASE = "https://connector.test";
const MIN = 60_000;

async function signIn(token: string): Promise<string> {
  const res = await SELF.fetch(`${BASE}/console/login`, { method: "POST", body: new URLSearchParams({ token }), redirect: "manual" });
  return (res.headers.get("set-cookie") ?? "").split(";")[0]!;
}

async function page(path: string, cookie: string) {
  const res = await SELF.fetch(`${BASE}${path}`, { headers: { cookie }, redirect: "manual" });
  return { status: res.status, html: await res.text(), headers: res.headers };
}

const csrfOf = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)![1]!;

describe("due dates in the console", () => {
  it("dashboard, document page, waive, scorecard chart and CSV, alerts page with a test alert", async () => {
    const dw = await createDynamicsWorld({ rules: { [PARTNERS.bulkImport]: { ackOn: "confirmed" } } });
    await api("PATCH", `/v1/tenants/${dw.tenantId}`, { body: { sla: { "855": { within: "PT10M" } } } });
    await api("PUT", `/v1/tenants/${dw.tenantId}/alerts`, { body: { channels: [{ id: "ops", type: "webhook", url: `https://${dw.tenantId}.webhooks.test/a`, secret: `whsec-${crypto.randomUUID()}` }] } });
    await orderThrough(dw, "BulkImport", "CON-DUE-1");
    await orderThrough(dw, "BulkImport", "CON-DUE-2");
    await waitForSettled(flowWorld(dw), 2, { query: "type=850" });
    const log = createLogger("warn");
    await runWatch(env as unknown as Env, Date.now(), log);
    const cookie = await signIn(await operatorToken());
    const base = `/console/t/${dw.tenantId}`;

    let dash = await page(base, cookie);
    expect(dash.status).toBe(200);
    expect(dash.html).toContain("Due soon");
    expect(dash.html).toContain("PO CON-DUE-1");
    expect(dash.html).toMatch(/in (9|10) min/);

    // Past due: both missed; the dashboard counts them.
    await runWatch(env as unknown as Env, Date.now() + 11 * MIN, log);
    dash = await page(base, cookie);
    expect(dash.html).toContain("2 missed");

    const obligations = (await api("GET", `/v1/tenants/${dw.tenantId}/obligations?kind=855`)).body.obligations;
    const first = obligations.find((o: any) => o.subject === "CON-DUE-1");
    const doc = await page(`${base}/documents/${first.sourceDocumentId}`, cookie);
    expect(doc.html).toContain("<h2>Due dates</h2>");
    expect(doc.html).toContain("855 ack");
    expect(doc.html).toContain("missed");

    const due = await page(`${base}/due`, cookie);
    expect(due.status).toBe(200);
    expect(due.html).toContain("Waive a missed obligation");
    // Without the CSRF token: refused; with it: waived and audited.
    const noCsrf = await SELF.fetch(`${BASE}${base}/due/waive`, { method: "POST", headers: { cookie }, body: new URLSearchParams({ id: first.id, reason: "agreed" }), redirect: "manual" });
    expect(noCsrf.status).toBe(403);
    const waived = await SELF.fetch(`${BASE}${base}/due/waive`, { method: "POST", headers: { cookie }, body: new URLSearchParams({ csrf: csrfOf(due.html), id: first.id, reason: "Buyer agreed by phone" }), redirect: "manual" });
    expect(waived.status).toBe(303);
    const after = (await api("GET", `/v1/tenants/${dw.tenantId}/obligations?kind=855&state=waived`)).body.obligations;
    expect(after.map((o: any) => o.id)).toEqual([first.id]);
    expect(after[0].waivedBy).toMatch(/^console:/);
    const audit = (await api("GET", `/v1/tenants/${dw.tenantId}/documents/${first.sourceDocumentId}`)).body.audit;
    expect(audit.some((e: any) => e.stage === "obligation_waived" && e.detail.reason === "Buyer agreed by phone")).toBe(true);

    const card = await page(`${base}/partners/${PARTNERS.bulkImport}/scorecard`, cookie);
    expect(card.status).toBe(200);
    expect(card.html).toContain(`Scorecard ${PARTNERS.bulkImport}`);
    expect(card.html).toContain('<svg class="chart"');
    expect(card.html).toContain("0%");
    const csv = await page(`${base}/partners/${PARTNERS.bulkImport}/scorecard.csv`, cookie);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(csv.html.split("\r\n").find((l) => l.includes(",855,"))).toMatch(/,855,2,0,1,1,0,0,/);

    const alerts = await page(`${base}/alerts`, cookie);
    expect(alerts.status).toBe(200);
    expect(alerts.html).toContain("Send test alert");
    expect(alerts.html).toContain("is overdue");
    expect(alerts.html).not.toContain("whsec-");
    const tested = await SELF.fetch(`${BASE}${base}/alerts/test`, { method: "POST", headers: { cookie }, body: new URLSearchParams({ csrf: csrfOf(alerts.html) }) });
    const testedHtml = await tested.text();
    expect(testedHtml).toContain("ops: delivered (200)");
    const got = (await control("GET", `/receivers/requests?host=${dw.tenantId}.webhooks.test`)).json.requests;
    expect(got.some((r: any) => JSON.parse(r.body).event === "test")).toBe(true);

    // The rules form: saved with the channel's severity, its URL and secret kept; a bad duration refused.
    const rulesPage = await page(`${base}/alerts`, cookie);
    const saveRules = (fields: Record<string, string>) =>
      SELF.fetch(`${BASE}${base}/alerts/settings`, { method: "POST", headers: { cookie }, body: new URLSearchParams({ csrf: csrfOf(rulesPage.html), ...fields }) }).then((r) => r.text());
    expect(await saveRules({ digestAfter: "5", failingPolls: "4", pollStaleAfter: "PT30M", "minSeverity.ops": "critical" })).toContain("Rules saved.");
    const stored = (await api("GET", `/v1/tenants/${dw.tenantId}/alerts`)).body;
    expect(stored.rules).toMatchObject({ digestAfter: 5, failingPolls: 4, pollStaleAfter: "PT30M" });
    expect(stored.channels[0]).toMatchObject({ id: "ops", minSeverity: "critical", secretSet: true, url: `https://${dw.tenantId}.webhooks.test/a` });
    expect(await saveRules({ digestAfter: "5", failingPolls: "4", pollStaleAfter: "1 hour", "minSeverity.ops": "critical" })).toContain("Not saved: rules.pollStaleAfter");
    expect((await api("GET", `/v1/tenants/${dw.tenantId}/alerts`)).body.rules.pollStaleAfter).toBe("PT30M");

    // Another tenant's session sees none of it.
    const other = await signIn(await tenantToken("someone-else"));
    for (const p of [`${base}/due`, `${base}/alerts`, `${base}/partners/${PARTNERS.bulkImport}/scorecard`]) expect((await page(p, other)).status).toBe(404);
  });
});
