// The console's activity page: per partner and item, sold per week, on hand and weeks of supply from
// inbound 846/852, a chart of units sold per reported period (inline SVG, no script), the unmapped
// retailer codes, and a link to the CSV export. Registered on the console app by app.tsx.
import type { Context, Hono } from "hono";
import type { FC } from "hono/jsx";
import { listUnmapped, periodTotals, type UnmappedCode } from "../db/activity";
import type { Tenant } from "../db/tenants";
import { summarizeActivity, type ItemSummary } from "../flows/activity-summary";
import { SUMMARY_TOTALS_LIMIT } from "../api/routes/activity";
import { Layout, type PageContext } from "./pages";
import { FeedMetaSchema } from "../queues/inventory-feed";

/** The app.tsx helpers the page needs (session, visibility, not-found page). */
export interface ConsoleHelpers<C extends Context> {
  visibleTenant: (c: C) => Promise<Tenant | undefined>;
  pageContext: (c: C, tenantId?: string) => PageContext;
  notFound: (c: C, what: string) => Response | Promise<Response>;
}

const num = (n: number | null, unit = "") => (n === null ? "—" : `${n.toLocaleString("en-US")}${unit}`);

/** Units sold per reported period for the top items, as grouped bars (one colour step per item). */
const SoldChart: FC<{ items: ItemSummary[] }> = ({ items }) => {
  const periods = [...new Set(items.flatMap((i) => i.series.map((p) => p.periodStart)))].sort().slice(-12);
  const w = 640;
  const h = 200;
  const left = 44;
  const bottom = 36;
  const plotH = h - bottom - 10;
  const max = Math.max(1, ...items.flatMap((i) => i.series.map((p) => p.sold)));
  const slot = periods.length ? (w - left - 10) / periods.length : 0;
  const barW = items.length ? (slot * 0.8) / items.length : 0;
  return (
    <svg class="chart" viewBox={`0 0 ${w} ${h}`} role="img" aria-label="Units sold per reported period">
      {[0, 0.5, 1].map((v) => (
        <>
          <line x1={left} x2={w - 10} y1={10 + plotH * (1 - v)} y2={10 + plotH * (1 - v)} class="grid-line" />
          <text x={left - 6} y={14 + plotH * (1 - v)} text-anchor="end" class="axis">{String(Math.round(max * v))}</text>
        </>
      ))}
      {periods.map((p, pi) => (
        <>
          {items.map((item, ii) => {
            const sold = item.series.find((s) => s.periodStart === p)?.sold ?? 0;
            const barH = (plotH * sold) / max;
            const x = left + pi * slot + slot * 0.1 + ii * barW;
            return (
              <rect x={x} y={10 + plotH - barH} width={Math.max(1, barW - 1)} height={barH} class={ii === 0 ? "bar ok" : ii === 1 ? "bar warn" : "bar bad"}>
                <title>{`${item.item} (${item.partnerId}), period from ${p}: ${sold} sold`}</title>
              </rect>
            );
          })}
          <text x={left + pi * slot + slot / 2} y={h - bottom + 16} text-anchor="middle" class="axis">
            {p.slice(5)}
          </text>
        </>
      ))}
    </svg>
  );
};

