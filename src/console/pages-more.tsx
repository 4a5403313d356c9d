// Console pages for bulk replay (dry run, then the result) and a tenant's connections. Same rules as
// pages.tsx: server-rendered, escaped, plain forms with the session's CSRF token.
import type { FC } from "hono/jsx";
import { Layout, TestResult, type PageContext, type TestedConnection } from "./pages";

export interface BulkRow {
  id: string;
  type: string;
  naturalKey: string;
  status: string;
  replayable: boolean;
  why: string;
}

const hidden = (fields: Record<string, string | undefined>) =>
  Object.entries(fields)
    .filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== "")
    .map(([name, value]) => <input type="hidden" name={name} value={value} />);

export const BulkDryRunPage: FC<{ ctx: PageContext; tenantId: string; filters: Record<string, string | undefined>; rows: BulkRow[]; truncated: boolean; limit: number }> = ({
  ctx,
  tenantId,
  filters,
  rows,
  truncated,
  limit,
}) => {
  const replayable = rows.filter((r) => r.replayable).length;
  const base = `/console/t/${encodeURIComponent(tenantId)}`;
  return (
    <Layout title="Replay all matching: dry run" ctx={ctx}>
      <h1>Replay all matching: dry run</h1>
      <p class="notice">{`${rows.length} document${rows.length === 1 ? " matches" : "s match"}; ${replayable} would be replayed, ${rows.length - replayable} would not (reasons below). Nothing has been replayed yet.`}</p>
      {truncated ? <p class="notice bad">{`More than ${limit} documents match: only the newest ${limit} are shown and would be replayed. Narrow the search to reach the others.`}</p> : null}
      {replayable > 0 ? (
        <form method="post" action={`${base}/replay`}>
          <input type="hidden" name="csrf" value={ctx.csrf ?? ""} />
          {hidden(filters)}
          <button type="submit">{`Replay these ${replayable}`}</button>
        </form>
      ) : null}
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>Document</th>
              <th>Type</th>
              <th>Status</th>
              <th>Replayed?</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td>
                  <a href={`${base}/documents/${encodeURIComponent(r.id)}`}>{r.naturalKey}</a>
                </td>
                <td>{r.type}</td>
                <td>
                  <span class={`status ${r.status}`}>{r.status.replace(/_/g, " ")}</span>
                </td>
                <td class={r.replayable ? "ok" : "muted"}>{`${r.replayable ? "yes" : "no"}: ${r.why}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
};

export const BulkResultPage: FC<{
  ctx: PageContext;
  tenantId: string;
  outcome: { bulkReplayId: string; replayed: { id: string; naturalKey: string }[]; skipped: { id: string; naturalKey: string; why: string }[]; failed: { id: string; naturalKey: string; why: string }[] };
}> = ({ ctx, tenantId, outcome }) => {
  const base = `/console/t/${encodeURIComponent(tenantId)}`;
  const link = (d: { id: string; naturalKey: string }) => <a href={`${base}/documents/${encodeURIComponent(d.id)}`}>{d.naturalKey}</a>;
  return (
    <Layout title="Bulk replay" ctx={ctx}>
      <h1>Bulk replay</h1>
      <p class={`notice ${outcome.failed.length ? "bad" : "ok"}`}>
        {`Bulk replay ${outcome.bulkReplayId}: ${outcome.replayed.length} queued, ${outcome.skipped.length} skipped, ${outcome.failed.length} could not be queued. Each replayed document names this bulk replay in its audit trail.`}
      </p>
      <p>
        <a href={`${base}/documents?status=queued`}>Follow the queued documents</a>
      </p>
      {outcome.replayed.length ? (
        <>
          <h2>Queued</h2>
          <ul>
            {outcome.replayed.map((d) => (
              <li>{link(d)}</li>
            ))}
          </ul>
        </>
      ) : null}
      {outcome.skipped.length + outcome.failed.length ? (
        <>
          <h2>Not replayed</h2>
          <ul>
            {[...outcome.failed, ...outcome.skipped].map((d) => (
              <li>
                {link(d)} <span class="muted">{d.why}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Layout>
  );
};

export interface ConnectionRow {
  system: string;
  settings: Record<string, unknown>;
  secretsSet: string[];
  status: string;
  statusMessage: string | null;
  checkedAt: string | null;
  updatedAt: string;
}

export const ConnectionsPage: FC<{
  ctx: PageContext;
  tenantId: string;
  connections: ConnectionRow[];
  missing: string[];
  tested?: TestedConnection | undefined;
}> = ({ ctx, tenantId, connections, missing, tested }) => (
  <Layout title="Connections" ctx={ctx}>
    <h1>Connections</h1>
    {tested ? <TestResult tested={tested} /> : null}
    {missing.map((system) => (
      <p class="notice bad">{`No ${system} connection is stored: PUT /v1/tenants/${tenantId}/connections/${system}`}</p>
    ))}
    {connections.map((c) => (
      <section class="card">
        <h2>
          {c.system} <span class={`status ${c.status}`}>{c.status}</span>
        </h2>
        <dl class="facts">
          {Object.entries(c.settings).map(([k, v]) => (
            <>
              <dt>{k}</dt>
              <dd>{typeof v === "string" ? v : JSON.stringify(v)}</dd>
            </>
          ))}
          {c.secretsSet.map((k) => (
            <>
              <dt>{k}</dt>
              <dd class="muted">{`set on ${c.updatedAt} (never shown)`}</dd>
            </>
          ))}
          <dt>Last test</dt>
          <dd>{c.checkedAt ? `${c.checkedAt}: ${c.status === "ok" ? "passed" : (c.statusMessage ?? c.status)}` : "never"}</dd>
        </dl>
        <form method="post" action={`/console/t/${encodeURIComponent(tenantId)}/connections/${encodeURIComponent(c.system)}/test`}>
          <input type="hidden" name="csrf" value={ctx.csrf ?? ""} />
          <input type="hidden" name="back" value="connections" />
          <button type="submit">Test now</button>
        </form>
      </section>
    ))}
  </Layout>
);
