// Due dates and alerts end to end: an 850's 855 obligation goes at_risk, then missed, at the right
// minute with no poll running (the watch alone, run at chosen times), and an 855 sent on time is met;
// a signed webhook gets one alert per condition and a "resolved" after; forty failures in one watch
// run make one digest; one missing item code is one alert however many orders wait for it, resolved
// when mapped; a refused SPS login is a failing connection, resolved once it logs in again; Slack gets
// its own message format; quiet hours hold what can wait; a refused delivery is retried with backoff;
// an operator can waive an obligation (audited).
import { env } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { createDb } from "../../src/db/client";
import { recordDocument } from "../../src/db/documents";
import { alertDeliveries } from "../../src/db/schema";
import type { Env } from "../../src/env";
import { createLogger } from "../../src/lib/log";
import { runWatch } from "../../src/watch/run";
import { api } from "../helpers/api";
import { createDynamicsWorld, flowWorld, orderThrough, PARTNERS, confirmOrder } from "../helpers/dynamics-world";
import { documents, drop, fixtureXml, pollNow, waitForSettled, withPo } from "../helpers/flow";
import { createWorld, spsCounters } from "../helpers/world";
import { control } from "../sandbox/sandbox-control";

const log = createLogger("warn");
const MIN = 60_000;
const watchAt = (ms: number) => runWatch(env as unknown as Env, ms, log);

async function received(host: string): Promise<any[]> {
  const res = await control("GET", `/receivers/requests?host=${encodeURIComponent(host)}`);
  return res.json.requests;
}

async function hmacHex(secret: string, text: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return [...new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(text)))].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Checks the X-Signature header the way a receiver would; returns the parsed body. */
async function verified(request: any, secret: string): Promise<any> {
  const header: string = request.headers["x-signature"];
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  expect(m, `X-Signature ${header}`).not.toBeNull();
  expect(await hmacHex(secret, `${m![1]}.${request.body}`)).toBe(m![2]);
  expect(Math.abs(Number(m![1]) * 1000 - Date.now())).toBeLessThan(24 * 60 * MIN);
  return JSON.parse(request.body);
}

async function webhookChannel(tenantId: string, extra: Record<string, unknown> = {}, rules: Record<string, unknown> = {}) {
  const host = `${tenantId}.webhooks.test`;
  const secret = `whsec-${crypto.randomUUID()}`;
  const res = await api("PUT", `/v1/tenants/${tenantId}/alerts`, { body: { channels: [{ id: "ops", type: "webhook", url: `https://${host}/alerts`, secret, minSeverity: "info", ...extra }], rules } });
  expect(res.status, res.text).toBe(200);
  return { host, secret };
}

async function obligations(tenantId: string, query = ""): Promise<any[]> {
  const res = await api("GET", `/v1/tenants/${tenantId}/obligations${query ? `?${query}` : ""}`);
  expect(res.status, res.text).toBe(200);
  return res.body.obligations;
}