export const ActivityPage: FC<{ ctx: PageContext; tenantId: string; items: ItemSummary[]; unmapped: UnmappedCode[]; partner: string }> = ({ ctx, tenantId, items, unmapped, partner }) => {
  const base = `/console/t/${encodeURIComponent(tenantId)}/activity`;
  const top = items.filter((i) => i.sold > 0).slice(0, 3);
  return (
    <Layout title="Activity" ctx={ctx}>
      <h1>Sell-through and inventory</h1>
      <p class="muted">
        From the retailers' 852 product activity and 846 inventory advice. Weeks of supply = the latest on hand ÷ units sold per week over the reported periods.{" "}
        <a href={`/v1/tenants/${encodeURIComponent(tenantId)}/activity?format=csv${partner ? `&partner=${encodeURIComponent(partner)}` : ""}`}>All rows as CSV (API)</a>
      </p>
      <form method="get" action={base}>
        <label>
          {"Partner "}
          <input name="partner" value={partner} maxlength={80} />
        </label>{" "}
        <button type="submit">Show</button>
      </form>
      {top.length ? (
        <>
          <h2>Units sold per period: {top.map((i) => i.item).join(", ")}</h2>
          <SoldChart items={top} />
        </>
      ) : null}
      <h2>Per item</h2>
      {items.length === 0 ? (
        <p class="muted">No activity yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Partner</th>
              <th>Item</th>
              <th>Sold</th>
              <th>Weeks</th>
              <th>Sold / week</th>
              <th>On hand</th>
              <th>As of</th>
              <th>Weeks of supply</th>
            </tr>
          </thead>
          <tbody>
            {items.slice(0, 500).map((i) => (
              <tr>
                <td>{i.partnerId}</td>
                <td>{i.mapped ? i.item : <span class="status needs_mapping">{`${i.item} (not mapped)`}</span>}</td>
                <td>{num(i.sold)}</td>
                <td>{num(i.weeks)}</td>
                <td>{num(i.soldPerWeek)}</td>
                <td>{num(i.onHand)}</td>
                <td>{i.onHandAsOf ?? "—"}</td>
                <td>{num(i.weeksOfSupply)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Not mapped</h2>
      {unmapped.length === 0 ? (
        <p class="muted">Every item and location in the activity is mapped.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Partner</th>
              <th>Kind</th>
              <th>Retailer code</th>
              <th>Rows</th>
            </tr>
          </thead>
          <tbody>
            {unmapped.map((u) => (
              <tr>
                <td>{u.partnerId}</td>
                <td>{u.kind}</td>
                <td>{u.code}</td>
                <td>{num(u.rows)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
};

export function registerActivityRoutes<E extends { Variables: { db: import("../db/client").Db } }>(app: Hono<E>, h: ConsoleHelpers<Context<E>>): void {
  app.get("/console/t/:tenant/activity", async (c) => {
    const tenant = await h.visibleTenant(c);
    if (!tenant) return h.notFound(c, `No tenant ${c.req.param("tenant")} is visible to this session.`);
    const partner = (c.req.query("partner") ?? "").trim().slice(0, 80);
    const db = c.get("db");
    const [totals, unmapped] = await Promise.all([periodTotals(db, tenant.id, { partnerId: partner || undefined }, SUMMARY_TOTALS_LIMIT), listUnmapped(db, tenant.id, 100)]);
    return c.html(<ActivityPage ctx={h.pageContext(c, tenant.id)} tenantId={tenant.id} items={summarizeActivity(totals)} unmapped={unmapped} partner={partner} />);
  });
}

/** An outbound 846's page: what was read from the ERP and what was advertised, per item. */
export function feedView(meta: Record<string, unknown>): { header: [string, string][]; lines: { columns: string[]; rows: string[][] } } | undefined {
  const parsed = FeedMetaSchema.safeParse(meta.feed);
  if (!parsed.success) return undefined;
  const feed = parsed.data;
  return {
    header: [
      ["Run", feed.run],
      ["ERP read at", feed.readAt],
      ["Items", String(feed.lines.length)],
      ["Units advertised", String(feed.lines.reduce((n, l) => n + l.quantity, 0))],
    ],
    lines: {
      columns: ["ERP item", "Buyer part", "Vendor part", "UPC / GTIN", "Available in ERP", "Sent", "Why different"],
      rows: feed.lines.map((l) => [l.erpItemId, l.buyerPartNumber ?? "", l.vendorPartNumber ?? "", l.upc ?? l.gtin ?? "", String(l.available), String(l.quantity), l.note ?? ""]),
    },
  };
}
