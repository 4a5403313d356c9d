// The pure parts of due dates and alerts: ISO 8601 durations, business calendars, the warning time,
// SLA rule precedence, obligations from an 850 and a shipment, the scorecard's counts and percentiles,
// missing-mapping codes, webhook signatures, Slack messages and quiet hours.
import { describe, expect, it } from "vitest";
import { quietUntil, signatureHeader, slackMessage } from "../../../src/alerts/dispatch";
import { AlertSettingsInput } from "../../../src/alerts/settings";
import type { ObligationRow } from "../../../src/db/obligations";
import { addBusinessTime, instantOf, localDate } from "../../../src/sla/calendar";
import { orderObligations, shipmentObligations, endOfDate } from "../../../src/sla/derive";
import { IsoDuration, parseDurationMs } from "../../../src/sla/duration";
import { effectiveSla, SlaSchema, warnTime } from "../../../src/sla/rules";
import { percentile, scorecard, scorecardCsv, weekOf } from "../../../src/sla/scorecard";
import { mappingCodesOf } from "../../../src/watch/mapping-codes";

const H = 3_600_000;
const at = (iso: string) => Date.parse(iso);

describe("ISO 8601 durations", () => {
  it("reads weeks, days, hours, minutes and seconds", () => {
    expect(parseDurationMs("PT30M")).toBe(30 * 60_000);
    expect(parseDurationMs("PT24H")).toBe(24 * H);
    expect(parseDurationMs("P2D")).toBe(48 * H);
    expect(parseDurationMs("P1DT12H")).toBe(36 * H);
    expect(parseDurationMs("P1W")).toBe(7 * 24 * H);
    expect(parseDurationMs("PT1.5S")).toBe(1500);
    for (const bad of ["", "P", "PT", "24H", "P1H", "PT-1M", "p1d", "P1DT"]) expect(parseDurationMs(bad)).toBeUndefined();
  });
  it("refuses months, years, less than a minute and more than 90 days, saying why", () => {
    const issue = (v: string) => IsoDuration.safeParse(v).error?.issues[0]?.message;
    expect(IsoDuration.safeParse("PT1M").success).toBe(true);
    expect(issue("P1M")).toContain("years and months");
    expect(issue("P1Y")).toContain("years and months");
    expect(issue("PT59S")).toContain("one-minute minimum");
    expect(issue("P91D")).toContain("90-day maximum");
    expect(issue("1 day")).toContain("not an ISO 8601 duration");
  });
});

describe("business calendars", () => {
  const weekdays = { excludeWeekends: true, timeZone: "America/Chicago" };
  it("stops the clock on weekends in the partner's time zone", () => {
    // Friday 16:00 Chicago (22:00 UTC in winter) + 24 business hours = Monday 16:00 Chicago.
    expect(new Date(addBusinessTime(at("2026-12-04T22:00:00Z"), 24 * H, weekdays)).toISOString()).toBe("2026-12-07T22:00:00.000Z");
    // Starting on a Saturday counts from Monday 00:00 Chicago (06:00 UTC).
    expect(new Date(addBusinessTime(at("2026-12-05T15:00:00Z"), 2 * H, weekdays)).toISOString()).toBe("2026-12-07T08:00:00.000Z");
    // Within a weekday, wall time.
    expect(addBusinessTime(at("2026-12-02T15:00:00Z"), 2 * H, weekdays)).toBe(at("2026-12-02T17:00:00Z"));
    // Holidays do not count either.
    expect(new Date(addBusinessTime(at("2026-12-24T12:00:00Z"), 24 * H, { timeZone: "UTC", holidays: ["2026-12-25"] })).toISOString()).toBe("2026-12-26T12:00:00.000Z");
    // No calendar: wall time.
    expect(addBusinessTime(at("2026-12-04T22:00:00Z"), 24 * H, undefined)).toBe(at("2026-12-05T22:00:00Z"));
  });
  it("finds local dates and midnights across daylight saving", () => {
    expect(localDate(at("2026-12-05T03:00:00Z"), "America/Chicago")).toBe("2026-12-04");
    expect(new Date(instantOf("2026-07-01", "America/Chicago")).toISOString()).toBe("2026-07-01T05:00:00.000Z");
    expect(new Date(instantOf("2026-12-01", "America/Chicago")).toISOString()).toBe("2026-12-01T06:00:00.000Z");
    expect(new Date(endOfDate("2026-12-10", "UTC")!).toISOString()).toBe("2026-12-11T00:00:00.000Z");
  });
});