describe("due dates", () => {
  it("an 855 goes at_risk then missed at the right minute with no poll running, one signed alert each, and a resolved when it is sent; an 855 sent in time is met", async () => {
    // The bulk-import partner is acknowledged only once F&O confirms the order, so its 855 waits; the
    // drop-ship partner is acknowledged as soon as the order is created.
    const dw = await createDynamicsWorld({ rules: { [PARTNERS.bulkImport]: { ackOn: "confirmed" } } });
    const world = flowWorld(dw);
    const patch = await api("PATCH", `/v1/tenants/${dw.tenantId}`, { body: { sla: { "855": { within: "PT10M" }, warnBefore: "PT4M" } } });
    expect(patch.status, patch.text).toBe(200);
    expect(patch.body.sla).toEqual({ "855": { within: "PT10M" }, warnBefore: "PT4M" });
    const { host, secret } = await webhookChannel(dw.tenantId);

    const [late] = await orderThrough(dw, "BulkImport", "SLA-LATE");
    await drop(world, "out/PO/ontime.xml", withPo(fixtureXml.DropShip, "SLA-ONTIME"));
    await pollNow(world);
    await waitForSettled(world, 1, { query: "type=855" });
    const orders = await documents(world, "type=850");
    const lateOrder = orders.find((d) => d.naturalKey === "SLA-LATE")!;
    const t0 = Date.parse(lateOrder.createdAt);

    await watchAt(Date.now());
    const [ontime] = await obligations(dw.tenantId, "kind=855&partner=" + PARTNERS.dropShip);
    expect(ontime.state).toBe("met");
    expect(ontime.latenessMs).toBeLessThan(0);
    const ack = (await documents(world, "type=855"))[0];
    expect(ontime.satisfiedBy).toBe(ack.id);
    const [pending] = await obligations(dw.tenantId, `kind=855&partner=${PARTNERS.bulkImport}`);
    expect(pending).toMatchObject({ state: "pending", subject: "SLA-LATE", sourceDocumentId: lateOrder.id });
    expect(Date.parse(pending.due)).toBe(t0 + 10 * MIN);
    expect(Date.parse(pending.warnAt)).toBe(t0 + 6 * MIN);

    // No poll from here on: the SPS mailbox is not read while the clock runs.
    const spsBefore = await spsCounters(dw.sps.clientId);
    const stateAt = async (ms: number) => {
      await watchAt(ms);
      return (await obligations(dw.tenantId, `kind=855&partner=${PARTNERS.bulkImport}`))[0].state;
    };
    expect(await stateAt(t0 + 6 * MIN - 1000)).toBe("pending");
    expect(await stateAt(t0 + 6 * MIN)).toBe("at_risk");
    expect(await stateAt(t0 + 8 * MIN)).toBe("at_risk");
    expect(await stateAt(t0 + 10 * MIN - 1000)).toBe("at_risk");
    expect(await stateAt(t0 + 10 * MIN)).toBe("missed");
    expect(await stateAt(t0 + 12 * MIN)).toBe("missed");
    expect(await spsCounters(dw.sps.clientId)).toEqual(spsBefore);

    // One alert per condition, however often the watch ran: at risk once, missed once, both signed.
    const requests = await received(host);
    const bodies = await Promise.all(requests.map((r) => verified(r, secret)));
    const lateAlerts = bodies.filter((b) => b.document?.number === "SLA-LATE");
    expect(lateAlerts.map((b) => `${b.event}:${b.type}:${b.state}`)).toEqual(["raised:obligation_at_risk:at_risk", "raised:obligation_missed:missed"]);
    const missed = lateAlerts[1];
    expect(missed).toMatchObject({ severity: "critical", tenant: dw.tenantId, partner: PARTNERS.bulkImport, document: { id: lateOrder.id, number: "SLA-LATE" }, due: new Date(t0 + 10 * MIN).toISOString() });
    expect(missed.url).toContain(`/console/t/${dw.tenantId}/documents/${lateOrder.id}`);
    for (const key of ["id", "type", "severity", "tenant", "partner", "document", "due", "state", "message", "occurredAt", "url"]) expect(missed).toHaveProperty(key);
    expect(missed.message).toContain("SLA-LATE");
    expect(requests.every((r) => r.headers["content-type"] === "application/json")).toBe(true);

    // F&O confirms the order; its 855 goes out and the missed condition is resolved (once).
    await confirmOrder(dw, late);
    await vi.waitFor(async () => {
      await pollNow(world);
      const acks = await documents(world, "type=855&status=delivered");
      if (acks.length < 2) throw new Error("waiting for the second 855");
    }, { timeout: 30_000, interval: 500 });
    await watchAt(Date.now());
    await watchAt(Date.now());
    const after = (await obligations(dw.tenantId, `kind=855&partner=${PARTNERS.bulkImport}`))[0];
    expect(after.satisfiedBy).not.toBeNull();
    const resolved = (await Promise.all((await received(host)).map((r) => verified(r, secret)))).filter((b) => b.event === "resolved");
    expect(resolved).toHaveLength(1);
    expect(resolved[0]).toMatchObject({ resolves: missed.id, type: "obligation_missed", document: { number: "SLA-LATE" } });

    // The document page of the 850 shows its due dates.
    const history = await api("GET", `/v1/tenants/${dw.tenantId}/alerts/history`);
    expect(history.status).toBe(200);
    expect(history.body.deliveries.filter((d: any) => d.state === "delivered").length).toBe((await received(host)).length);
  });

  it("a ship notice's 856 and 810 are due after the shipment, and the order's ship-by date is met when it ships", async () => {
    const dw = await createDynamicsWorld();
    const world = flowWorld(dw);
    await api("PATCH", `/v1/tenants/${dw.tenantId}`, { body: { sla: { "856": { within: "PT30M" }, "810": { within: "P1D" }, ship: { dates: ["001"] } } } });
    // The multi-store fixture's cancel-after date (001) is 2026-03-26; here it is moved into the future.
    const cancel = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
    await drop(world, "out/PO/ms.xml", withPo(fixtureXml.MultiStore, "SLA-SHIP").replace(/<Date>2026-03-26<\/Date>/, `<Date>${cancel}</Date>`));
    await pollNow(world);
    await waitForSettled(world, 1, { query: "type=850" });
    await watchAt(Date.now());
    const [shipBy] = await obligations(dw.tenantId, "kind=ship");
    expect(shipBy.state).toBe("pending");
    expect(shipBy.due).toBe(new Date(Date.parse(`${cancel}T00:00:00Z`) + 86_400_000).toISOString());

    const { shipOrder } = await import("../helpers/dynamics-world");
    const { foOrders } = await import("../helpers/dynamics-world");
    const made = (await foOrders(dw)).filter((o) => o.CustomersOrderReference === "SLA-SHIP");
    for (const o of made) await shipOrder(dw, o);
    await waitForSettled(world, made.length, { query: "type=856", poll: true, timeout: 30_000 });
    await watchAt(Date.now());
    const all = await obligations(dw.tenantId);
    expect(all.find((o) => o.kind === "ship")!.state).toBe("met");
    const asn = all.filter((o) => o.kind === "856");
    const inv = all.filter((o) => o.kind === "810");
    expect(asn).toHaveLength(made.length);
    expect(inv).toHaveLength(made.length);
    for (const o of asn) {
      expect(o.state).toBe("met");
      expect(Date.parse(o.due) - Date.parse(o.startsAt)).toBe(30 * MIN);
    }
    for (const o of inv) {
      expect(o.state).toBe("pending");
      expect(Date.parse(o.due) - Date.parse(o.startsAt)).toBe(24 * 60 * MIN);
    }
    // Filters: by state, kind, partner and due_before.
    expect(await obligations(dw.tenantId, "state=pending&kind=810")).toHaveLength(made.length);
    expect(await obligations(dw.tenantId, `due_before=${encodeURIComponent(new Date(Date.now() + 2 * 60 * MIN).toISOString())}&kind=810`)).toHaveLength(0);
    expect((await api("GET", `/v1/tenants/${dw.tenantId}/obligations?state=late`)).status).toBe(400);
  });

  it("an operator waives an obligation: audited on the 850 with who and why, counted neither way, and not twice", async () => {
    const dw = await createDynamicsWorld({ rules: { [PARTNERS.bulkImport]: { ackOn: "confirmed" } } });
    await api("PATCH", `/v1/tenants/${dw.tenantId}`, { body: { sla: { "855": { within: "PT5M" } } } });
    await orderThrough(dw, "BulkImport", "SLA-WAIVE");
    await watchAt(Date.now());
    const [o] = await obligations(dw.tenantId, "kind=855");
    expect((await api("POST", `/v1/tenants/${dw.tenantId}/obligations/${o.id}/waive`, { body: {} })).status).toBe(400);
    const waived = await api("POST", `/v1/tenants/${dw.tenantId}/obligations/${o.id}/waive`, { body: { reason: "Retailer agreed to a late acknowledgment" } });
    expect(waived.status, waived.text).toBe(200);
    expect(waived.body).toMatchObject({ state: "waived", waivedBy: "operator:test-operator", waivedReason: "Retailer agreed to a late acknowledgment" });
    const again = await api("POST", `/v1/tenants/${dw.tenantId}/obligations/${o.id}/waive`, { body: { reason: "again" } });
    expect(again.status).toBe(409);
    const detail = await api("GET", `/v1/tenants/${dw.tenantId}/documents/${o.sourceDocumentId}`);
    const event = detail.body.audit.find((e: any) => e.stage === "obligation_waived");
    expect(event).toMatchObject({ actor: "operator:test-operator", detail: { obligation: o.id, reason: "Retailer agreed to a late acknowledgment", was: "pending" } });
    // Past its due time it does not turn missed.
    await watchAt(Date.now() + 10 * MIN);
    expect((await obligations(dw.tenantId, "kind=855"))[0].state).toBe("waived");
  });
});

