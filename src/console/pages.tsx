// The console's pages, server-rendered with hono/jsx. Every value from a document, a partner's file or
// an ERP is rendered as text (hono/jsx escapes it); nothing here builds HTML from strings. Forms are
// plain HTML and work without JavaScript; each state-changing one carries the session's CSRF token.
import type { Child, FC } from "hono/jsx";
import type { Principal } from "../api/auth";
import { PrintLabels } from "./print-labels";

export interface PageContext {
  principal?: Principal | undefined;
  csrf?: string | undefined;
  /** The tenant the page is about, for the navigation. */
  tenantId?: string | undefined;
}

const Status: FC<{ value: string }> = ({ value }) => <span class={`status ${value}`}>{value.replace(/_/g, " ")}</span>;

export const Layout: FC<{ title: string; ctx: PageContext; children?: Child }> = ({ title, ctx, children }) => (
  <html lang="en">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{`${title} · EDI connector`}</title>
      <link rel="stylesheet" href="/console/assets/console.css" />
    </head>
    <body>
      {ctx.principal ? (
        <header class="top">
          <a class="brand" href="/console">
            EDI connector
          </a>
          <nav>
            <a href="/console">Tenants</a>
            {ctx.tenantId ? (
              <>
                <a href={`/console/t/${encodeURIComponent(ctx.tenantId)}`}>{ctx.tenantId}</a>
                <a href={`/console/t/${encodeURIComponent(ctx.tenantId)}/documents`}>Documents</a>
                <a href={`/console/t/${encodeURIComponent(ctx.tenantId)}/due`}>Due dates</a>
                <a href={`/console/t/${encodeURIComponent(ctx.tenantId)}/activity`}>Activity</a>
                <a href={`/console/t/${encodeURIComponent(ctx.tenantId)}/mappings`}>Mappings</a>
                <a href={`/console/t/${encodeURIComponent(ctx.tenantId)}/connections`}>Connections</a>
                <a href={`/console/t/${encodeURIComponent(ctx.tenantId)}/alerts`}>Alerts</a>
              </>
            ) : null}
          </nav>
          <form method="post" action="/console/logout">
            <input type="hidden" name="csrf" value={ctx.csrf ?? ""} />
            <span class="muted">{ctx.principal.role === "operator" ? "operator" : `tenant ${ctx.principal.tenant}`} </span>
            <button class="secondary" type="submit">
              Sign out
            </button>
          </form>
        </header>
      ) : null}
      <main>{children}</main>
    </body>
  </html>
);

export const LoginPage: FC<{ error?: string | undefined }> = ({ error }) => (
  <Layout title="Sign in" ctx={{}}>
    <div class="card login">
      <h1>Sign in</h1>
      {error ? <p class="notice bad">{error}</p> : null}
      <form method="post" action="/console/login">
        <label>
          API token
          <input type="password" name="token" autocomplete="off" required />
        </label>
        <p class="muted">
          An operator token sees every tenant; a tenant token only its own. Mint one with <code>npm run token -- --role operator</code>. The console keeps a
          session of its own, never the token.
        </p>
        <button type="submit">Sign in</button>
      </form>
    </div>
  </Layout>
);

export interface TenantSummary {
  id: string;
  name: string;
  erp: string;
  counts: Record<string, number>;
  connections: { system: string; status: string; statusMessage: string | null; checkedAt: string | null }[];
  /** The last successful poll of each stream (its cursor's last move). */
  polls: { stream: string; at: string }[];
  attention: number;
}

const FAILURE_FIRST = ["failed", "rejected", "invalid", "needs_mapping", "held", "queued", "received", "delivering", "delivered"];

function orderedCounts(counts: Record<string, number>): [string, number][] {
  return Object.entries(counts).sort(([a], [b]) => FAILURE_FIRST.indexOf(a) - FAILURE_FIRST.indexOf(b));
}