describe("SLA rules", () => {
  it("takes the partner's rule, else the tenant's, else the default, per key; null switches a kind off", () => {
    const s = effectiveSla({ "855": { within: "PT2H" }, "810": null }, { "855": { within: "PT1H" }, "856": { within: "PT30M" }, fees: { "856": 250 } });
    expect(s.within).toEqual({ "855": 2 * H, "856": 30 * 60_000 });
    expect(s.fees).toEqual({ "856": 250 });
    expect(effectiveSla(undefined, undefined).within).toEqual({ "855": 24 * H, "856": 4 * H, "810": 48 * H });
    expect(SlaSchema.safeParse({ "855": { within: "PT30S" } }).success).toBe(false);
    expect(SlaSchema.safeParse({ calendar: { timeZone: "Mars/Olympus" } }).success).toBe(false);
    expect(SlaSchema.safeParse({ ship: { dates: ["38"] } }).success).toBe(false);
  });
  it("warns warnBefore ahead of due, but never in the first half of the window", () => {
    expect(warnTime(0, 10 * H, 2 * H)).toBe(8 * H);
    expect(warnTime(0, 10 * 60_000, 2 * H)).toBe(5 * 60_000);
  });
  it("starts an 855 and a ship-by obligation from an 850, an 856 and an 810 from a shipment", () => {
    const sla = effectiveSla({ "855": { within: "PT10M" }, "856": { within: "PT4H" }, "810": { within: "P1D" } }, undefined);
    const received = at("2026-12-02T10:00:00Z");
    const order = orderObligations({ tenantId: "t", partnerId: "P", po: "PO1", documentId: "doc_1", receivedAt: received, dates: { "038": "2026-12-09", "001": "2026-12-15" }, wantsAck: true }, sla, received);
    expect(order.map((o) => [o.kind, new Date(o.dueAt).toISOString()])).toEqual([
      ["855", "2026-12-02T10:10:00.000Z"],
      ["ship", "2026-12-10T00:00:00.000Z"],
    ]);
    expect(orderObligations({ tenantId: "t", partnerId: "P", po: "PO1", documentId: "doc_1", receivedAt: received, dates: {}, wantsAck: false }, sla, received)).toEqual([]);
    const confirmed = at("2026-12-03T20:00:00Z");
    const ship = shipmentObligations({ tenantId: "t", partnerId: "P", shipmentNbr: "S1", po: "PO1", documentId: "doc_2", confirmedAt: confirmed, deliveryDate: "2026-12-03" }, sla, confirmed);
    expect(ship.map((o) => [o.kind, new Date(o.dueAt).toISOString()])).toEqual([
      ["856", "2026-12-04T00:00:00.000Z"], // before the requested delivery date, sooner than 4 h
      ["810", "2026-12-04T20:00:00.000Z"],
    ]);
  });
});

function row(kind: ObligationRow["kind"], state: ObligationRow["state"], dueAt: number, lateMin: number | null, extra: Partial<ObligationRow> = {}): ObligationRow {
  return {
    id: `obl_${Math.random()}`,
    tenantId: "t",
    partnerId: "P",
    kind,
    subject: "s",
    orderKey: "o",
    sourceDocumentId: "d",
    startsAt: dueAt - H,
    warnAt: dueAt - 600_000,
    dueAt,
    state,
    nextCheckAt: null,
    satisfiedBy: lateMin === null ? null : "doc",
    satisfiedAt: lateMin === null ? null : dueAt + lateMin * 60_000,
    latenessMs: lateMin === null ? null : lateMin * 60_000,
    wasAtRisk: false,
    fee: null,
    waivedBy: null,
    waivedReason: null,
    createdAt: 0,
    updatedAt: 0,
    ...extra,
  };
}

describe("scorecard", () => {
  it("counts on-time rates, lateness percentiles and fines by hand", () => {
    const mon = at("2026-11-02T12:00:00Z");
    const week2 = at("2026-11-09T12:00:00Z");
    const rows = [
      row("856", "met", mon, -30, { fee: 250, wasAtRisk: true }),
      row("856", "met", mon, -5, { fee: 250 }),
      row("856", "missed", mon, 60, { fee: 250 }),
      row("856", "missed", week2, 120, { fee: 250 }),
      row("856", "waived", week2, null, { fee: 250 }),
      row("856", "pending", week2, null, { fee: 250 }),
      row("855", "met", week2, -1),
    ];
    const card = scorecard("P", at("2026-11-01T00:00:00Z"), at("2026-12-01T00:00:00Z"), rows, [{ type: "850", direction: "inbound", status: "delivered", n: 9 }, { type: "850", direction: "inbound", status: "invalid", n: 1 }], at("2026-12-02T00:00:00Z"));
    const asn = card.obligations.find((k) => k.kind === "856")!;
    expect(asn).toMatchObject({ total: 6, met: 2, missed: 2, waived: 1, open: 1, onTimeRate: 0.5, medianLatenessMinutes: 90, p95LatenessMinutes: 120, feePerIncident: 250, finesIncurred: 500, finesAvoided: 250 });
    expect(card.obligations.find((k) => k.kind === "855")).toMatchObject({ met: 1, onTimeRate: 1, medianLatenessMinutes: null });
    expect(card.totals).toMatchObject({ onTimeRate: 0.6, finesIncurred: 500, finesAvoided: 250, invalid: 1 });
    expect(card.documents).toEqual([{ type: "850", direction: "inbound", total: 10, invalid: 1, rejected: 0, failed: 0 }]);
    expect(card.weeks).toEqual([
      { week: "2026-11-02", met: 2, missed: 1, onTimeRate: 0.6667 },
      { week: "2026-11-09", met: 1, missed: 1, onTimeRate: 0.5 },
    ]);
    const csv = scorecardCsv(card).split("\r\n");
    expect(csv[0]).toBe("partner,from,to,kind,total,met,missed,waived,open,on_time_rate,median_lateness_minutes,p95_lateness_minutes,fee_per_incident,fines_incurred,fines_avoided");
    expect(csv.find((l) => l.includes(",856,"))).toBe("P,2026-11-01T00:00:00.000Z,2026-12-01T00:00:00.000Z,856,6,2,2,1,1,0.5,90,120,250,500,250");
  });
  it("takes nearest-rank percentiles and Monday weeks", () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
    expect(percentile([], 95)).toBeNull();
    expect(weekOf(at("2026-12-06T23:00:00Z"))).toBe("2026-11-30");
  });
});

