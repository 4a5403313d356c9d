// Console pages of due dates and alerts: the due-dates table (dashboard, document page, its own
// page), a partner's scorecard with an on-time chart per week (inline SVG: no script), and the alert
// settings with the open conditions, recent deliveries and a "send test alert" button.
import type { FC } from "hono/jsx";
import { Layout, type PageContext } from "./pages";

export interface DueRow {
  id: string;
  kind: string;
  partnerId: string;
  subject: string;
  orderKey: string;
  sourceDocumentId: string;
  state: string;
  due: string;
  /** "in 2 h 5 min", "3 h late", "20 min early". */
  when: string;
  satisfiedBy: string | null;
  waived: string | null;
}

const KIND: Record<string, string> = { "855": "855 ack", "856": "856 ASN", "810": "810 invoice", ship: "ship by" };

const State: FC<{ value: string }> = ({ value }) => {
  const cls = value === "met" ? "ok" : value === "missed" ? "error" : value === "at_risk" ? "retry" : "info";
  return <span class={`status ${cls}`}>{value.replace(/_/g, " ")}</span>;
};

export const DueTable: FC<{ tenantId: string; rows: DueRow[]; empty: string }> = ({ tenantId, rows, empty }) =>
  rows.length === 0 ? (
    <p class="muted">{empty}</p>
  ) : (
    <div class="table-wrap">
      <table class="due">
        <thead>
          <tr>
            <th>Due</th>
            <th>What</th>
            <th>Partner</th>
            <th>For</th>
            <th>State</th>
            <th>When</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <td>{r.due}</td>
              <td>{KIND[r.kind] ?? r.kind}</td>
              <td>
                <a href={`/console/t/${encodeURIComponent(tenantId)}/partners/${encodeURIComponent(r.partnerId)}/scorecard`}>{r.partnerId}</a>
              </td>
              <td>
                <a href={`/console/t/${encodeURIComponent(tenantId)}/documents/${encodeURIComponent(r.sourceDocumentId)}`}>{r.kind === "856" || r.kind === "810" ? `shipment ${r.subject} (PO ${r.orderKey})` : `PO ${r.orderKey}`}</a>
              </td>
              <td>
                <State value={r.state} />
              </td>
              <td>
                {r.when}
                {r.satisfiedBy ? (
                  <>
                    {" · "}
                    <a href={`/console/t/${encodeURIComponent(tenantId)}/documents/${encodeURIComponent(r.satisfiedBy)}`}>sent</a>
                  </>
                ) : null}
                {r.waived ? <div class="muted">{r.waived}</div> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );

export const DuePage: FC<{ ctx: PageContext; tenantId: string; open: DueRow[]; missed: DueRow[]; met: DueRow[]; partners: string[] }> = ({ ctx, tenantId, open, missed, met, partners }) => (
  <Layout title="Due dates" ctx={ctx}>
    <h1>Due dates</h1>
    <p class="muted">What the retailers expect and by when. At risk: inside the warning window. The rules are each partner's due-date rules, else the tenant's (README, "Due dates and alerts").</p>
    <h2>Open, soonest first</h2>
    <DueTable tenantId={tenantId} rows={open} empty="Nothing is due." />
    <h2>Missed</h2>
    {missed.length ? (
      <DueTable tenantId={tenantId} rows={missed} empty="" />
    ) : (
      <p class="ok">Nothing missed.</p>
    )}
    {missed.some((m) => !m.satisfiedBy) ? (
      <section class="card">
        <h2>Waive a missed obligation</h2>
        <form method="post" action={`/console/t/${encodeURIComponent(tenantId)}/due/waive`} class="waive">
          <input type="hidden" name="csrf" value={ctx.csrf ?? ""} />
          <label>
            Obligation
            <select name="id">
              {missed
                .filter((m) => !m.satisfiedBy)
                .map((m) => (
                  <option value={m.id}>{`${KIND[m.kind] ?? m.kind} ${m.kind === "856" || m.kind === "810" ? m.subject : m.orderKey} (${m.partnerId})`}</option>
                ))}
            </select>
          </label>
          <label>
            Why (kept in the audit trail)
            <input name="reason" required minlength={3} maxlength={500} />
          </label>
          <button type="submit">Waive</button>
        </form>
      </section>
    ) : null}
    <h2>Recently met</h2>
    <DueTable tenantId={tenantId} rows={met} empty="None yet." />
    <h2>Scorecards</h2>
    <ul>
      {partners.map((p) => (
        <li>
          <a href={`/console/t/${encodeURIComponent(tenantId)}/partners/${encodeURIComponent(p)}/scorecard`}>{p}</a>
        </li>
      ))}
    </ul>
  </Layout>
);

export interface ScorecardView {
  partner: string;
  from: string;
  to: string;
  documents: { type: string; direction: string; total: number; invalid: number; rejected: number; failed: number }[];
  obligations: { kind: string; total: number; met: number; missed: number; waived: number; open: number; onTimeRate: number | null; medianLatenessMinutes: number | null; p95LatenessMinutes: number | null; finesIncurred: number; finesAvoided: number }[];
  totals: { onTimeRate: number | null; finesIncurred: number; finesAvoided: number; invalid: number; rejected: number };
  weeks: { week: string; onTimeRate: number | null; met: number; missed: number }[];
}

const pct = (r: number | null) => (r === null ? "—" : `${Math.round(r * 1000) / 10}%`);
const money = (n: number) => `$${n.toLocaleString("en-US")}`;

/** On-time rate per week as bars (0–100 %), with the week under each bar. */
const WeekChart: FC<{ weeks: ScorecardView["weeks"] }> = ({ weeks }) => {
  const w = 640;
  const h = 200;
  const left = 36;
  const bottom = 36;
  const plotH = h - bottom - 10;
  const slot = weeks.length ? (w - left - 10) / weeks.length : 0;
  return (
    <svg class="chart" viewBox={`0 0 ${w} ${h}`} role="img" aria-label="On-time rate per week">
      {[0, 0.5, 1].map((v) => (
        <>
          <line x1={left} x2={w - 10} y1={10 + plotH * (1 - v)} y2={10 + plotH * (1 - v)} class="grid-line" />
          <text x={left - 6} y={14 + plotH * (1 - v)} text-anchor="end" class="axis">{`${v * 100}%`}</text>
        </>
      ))}
      {weeks.map((wk, i) => {
        const rate = wk.onTimeRate ?? 0;
        const barH = plotH * rate;
        const barW = Math.min(slot * 0.7, 56);
        const x = left + i * slot + (slot - barW) / 2;
        // The rate above its bar, or inside its top when the bar is too tall to leave room.
        const inside = plotH - barH < 16;
        return (
          <>
            <rect x={x} y={10 + plotH - barH} width={barW} height={barH} class={rate >= 0.95 ? "bar ok" : rate >= 0.8 ? "bar warn" : "bar bad"}>
              <title>{`${wk.week}: ${pct(wk.onTimeRate)} on time (${wk.met} met, ${wk.missed} missed)`}</title>
            </rect>
            <text x={x + barW / 2} y={h - bottom + 16} text-anchor="middle" class="axis">
              {wk.week.slice(5)}
            </text>
            <text x={x + barW / 2} y={inside ? 24 + plotH - barH : 6 + plotH - barH} text-anchor="middle" class={inside ? "axis on-bar" : "axis"}>
              {pct(wk.onTimeRate)}
            </text>
          </>
        );
      })}
    </svg>
  );
};

export const ScorecardPage: FC<{ ctx: PageContext; tenantId: string; card: ScorecardView; fromDate: string; toDate: string }> = ({ ctx, tenantId, card, fromDate, toDate }) => {
  const base = `/console/t/${encodeURIComponent(tenantId)}/partners/${encodeURIComponent(card.partner)}/scorecard`;
  return (
    <Layout title={`Scorecard ${card.partner}`} ctx={ctx}>
      <h1>
        {`Scorecard ${card.partner} `}
        <span class="muted">{`${fromDate} to ${toDate}`}</span>
      </h1>
      <form class="search card" method="get" action={base}>
        <label>
          From
          <input type="date" name="from" value={fromDate} />
        </label>
        <label>
          To
          <input type="date" name="to" value={toDate} />
        </label>
        <button type="submit">Show</button>
        <a href={`${base}.csv?from=${fromDate}&to=${toDate}`}>Download CSV</a>
      </form>
      <div class="grid">
        <section class="card">
          <h2>On time</h2>
          <p class="big">{pct(card.totals.onTimeRate)}</p>
        </section>
        <section class="card">
          <h2>Fines</h2>
          <p>
            {`incurred ${money(card.totals.finesIncurred)}`}
            <br />
            {`avoided ${money(card.totals.finesAvoided)}`}
          </p>
        </section>
        <section class="card">
          <h2>Refused</h2>
          <p>{`${card.totals.invalid} invalid, ${card.totals.rejected} rejected`}</p>
        </section>
      </div>
      <h2>On-time rate per week</h2>
      {card.weeks.length ? <WeekChart weeks={card.weeks} /> : <p class="muted">No obligation was settled in this period.</p>}
      <h2>By obligation</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>Kind</th>
              <th>Total</th>
              <th>Met</th>
              <th>Missed</th>
              <th>Waived</th>
              <th>Open</th>
              <th>On time</th>
              <th>Median late (min)</th>
              <th>p95 late (min)</th>
              <th>Fines incurred</th>
              <th>Fines avoided</th>
            </tr>
          </thead>
          <tbody>
            {card.obligations.map((k) => (
              <tr>
                <td>{KIND[k.kind] ?? k.kind}</td>
                <td>{k.total}</td>
                <td>{k.met}</td>
                <td>{k.missed}</td>
                <td>{k.waived}</td>
                <td>{k.open}</td>
                <td>{pct(k.onTimeRate)}</td>
                <td>{k.medianLatenessMinutes ?? "—"}</td>
                <td>{k.p95LatenessMinutes ?? "—"}</td>
                <td>{money(k.finesIncurred)}</td>
                <td>{money(k.finesAvoided)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Documents</h2>
      <table>
        <thead>
          <tr>
            <th>Direction</th>
            <th>Type</th>
            <th>Total</th>
            <th>Invalid</th>
            <th>Rejected</th>
            <th>Failed</th>
          </tr>
        </thead>
        <tbody>
          {card.documents.map((d) => (
            <tr>
              <td>{d.direction}</td>
              <td>{d.type}</td>
              <td>{d.total}</td>
              <td>{d.invalid}</td>
              <td>{d.rejected}</td>
              <td>{d.failed}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
};

export interface AlertsView {
  channels: { id: string; type: string; url?: string | undefined; host?: string | undefined; minSeverity?: string | undefined; types?: string[] | undefined; quietHours?: { from: string; to: string; timeZone?: string | undefined } | undefined; enabled?: boolean | undefined; secretSet: boolean }[];
  rules: Record<string, unknown>;
  open: { type: string; severity: string; message: string; openedAt: string; documentId: string | null }[];
  deliveries: { channel: string; digest: boolean; alerts: number; state: string; attempts: number; lastStatus: number | null; lastError: string | null; createdAt: string; summary: string }[];
}

export const AlertsPage: FC<{ ctx: PageContext; tenantId: string; view: AlertsView; tested?: { channel: string; delivered: boolean; status: number | null; error: string | null }[] | undefined; notice?: { ok: boolean; text: string } | undefined }> = ({ ctx, tenantId, view, tested, notice }) => (
  <Layout title="Alerts" ctx={ctx}>
    <h1>Alerts</h1>
    {notice ? <p class={`notice ${notice.ok ? "ok" : "bad"}`}>{notice.text}</p> : null}
    {tested ? (
      <div class={`notice ${tested.every((t) => t.delivered) ? "ok" : "bad"}`}>
        <strong>Test alert</strong>
        <ul>
          {tested.map((t) => (
            <li>{`${t.channel}: ${t.delivered ? `delivered (${t.status})` : `not delivered: ${t.error ?? t.status}`}`}</li>
          ))}
        </ul>
      </div>
    ) : null}
    <div class="grid">
      <section class="card">
        <h2>Channels</h2>
        {view.channels.length === 0 ? <p class="muted">{`No channel yet: PUT /v1/tenants/${tenantId}/alerts (README, "Due dates and alerts").`}</p> : null}
        <ul>
          {view.channels.map((c) => (
            <li>
              <strong>{c.id}</strong> {`${c.type} → ${c.url ?? c.host ?? ""}`} {c.enabled === false ? <span class="status info">off</span> : null}
              <div class="muted">
                {`from ${c.minSeverity ?? "warning"}`}
                {c.types ? `, only ${c.types.join(", ")}` : ""}
                {c.quietHours ? `, quiet ${c.quietHours.from}–${c.quietHours.to} ${c.quietHours.timeZone ?? "UTC"}` : ""}
                {c.secretSet ? ", secret set" : ", no secret"}
              </div>
            </li>
          ))}
        </ul>
        {view.channels.length ? (
          <form method="post" action={`/console/t/${encodeURIComponent(tenantId)}/alerts/test`}>
            <input type="hidden" name="csrf" value={ctx.csrf ?? ""} />
            <button class="secondary" type="submit">
              Send test alert
            </button>
          </form>
        ) : null}
      </section>
      <section class="card">
        <h2>Rules</h2>
        <form method="post" action={`/console/t/${encodeURIComponent(tenantId)}/alerts/settings`} class="rules">
          <input type="hidden" name="csrf" value={ctx.csrf ?? ""} />
          <label>
            Digest from this many alerts of one type
            <input type="number" name="digestAfter" min={2} max={1000} value={String(view.rules.digestAfter ?? 3)} />
          </label>
          <label>
            A connection is failing after this many failed polls in a row
            <input type="number" name="failingPolls" min={1} max={100} value={String(view.rules.failingPolls ?? 3)} />
          </label>
          <label>
            Alert when a stream has not polled successfully for (ISO 8601)
            <input name="pollStaleAfter" value={String(view.rules.pollStaleAfter ?? "PT1H")} pattern="P.*" />
          </label>
          {view.channels.map((c) => (
            <label>
              {`${c.id}: from severity`}
              <select name={`minSeverity.${c.id}`}>
                {["info", "warning", "critical"].map((sev) => (
                  <option value={sev} selected={(c.minSeverity ?? "warning") === sev}>
                    {sev}
                  </option>
                ))}
              </select>
            </label>
          ))}
          <button type="submit">Save rules</button>
        </form>
        <p class="muted">Channels and their secrets: PUT /v1/tenants/…/alerts.</p>
      </section>
    </div>
    <h2>Open now</h2>
    {view.open.length === 0 ? (
      <p class="ok">No open alert.</p>
    ) : (
      <ul>
        {view.open.map((o) => (
          <li>
            <span class={`status ${o.severity === "critical" ? "error" : o.severity === "warning" ? "retry" : "info"}`}>{o.severity}</span> {o.message} <span class="muted">{`since ${o.openedAt}`}</span>
            {o.documentId ? (
              <>
                {" "}
                <a href={`/console/t/${encodeURIComponent(tenantId)}/documents/${encodeURIComponent(o.documentId)}`}>open</a>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    )}
    <h2>Recent deliveries</h2>
    {view.deliveries.length === 0 ? (
      <p class="muted">None yet.</p>
    ) : (
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>Created</th>
              <th>Channel</th>
              <th>Alert</th>
              <th>State</th>
              <th>Attempts</th>
              <th>Answer</th>
            </tr>
          </thead>
          <tbody>
            {view.deliveries.map((d) => (
              <tr>
                <td>{d.createdAt}</td>
                <td>{d.channel}</td>
                <td>{d.digest ? `digest of ${d.alerts}: ${d.summary}` : d.summary}</td>
                <td>
                  <span class={`status ${d.state === "delivered" ? "ok" : d.state === "failed" ? "error" : "retry"}`}>{d.state}</span>
                </td>
                <td>{d.attempts}</td>
                <td>{d.lastError ?? (d.lastStatus ? String(d.lastStatus) : "")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    )}
  </Layout>
);