describe("alerts", () => {
  it("forty failures in one minute make one digest, and the next run sends nothing more", async () => {
    const world = await createWorld();
    const { host, secret } = await webhookChannel(world.tenantId);
    const db = createDb(env.DB);
    const now = Date.now();
    for (let i = 0; i < 40; i++) {
      await recordDocument(db, world.tenantId, { direction: "outbound", type: "856", partnerId: "CRSALLCRESTMKT", naturalKey: `SHIP-FAIL-${i}`, status: "failed", statusDetail: [`SPS refused upload ${i}`] }, { stage: "uploaded", outcome: "error" }, now - 30_000 + i * 500);
    }
    // Two watch runs at once (a slow cron overlapping the next): still one digest.
    await Promise.all([watchAt(Date.now()), watchAt(Date.now())]);
    await watchAt(Date.now() + MIN);
    const requests = await received(host);
    expect(requests).toHaveLength(1);
    const digest = await verified(requests[0], secret);
    expect(digest).toMatchObject({ event: "digest", type: "document_failed", severity: "critical", count: 40, tenant: world.tenantId });
    expect(digest.alerts).toHaveLength(40);
    expect(new Set(digest.alerts.map((a: any) => a.document.number)).size).toBe(40);
  });

  it("one alert per missing item code however many orders wait for it, resolved when it is mapped", async () => {
    const world = await createWorld({ items: false });
    const { host, secret } = await webhookChannel(world.tenantId, {}, { digestAfter: 50 });
    for (const po of ["MAP-1", "MAP-2", "MAP-3"]) await drop(world, `out/PO/${po}.xml`, withPo(fixtureXml.DropShip, po));
    await pollNow(world);
    const waiting = await waitForSettled(world, 3, { query: "type=850" });
    expect(waiting.every((d) => d.status === "needs_mapping")).toBe(true);
    await watchAt(Date.now());
    await watchAt(Date.now());
    const raised = (await Promise.all((await received(host)).map((r) => verified(r, secret)))).filter((b) => b.type === "mapping_missing");
    // The drop-ship fixture's lines: one alert per distinct line identifier, not one per order.
    const lineCount = (fixtureXml.DropShip.match(/<LineItem>/g) ?? []).length;
    expect(raised).toHaveLength(lineCount);
    expect(raised.every((b) => b.event === "raised" && b.partner === "HDOALLHOMEDIRC")).toBe(true);
    // Each missing code's alert counts the orders waiting for it.
    const open = (await api("GET", `/v1/tenants/${world.tenantId}/alerts`)).body.open.filter((o: any) => o.type === "mapping_missing");
    expect(open.map((o: any) => o.occurrences)).toEqual(Array(lineCount).fill(3));

    const { demoItemRows } = await import("../helpers/world");
    await api("PUT", `/v1/tenants/${world.tenantId}/items`, { body: demoItemRows() });
    await waitForSettled(world, 3, { query: "type=850&status=delivered", timeout: 30_000 });
    await watchAt(Date.now());
    const resolved = (await Promise.all((await received(host)).map((r) => verified(r, secret)))).filter((b) => b.type === "mapping_missing" && b.event === "resolved");
    expect(resolved).toHaveLength(lineCount);
    expect(new Set(resolved.map((b) => b.resolves))).toEqual(new Set(raised.map((b) => b.id)));
  });

  it("a refused SPS login is a failing connection, alerted once and resolved when polling works again", async () => {
    const world = await createWorld();
    const { host, secret } = await webhookChannel(world.tenantId);
    const good = world.sps.clientSecret;
    await api("PUT", `/v1/tenants/${world.tenantId}/connections/sps`, { body: { clientId: world.sps.clientId, clientSecret: "wrong-secret-123456" } });
    await pollNow(world);
    await vi.waitFor(async () => {
      await watchAt(Date.now());
      const bodies = (await Promise.all((await received(host)).map((r) => verified(r, secret)))).filter((b) => b.type === "connection_failing");
      if (bodies.length === 0) throw new Error("no connection alert yet");
    }, { timeout: 20_000, interval: 300 });
    await pollNow(world);
    await watchAt(Date.now());
    await api("PUT", `/v1/tenants/${world.tenantId}/connections/sps`, { body: { clientId: world.sps.clientId, clientSecret: good } });
    await vi.waitFor(async () => {
      await pollNow(world);
      await watchAt(Date.now());
      const bodies = (await Promise.all((await received(host)).map((r) => verified(r, secret)))).filter((b) => b.type === "connection_failing");
      if (!bodies.some((b) => b.event === "resolved")) throw new Error("not resolved yet");
    }, { timeout: 20_000, interval: 500 });
    const bodies = (await Promise.all((await received(host)).map((r) => verified(r, secret)))).filter((b) => b.type === "connection_failing");
    expect(bodies.map((b) => b.event)).toEqual(["raised", "resolved"]);
    expect(bodies[0]).toMatchObject({ severity: "critical", state: "failing" });
    expect(bodies[0].message).toContain("SPS mailbox");
  });

  it("Slack gets its message format; quiet hours hold warnings but not critical alerts; a refused delivery is retried with backoff", async () => {
    const world = await createWorld();
    const team = `T${crypto.randomUUID().slice(0, 8).toUpperCase().replace(/-/g, "")}`;
    const slackUrl = `https://hooks.slack.com/services/${team}/B0001/tok${crypto.randomUUID().replace(/-/g, "")}`;
    // Quiet all day except one minute: whatever the time of the run, it is quiet.
    const nowDate = new Date();
    const hhmm = (d: Date) => `${String(d.getUTCHours()).padStart(2, "0")}:${String(d.getUTCMinutes()).padStart(2, "0")}`;
    const from = hhmm(new Date(nowDate.getTime() - 2 * MIN));
    const to = hhmm(new Date(nowDate.getTime() + 3 * 60 * MIN));
    const put = await api("PUT", `/v1/tenants/${world.tenantId}/alerts`, {
      body: { channels: [{ id: "slack-ops", type: "slack", webhookUrl: slackUrl, minSeverity: "warning", quietHours: { from, to, timeZone: "UTC" } }] },
    });
    expect(put.status, put.text).toBe(200);
    expect(put.text).not.toContain(slackUrl);
    expect(put.body.channels[0]).toMatchObject({ id: "slack-ops", type: "slack", host: "hooks.slack.com", secretSet: true });

    const db = createDb(env.DB);
    await recordDocument(db, world.tenantId, { direction: "outbound", type: "810", partnerId: "CRSALLCRESTMKT", naturalKey: "INV-BAD", status: "invalid", statusDetail: ["The invoice total does not add up"] }, { stage: "checked", outcome: "error" }, Date.now());
    await recordDocument(db, world.tenantId, { direction: "outbound", type: "856", partnerId: "CRSALLCRESTMKT", naturalKey: "ASN-DEAD", status: "failed", statusDetail: ["Gave up after 8 attempts"] }, { stage: "uploaded", outcome: "error" }, Date.now());
    // Slack answers 500 once (with Retry-After), then accepts.
    const path = new URL(slackUrl).pathname;
    await control("POST", "/receivers/faults", { host: "hooks.slack.com", path, statuses: [500], retryAfter: 120 });
    await watchAt(Date.now());
    const first = (await received("hooks.slack.com")).filter((r) => r.path === path);
    expect(first).toHaveLength(1);
    expect(first[0].answered).toBe(500);
    const rows = await db.select().from(alertDeliveries).all();
    const mine = rows.filter((r) => r.tenantId === world.tenantId);
    const critical = mine.find((r) => JSON.parse(r.body).type === "document_failed")!;
    const warning = mine.find((r) => JSON.parse(r.body).type === "document_invalid")!;
    expect(critical).toMatchObject({ state: "pending", attempts: 1, lastStatus: 500 });
    // Retry-After: 120 s.
    expect(critical.nextAttemptAt! - critical.updatedAt).toBe(120_000);
    // The warning waits for the end of the quiet hours.
    expect(warning).toMatchObject({ state: "pending", attempts: 0 });
    expect(warning.nextAttemptAt!).toBeGreaterThan(Date.now() + 2 * 60 * MIN);
    await watchAt(critical.nextAttemptAt!);
    const second = (await received("hooks.slack.com")).filter((r) => r.path === path);
    expect(second.map((r) => r.answered)).toEqual([500, 200]);
    const message = JSON.parse(second[1].body);
    expect(typeof message.text).toBe("string");
    expect(message.blocks[0]).toMatchObject({ type: "section", text: { type: "mrkdwn" } });
    expect(message.blocks[0].text.text).toContain("ASN-DEAD");
    await watchAt(warning.nextAttemptAt!);
    const third = (await received("hooks.slack.com")).filter((r) => r.path === path);
    expect(third.map((r) => r.answered)).toEqual([500, 200, 200]);
    expect(JSON.parse(third[2].body).blocks[0].text.text).toContain("INV-BAD");
  });

  it("settings: secrets never come back, bad channels are refused, and a test alert reports each channel", async () => {
    const world = await createWorld();
    const bad = await api("PUT", `/v1/tenants/${world.tenantId}/alerts`, {
      body: { channels: [{ id: "a", type: "webhook", url: "http://10.0.0.5/hook", secret: "0123456789abcdef" }, { id: "b", type: "slack", webhookUrl: "https://example.org/services/x" }, { id: "c", type: "webhook", url: "https://c.webhooks.test/x" }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: any) => d.path)).toEqual(["channels.0.url", "channels.1.webhookUrl", "channels.2.secret"]);
    expect((await api("PUT", `/v1/tenants/${world.tenantId}/alerts`, { body: { channels: [{ id: "x", type: "webhook", url: "https://x.webhooks.test/", secret: "short" }] } })).status).toBe(400);
    const { host, secret } = await webhookChannel(world.tenantId);
    const got = await api("GET", `/v1/tenants/${world.tenantId}/alerts`);
    expect(got.status).toBe(200);
    expect(got.text).not.toContain(secret);
    expect(got.body.channels[0]).toMatchObject({ id: "ops", type: "webhook", secretSet: true });
    // Changing the severity without repeating the secret keeps it.
    const keep = await api("PUT", `/v1/tenants/${world.tenantId}/alerts`, { body: { channels: [{ id: "ops", type: "webhook", url: `https://${host}/alerts`, minSeverity: "critical" }] } });
    expect(keep.status, keep.text).toBe(200);
    const test = await api("POST", `/v1/tenants/${world.tenantId}/alerts/test`);
    expect(test.status, test.text).toBe(200);
    expect(test.body.results).toEqual([{ channel: "ops", type: "webhook", delivered: true, status: 200, error: null }]);
    const [request] = await received(host);
    expect(await verified(request, secret)).toMatchObject({ event: "test", type: "test", tenant: world.tenantId });
    // Another tenant's token cannot read or change them.
    const other = await createWorld();
    const { tenantToken } = await import("../helpers/api");
    const token = await tenantToken(other.tenantId);
    expect((await api("GET", `/v1/tenants/${world.tenantId}/alerts`, { token })).status).toBe(403);
    expect((await api("GET", `/v1/tenants/${world.tenantId}/obligations`, { token })).status).toBe(403);
  });
});

describe("scorecard", () => {
  it("matches a hand count of the partner's obligations and documents, as JSON and as CSV", async () => {
    const world = await createWorld();
    const db = createDb(env.DB);
    const partner = "CRSALLCRESTMKT";
    await api("PUT", `/v1/tenants/${world.tenantId}/partners/${partner}`, { body: { customerId: "C1", status: "live", sla: { fees: { "856": 300, "855": 100 } } } });
    const base = Date.parse("2026-11-02T12:00:00Z");
    // By hand: 856 → 3 met (one after being at risk), 1 missed 2 h late, 1 waived; 855 → 1 met, 1 missed 30 min late.
    const seed: [string, string, number, number | null, boolean][] = [
      ["856", "met", 0, -20, false],
      ["856", "met", 1, -5, true],
      ["856", "met", 2, -1, false],
      ["856", "missed", 3, 120, true],
      ["856", "waived", 4, null, false],
      ["855", "met", 7, -60, false],
      ["855", "missed", 8, 30, true],
    ];
    for (const [i, [kind, state, day, late, risk]] of seed.entries()) {
      const due = base + day * 86_400_000;
      await env.DB.prepare(
        "insert into obligations (id, tenant_id, partner_id, kind, subject, order_key, source_document_id, starts_at, warn_at, due_at, state, next_check_at, satisfied_by, satisfied_at, lateness_ms, was_at_risk, fee, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, ?, ?, ?, ?, ?, ?, ?)",
      )
        .bind(`obl_SC${String(i).padStart(24, "0")}`, world.tenantId, partner, kind, `S${i}`, `PO${i}`, `doc_x${i}`, due - 3_600_000, due - 600_000, due, state, late === null ? null : "doc_y", late === null ? null : due + late * 60_000, late === null ? null : late * 60_000, risk ? 1 : 0, kind === "856" ? 300 : 100, due, due)
        .run();
    }
    for (const [n, status] of [[4, "delivered"], [1, "invalid"], [1, "rejected"]] as const) {
      for (let i = 0; i < n; i++) await recordDocument(db, world.tenantId, { direction: "inbound", type: "850", partnerId: partner, naturalKey: `SC-${status}-${i}`, status }, { stage: "received", outcome: "ok" }, base + i * 1000);
    }
    const res = await api("GET", `/v1/tenants/${world.tenantId}/partners/${partner}/scorecard?from=2026-11-01&to=2026-12-01`);
    expect(res.status, res.text).toBe(200);
    const asn = res.body.obligations.find((k: any) => k.kind === "856");
    expect(asn).toMatchObject({ total: 5, met: 3, missed: 1, waived: 1, onTimeRate: 0.75, medianLatenessMinutes: 120, p95LatenessMinutes: 120, finesIncurred: 300, finesAvoided: 300 });
    const ack = res.body.obligations.find((k: any) => k.kind === "855");
    expect(ack).toMatchObject({ total: 2, met: 1, missed: 1, onTimeRate: 0.5, medianLatenessMinutes: 30, finesIncurred: 100, finesAvoided: 0 });
    expect(res.body.totals).toEqual({ onTimeRate: 0.6667, finesIncurred: 400, finesAvoided: 300, invalid: 1, rejected: 1 });
    expect(res.body.documents).toEqual([{ type: "850", direction: "inbound", total: 6, invalid: 1, rejected: 1, failed: 0 }]);
    expect(res.body.weeks.map((w: any) => [w.week, w.met, w.missed])).toEqual([
      ["2026-11-02", 3, 1],
      ["2026-11-09", 1, 1],
    ]);
    const csv = await api("GET", `/v1/tenants/${world.tenantId}/partners/${partner}/scorecard?from=2026-11-01&to=2026-12-01&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(csv.text.split("\r\n").find((l) => l.includes(",856,"))).toBe(`${partner},2026-11-01T00:00:00.000Z,2026-12-01T00:00:00.000Z,856,5,3,1,1,0,0.75,120,120,300,300,300`);
    expect((await api("GET", `/v1/tenants/${world.tenantId}/partners/${partner}/scorecard?from=2026-12-01&to=2026-11-01`)).status).toBe(400);
    expect((await api("GET", `/v1/tenants/${world.tenantId}/partners/NOSUCH/scorecard`)).status).toBe(404);
  });

  it("a stream without a successful poll for longer than the rule is stale, and clears when it polls again", async () => {
    const world = await createWorld();
    const { host, secret } = await webhookChannel(world.tenantId, {}, { pollStaleAfter: "PT15M", digestAfter: 10 });
    const streams = async () => (await env.DB.prepare("select stream, last_success_at from poll_health where tenant_id = ?").bind(world.tenantId).all<{ stream: string; last_success_at: number | null }>()).results;
    await pollNow(world);
    // The mailbox and the ERP streams each succeed once.
    await vi.waitFor(async () => {
      const rows = await streams();
      if (rows.length < 3 || rows.some((r) => !r.last_success_at)) throw new Error(`polls so far: ${JSON.stringify(rows)}`);
    }, { timeout: 20_000, interval: 200 });
    const count = (await streams()).length;
    await watchAt(Date.now() + 14 * MIN);
    expect((await received(host)).length).toBe(0);
    await watchAt(Date.now() + 16 * MIN);
    const raised = await Promise.all((await received(host)).map((r) => verified(r, secret)));
    expect(raised).toHaveLength(count);
    expect(raised.every((b) => b.type === "poll_stale" && b.event === "raised" && b.severity === "warning")).toBe(true);
    expect(raised.map((b) => b.message).join("\n")).toContain("the SPS mailbox has not been polled successfully for 16 min");
    await watchAt(Date.now() + 17 * MIN);
    expect((await received(host)).length).toBe(count);
    // It polls again (a stored success older than 5 minutes is refreshed) and the alerts clear.
    await env.DB.prepare("update poll_health set last_success_at = ? where tenant_id = ?").bind(Date.now() - 10 * MIN, world.tenantId).run();
    await pollNow(world);
    await vi.waitFor(async () => {
      if ((await streams()).some((r) => r.last_success_at! < Date.now() - MIN)) throw new Error("not refreshed yet");
    }, { timeout: 20_000, interval: 200 });
    await watchAt(Date.now());
    const bodies = await Promise.all((await received(host)).map((r) => verified(r, secret)));
    expect(bodies.filter((b) => b.event === "resolved")).toHaveLength(count);
  });
});