export const HomePage: FC<{ ctx: PageContext; tenants: TenantSummary[] }> = ({ ctx, tenants }) => (
  <Layout title="Tenants" ctx={ctx}>
    <h1>Tenants</h1>
    {tenants.length === 0 ? <p class="muted">No tenant is visible to this session.</p> : null}
    <div class="grid">
      {tenants.map((t) => (
        <section class="card">
          <h2>
            <a href={`/console/t/${encodeURIComponent(t.id)}`}>{t.name}</a> <span class="muted">({t.id}, {t.erp})</span>
          </h2>
          {t.attention > 0 ? <p class="notice bad">{`${t.attention} document${t.attention === 1 ? "" : "s"} need a person`}</p> : <p class="ok">Nothing needs a person</p>}
          <p>
            <span class="muted">Last 24 h: </span>
            {orderedCounts(t.counts).length === 0 ? <span class="muted">no documents</span> : null}
            {orderedCounts(t.counts).map(([status, n]) => (
              <>
                <Status value={status} /> {n}{" "}
              </>
            ))}
          </p>
          <ul>
            {t.connections.map((c) => (
              <li>
                {c.system} <Status value={c.status} /> {c.checkedAt ? <span class="muted">checked {c.checkedAt}</span> : null}
                {c.status === "broken" && c.statusMessage ? <div class="bad">{`Last error: ${c.statusMessage}`}</div> : null}
              </li>
            ))}
          </ul>
          {t.polls.length ? (
            <p class="muted">
              {`Last successful poll: ${t.polls.map((p) => `${p.stream} ${p.at}`).join("; ")}`}
            </p>
          ) : (
            <p class="muted">Not polled yet</p>
          )}
        </section>
      ))}
    </div>
  </Layout>
);

export interface DocumentRowView {
  id: string;
  direction: string;
  type: string;
  status: string;
  partnerId: string | null;
  naturalKey: string;
  erpReference: string | null;
  spsPath: string | null;
  statusDetail: string[];
  updatedAt: string;
}