describe("alerts", () => {
  it("reads one code per missing item or partner, whatever the number of documents", () => {
    const reasons = [
      "Line 1 (buyer part 123, UPC 012345678905) matches no item mapping; PUT /v1/tenants/…/items with one of these identifiers",
      "Line 2 (buyer part 123, UPC 012345678905) matches no item mapping; PUT /v1/tenants/…/items with one of these identifiers",
      "Trading partner NEWPARTNER is not mapped to an ERP customer; PUT /v1/tenants/acme/partners/NEWPARTNER",
      "Something else entirely",
    ];
    expect(mappingCodesOf("P", reasons, "doc_1").map((c) => c.key)).toEqual(["item:P:buyer part 123, UPC 012345678905", "partner:NEWPARTNER", "document:doc_1"]);
  });
  it("signs webhook bodies as t=<unix>,v1=<hex HMAC-SHA256 of t.body>", async () => {
    // Computed independently: printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac 'secret-key-0123456789'
    expect(await signatureHeader("secret-key-0123456789", '{"a":1}', 1_700_000_000)).toBe("t=1700000000,v1=95a94f8e9919abdf552708a6c1d5604116ad2a78af755c3113cf47afa01d92f2");
    const a = await signatureHeader("k".repeat(16), "body", 1);
    expect(a).not.toBe(await signatureHeader("k".repeat(16), "body2", 1));
    expect(a).not.toBe(await signatureHeader("k".repeat(16), "body", 2));
  });
  it("formats Slack messages with a text fallback and a mrkdwn section, escaping the message", () => {
    const m = slackMessage({ id: "a", event: "raised", type: "document_failed", severity: "critical", tenant: "acme", partner: "P", document: null, due: null, state: "failed", message: "856 <ASN-1> & co failed", occurredAt: "", url: "https://c.example/console/t/acme" });
    expect(m.text).toContain("856 <ASN-1> & co failed");
    expect((m.blocks[0] as any).text.text).toContain("856 &lt;ASN-1&gt; &amp; co failed");
    expect((m.blocks[0] as any).text.text).toContain("<https://c.example/console/t/acme|Open in the console>");
  });
  it("knows when quiet hours end, across midnight and in a time zone", () => {
    const ch = (from: string, to: string, timeZone?: string) => ({ id: "x", type: "webhook" as const, url: "https://x", quietHours: { from, to, ...(timeZone ? { timeZone } : {}) } });
    expect(new Date(quietUntil(ch("22:00", "07:00"), at("2026-12-02T23:30:00Z"))!).toISOString()).toBe("2026-12-03T07:00:00.000Z");
    expect(new Date(quietUntil(ch("22:00", "07:00"), at("2026-12-03T06:59:00Z"))!).toISOString()).toBe("2026-12-03T07:00:00.000Z");
    expect(quietUntil(ch("22:00", "07:00"), at("2026-12-03T07:00:00Z"))).toBeUndefined();
    expect(quietUntil(ch("22:00", "07:00"), at("2026-12-03T12:00:00Z"))).toBeUndefined();
    expect(new Date(quietUntil(ch("22:00", "07:00", "America/New_York"), at("2026-12-03T04:00:00Z"))!).toISOString()).toBe("2026-12-03T12:00:00.000Z");
  });
  it("validates channel settings", () => {
    expect(AlertSettingsInput.safeParse({ channels: [{ id: "ops", type: "webhook", url: "https://x", secret: "0123456789abcdef" }] }).success).toBe(true);
    expect(AlertSettingsInput.safeParse({ channels: [{ id: "Ops!", type: "webhook", url: "https://x" }] }).success).toBe(false);
    expect(AlertSettingsInput.safeParse({ channels: [{ id: "ops", type: "pager", url: "https://x" }] }).success).toBe(false);
    expect(AlertSettingsInput.safeParse({ channels: [{ id: "ops", type: "slack", quietHours: { from: "25:00", to: "07:00" } }] }).success).toBe(false);
  });
});