export const DocumentTable: FC<{ tenantId: string; documents: DocumentRowView[] }> = ({ tenantId, documents }) => (
  <div class="table-wrap">
    <table>
      <thead>
        <tr>
          <th>Document</th>
          <th>Type</th>
          <th>Status</th>
          <th>Partner</th>
          <th>ERP</th>
          <th>Updated</th>
        </tr>
      </thead>
      <tbody>
        {documents.map((d) => (
          <tr>
            <td>
              <a href={`/console/t/${encodeURIComponent(tenantId)}/documents/${encodeURIComponent(d.id)}`}>{d.naturalKey}</a>
              {d.statusDetail.length ? <div class="muted">{d.statusDetail[0]}</div> : null}
            </td>
            <td>
              {d.type} <span class="muted">{d.direction === "inbound" ? "in" : "out"}</span>
            </td>
            <td>
              <Status value={d.status} />
            </td>
            <td>{d.partnerId ?? ""}</td>
            <td>{d.erpReference ?? ""}</td>
            <td class="muted">{d.updatedAt}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

export interface TestedConnection {
  system: string;
  ok: boolean;
  checks: { name: string; ok: boolean; message: string }[];
}

/** The answer of a connection test, check by check. */
export const TestResult: FC<{ tested: TestedConnection }> = ({ tested }) => (
  <div class={`notice ${tested.ok ? "ok" : "bad"}`}>
    <strong>{`${tested.system}: ${tested.ok ? "all checks passed" : "a check failed"}`}</strong>
    <ul>
      {tested.checks.map((c) => (
        <li class={c.ok ? "ok" : "bad"}>{`${c.name}: ${c.message}`}</li>
      ))}
    </ul>
  </div>
);

export interface ReadinessView {
  ready: boolean;
  flows: { flow: string; ready: boolean; missing: { code: string; message: string; fix: string }[] }[];
}

export const TenantPage: FC<{
  ctx: PageContext;
  tenant: { id: string; name: string; erp: string };
  counts: { window: string; rows: { type: string; status: string; n: number }[] }[];
  attention: DocumentRowView[];
  connections: { system: string; status: string; statusMessage: string | null; checkedAt: string | null }[];
  tested?: TestedConnection | undefined;
  readiness: ReadinessView | { error: string };
  /** The due-dates table (pages-sla.tsx DueTable) of what is due soonest, and how many are missed. */
  due?: { table: Child; missed: number } | undefined;
}> = ({ ctx, tenant, counts, attention, connections, tested, readiness, due }) => (
  <Layout title={tenant.name} ctx={ctx}>
    <h1>
      {tenant.name} <span class="muted">{`tenant ${tenant.id}, ${tenant.erp}`}</span>
    </h1>
    <form class="search card" method="get" action={`/console/t/${encodeURIComponent(tenant.id)}/documents`}>
      <label>
        Find a PO, shipment, invoice, ERP order or file
        <input type="search" name="q" placeholder="e.g. 4418-2207" />
      </label>
      <button type="submit">Search</button>
    </form>
    <div class="grid">
      {counts.map((c) => (
        <section class="card">
          <h2>{`Documents, last ${c.window}`}</h2>
          {c.rows.length === 0 ? <p class="muted">none</p> : null}
          <table>
            <tbody>
              {c.rows.map((r) => (
                <tr>
                  <td>{r.type}</td>
                  <td>
                    <a href={`/console/t/${encodeURIComponent(tenant.id)}/documents?kind=${encodeURIComponent(r.type)}&status=${encodeURIComponent(r.status)}`}>
                      <Status value={r.status} />
                    </a>
                  </td>
                  <td>{r.n}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      <section class="card">
        <h2>Connections</h2>
        {tested ? <TestResult tested={tested} /> : null}
        <ul>
          {connections.map((c) => (
            <li>
              {c.system} <Status value={c.status} /> {c.checkedAt ? <span class="muted">checked {c.checkedAt}</span> : null}
              {c.statusMessage ? <div class="muted">{c.statusMessage}</div> : null}
              <form method="post" action={`/console/t/${encodeURIComponent(tenant.id)}/connections/${encodeURIComponent(c.system)}/test`}>
                <input type="hidden" name="csrf" value={ctx.csrf ?? ""} />
                <button class="secondary" type="submit">
                  Test now
                </button>
              </form>
            </li>
          ))}
        </ul>
      </section>
    </div>
    {due ? (
      <>
        <h2>
          Due soon{" "}
          {due.missed ? (
            <a class="status error" href={`/console/t/${encodeURIComponent(tenant.id)}/due`}>{`${due.missed} missed`}</a>
          ) : null}
        </h2>
        {due.table}
        <p>
          <a href={`/console/t/${encodeURIComponent(tenant.id)}/due`}>All due dates and scorecards →</a>
        </p>
      </>
    ) : null}
    <h2>Needs a person</h2>
    {attention.length === 0 ? <p class="ok">Nothing is failing or waiting for a mapping.</p> : <DocumentTable tenantId={tenant.id} documents={attention} />}
    <h2>Readiness</h2>
    {"error" in readiness ? (
      <p class="bad">{readiness.error}</p>
    ) : (
      <div class="grid">
        {readiness.flows.map((f) => (
          <section class="card">
            <h2>
              {f.flow} <Status value={f.ready ? "ready" : "not_ready"} />
            </h2>
            {f.missing.length === 0 ? <p class="ok">ready</p> : null}
            <ul>
              {f.missing.map((m) => (
                <li>
                  {m.message}
                  <div class="muted">{`Fix: ${m.fix}`}</div>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    )}
  </Layout>
);

export const SearchPage: FC<{
  ctx: PageContext;
  tenantId: string;
  query: { q?: string | undefined; status?: string | undefined; kind?: string | undefined; partner?: string | undefined; from?: string | undefined; to?: string | undefined };
  documents: DocumentRowView[];
  next?: string | undefined;
  statuses: readonly string[];
  kinds: readonly string[];
}> = ({ ctx, tenantId, query, documents, next, statuses, kinds }) => {
  const base = `/console/t/${encodeURIComponent(tenantId)}/documents`;
  const keep = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""));
  if (next) keep.set("cursor", next);
  return (
    <Layout title="Documents" ctx={ctx}>
      <h1>Documents</h1>
      <form class="search card" method="get" action={base}>
        <label>
          PO, shipment, invoice, ERP order or file
          <input type="search" name="q" value={query.q ?? ""} />
        </label>
        <label>
          Status
          <select name="status">
            <option value="">any</option>
            {statuses.map((s) => (
              <option value={s} selected={query.status === s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Kind
          <select name="kind">
            <option value="">any</option>
            {kinds.map((k) => (
              <option value={k} selected={query.kind === k}>
                {k}
              </option>
            ))}
          </select>
        </label>
        <label>
          Partner
          <input name="partner" value={query.partner ?? ""} />
        </label>
        <label>
          From
          <input type="date" name="from" value={query.from ?? ""} />
        </label>
        <label>
          To
          <input type="date" name="to" value={query.to ?? ""} />
        </label>
        <button type="submit">Search</button>
      </form>
      {documents.length === 0 ? <p class="muted">No document matches.</p> : <DocumentTable tenantId={tenantId} documents={documents} />}
      {documents.length > 0 ? (
        <form method="get" action={`/console/t/${encodeURIComponent(tenantId)}/replay`}>
          {Object.entries(query)
            .filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== "")
            .map(([name, value]) => (
              <input type="hidden" name={name} value={value} />
            ))}
          <button class="secondary" type="submit">
            Replay all matching… (dry run first)
          </button>
        </form>
      ) : null}
      {next ? (
        <p>
          <a href={`${base}?${keep.toString()}`}>Older documents →</a>
        </p>
      ) : null}
    </Layout>
  );
};

export interface AuditRowView {
  at: string;
  stage: string;
  outcome: string;
  actor: string | null;
  detail: unknown;
}

export const DocumentPage: FC<{
  ctx: PageContext;
  tenantId: string;
  doc: DocumentRowView & { attempts: number; lastError: string | null; createdAt: string; rawFormat: string | null; rawSize: number | null };
  parsed?: { header: [string, string][]; lines: { columns: string[]; rows: string[][] } } | undefined;
  raw?: string | undefined;
  meta: unknown;
  audit: AuditRowView[];
  linked: DocumentRowView[];
  notice?: { ok: boolean; text: string } | undefined;
  /** The due dates this document started or met (pages-sla.tsx DueTable), when it has any. */
  due?: Child | undefined;
}> = ({ ctx, tenantId, doc, parsed, raw, meta, audit, linked, notice, due }) => {
  const base = `/console/t/${encodeURIComponent(tenantId)}/documents/${encodeURIComponent(doc.id)}`;
  return (
    <Layout title={`${doc.type} ${doc.naturalKey}`} ctx={ctx}>
      {notice ? <p class={`notice ${notice.ok ? "ok" : "bad"}`}>{notice.text}</p> : null}
      <h1>
        {`${doc.type} ${doc.naturalKey} `}
        <Status value={doc.status} />
      </h1>
      <section class="card">
        <dl class="facts">
          <dt>Direction</dt>
          <dd>{doc.direction}</dd>
          <dt>Partner</dt>
          <dd>{doc.partnerId ?? "—"}</dd>
          <dt>ERP reference</dt>
          <dd>{doc.erpReference ?? "—"}</dd>
          <dt>SPS file</dt>
          <dd>{doc.spsPath ?? "—"}</dd>
          <dt>Attempts</dt>
          <dd>{String(doc.attempts)}</dd>
          <dt>Received</dt>
          <dd>{doc.createdAt}</dd>
          <dt>Updated</dt>
          <dd>{doc.updatedAt}</dd>
        </dl>
        {doc.statusDetail.length ? (
          <>
            <h2>Why</h2>
            <ul>
              {doc.statusDetail.map((r) => (
                <li>{r}</li>
              ))}
            </ul>
          </>
        ) : null}
        {doc.lastError ? <p class="bad">{doc.lastError}</p> : null}
        <form method="post" action={`${base}/replay`}>
          <input type="hidden" name="csrf" value={ctx.csrf ?? ""} />
          {doc.status === "delivered" ? <input type="hidden" name="force" value="true" /> : null}
          <button type="submit">{doc.status === "delivered" ? "Replay (already delivered)" : "Replay"}</button>
        </form>
        <PrintLabels base={base} doc={doc} />
      </section>
      {due ? (
        <>
          <h2>Due dates</h2>
          {due}
        </>
      ) : null}
      {linked.length ? (
        <>
          <h2>Linked documents</h2>
          <DocumentTable tenantId={tenantId} documents={linked} />
        </>
      ) : null}
      {parsed ? (
        <>
          <h2>Document</h2>
          <section class="card">
            <dl class="facts">
              {parsed.header.map(([k, v]) => (
                <>
                  <dt>{k}</dt>
                  <dd>{v}</dd>
                </>
              ))}
            </dl>
          </section>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  {parsed.lines.columns.map((c) => (
                    <th>{c}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {parsed.lines.rows.map((r) => (
                  <tr>
                    {r.map((v) => (
                      <td>{v}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      <h2>Audit trail</h2>
      <ol class="timeline">
        {audit.map((e) => (
          <li class={e.outcome}>
            <strong>{e.stage}</strong> <Status value={e.outcome} /> <span class="muted">{`${e.at}${e.actor ? ` · ${e.actor}` : ""}`}</span>
            {e.detail !== null && e.detail !== undefined ? <pre>{JSON.stringify(e.detail, null, 2)}</pre> : null}
          </li>
        ))}
      </ol>
      <h2>What the connector recorded</h2>
      <pre>{JSON.stringify(meta, null, 2)}</pre>
      {raw !== undefined ? (
        <>
          <h2>
            {`Raw file (${doc.rawFormat ?? "?"}, ${doc.rawSize ?? 0} bytes) `}
            <a href={`${base}/raw`}>download</a>
          </h2>
          <pre>{raw}</pre>
        </>
      ) : null}
    </Layout>
  );
};

export const NotFoundPage: FC<{ ctx: PageContext; what: string }> = ({ ctx, what }) => (
  <Layout title="Not found" ctx={ctx}>
    <h1>Not found</h1>
    <p>{what}</p>
    <p>
      <a href="/console">Back to the tenants</a>
    </p>
  </Layout>
);
