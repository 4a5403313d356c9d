// Console pages for bulk replay (dry run, then the result) and a tenant's connections. Same rules as
// pages.tsx: server-rendered, escaped, plain forms with the session's CSRF token.
import type { FC } from "hono/jsx";
import { PARTNER_STATUSES } from "../db/schema";
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

export interface UnmappedLine {
  documentId: string;
  po: string;
  partnerId: string;
  lineRef: string;
  buyerPartNumber?: string | undefined;
  vendorPartNumber?: string | undefined;
  upc?: string | undefined;
  description?: string | undefined;
}

export interface ImportPreviewRow {
  row: number;
  ok: boolean;
  text: string;
}

export const MappingsPage: FC<{
  ctx: PageContext;
  tenantId: string;
  q: string;
  partners: { partnerId: string; customerId: string; customerLocationId: string | null; legalEntity: string | null; status: string }[];
  items: { partnerId: string; legalEntity: string; kind: string; value: string; erpItemId: string; uom: string | null }[];
  itemsShown: number;
  itemsTotal: number;
  unmapped: UnmappedLine[];
  unmappedPartners: { partnerId: string; po: string }[];
  needsLegalEntity: boolean;
  preview?: { csv: string; rows: ImportPreviewRow[]; headerError?: string | undefined } | undefined;
  notice?: { ok: boolean; text: string } | undefined;
}> = ({ ctx, tenantId, q, partners, items, itemsShown, itemsTotal, unmapped, unmappedPartners, needsLegalEntity, preview, notice }) => {
  const base = `/console/t/${encodeURIComponent(tenantId)}/mappings`;
  const good = preview ? preview.rows.filter((r) => r.ok).length : 0;
  return (
    <Layout title="Mappings" ctx={ctx}>
      <h1>Mappings</h1>
      {notice ? <p class={`notice ${notice.ok ? "ok" : "bad"}`}>{notice.text}</p> : null}
      <h2>Waiting for a mapping</h2>
      {unmappedPartners.map((p) => (
        <form class="search card" method="post" action={`${base}/partners/${encodeURIComponent(p.partnerId)}`}>
          <input type="hidden" name="csrf" value={ctx.csrf ?? ""} />
          <div>
            <strong>{`Trading partner ${p.partnerId}`}</strong> <span class="muted">{`(PO ${p.po} waits for it)`}</span>
          </div>
          <label>
            ERP customer
            <input name="customerId" required />
          </label>
          <label>
            {needsLegalEntity ? "Legal entity" : "Legal entity (optional)"}
            <input name="legalEntity" required={needsLegalEntity} />
          </label>
          <input type="hidden" name="status" value="testing" />
          <button type="submit">Map and replay waiting orders</button>
        </form>
      ))}
      {unmapped.length === 0 ? <p class="ok">No order is waiting for an item mapping.</p> : null}
      {unmapped.map((u) => (
        <form class="search card" method="post" action={`${base}/items`}>
          <input type="hidden" name="csrf" value={ctx.csrf ?? ""} />
          <div>
            <strong>{`PO ${u.po}, line ${u.lineRef}`}</strong> <span class="muted">{`${u.partnerId}${u.description ? ` · ${u.description}` : ""}`}</span>
            <div class="muted">{[u.buyerPartNumber && `buyer part ${u.buyerPartNumber}`, u.vendorPartNumber && `vendor part ${u.vendorPartNumber}`, u.upc && `UPC ${u.upc}`].filter(Boolean).join(", ")}</div>
          </div>
          {u.buyerPartNumber ? (
            <>
              <input type="hidden" name="partnerId" value={u.partnerId} />
              <input type="hidden" name="buyerPartNumber" value={u.buyerPartNumber} />
            </>
          ) : null}
          {u.vendorPartNumber ? <input type="hidden" name="vendorPartNumber" value={u.vendorPartNumber} /> : null}
          {u.upc ? <input type="hidden" name="upc" value={u.upc} /> : null}
          <label>
            ERP item
            <input name="erpItemId" required />
          </label>
          <button type="submit">Map and replay waiting orders</button>
        </form>
      ))}
      <form class="search card" method="get" action={base}>
        <label>
          Find a partner, customer, item or code
          <input type="search" name="q" value={q} />
        </label>
        <button type="submit">Search</button>
      </form>
      <h2>Partners</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>Partner</th>
              <th>ERP customer</th>
              <th>Location</th>
              <th>Legal entity</th>
              <th>Status</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {partners.map((p) => (
              <tr>
                <td>{p.partnerId}</td>
                <td colspan={5}>
                  <form class="search" method="post" action={`${base}/partners/${encodeURIComponent(p.partnerId)}`}>
                    <input type="hidden" name="csrf" value={ctx.csrf ?? ""} />
                    <input name="customerId" value={p.customerId} required aria-label="ERP customer" />
                    <input name="customerLocationId" value={p.customerLocationId ?? ""} aria-label="Location" />
                    <input name="legalEntity" value={p.legalEntity ?? ""} aria-label="Legal entity" />
                    <select name="status" aria-label="Status">
                      {PARTNER_STATUSES.map((s) => (
                        <option value={s} selected={p.status === s}>
                          {s}
                        </option>
                      ))}
                    </select>
                    <button class="secondary" type="submit">
                      Save
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>
        {`Items (${itemsShown} of ${itemsTotal} shown) `}
        <a href={`${base}/items.csv`}>export CSV</a>
      </h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>Partner</th>
              <th>Legal entity</th>
              <th>Code</th>
              <th>ERP item</th>
              <th>UOM</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr>
                <td>{i.partnerId}</td>
                <td>{i.legalEntity}</td>
                <td>{`${i.kind.replace(/_/g, " ")} ${i.value}`}</td>
                <td>{i.erpItemId}</td>
                <td>{i.uom ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Import items (CSV)</h2>
      <form class="card" method="post" action={`${base}/import`}>
        <input type="hidden" name="csrf" value={ctx.csrf ?? ""} />
        <label>
          partnerId, legalEntity, buyerPartNumber, vendorPartNumber, upc, gtin, erpItemId, uom, uomFactor (a header row first)
          <textarea name="csv" rows={6} required>
            {preview?.csv ?? ""}
          </textarea>
        </label>
        <button type="submit" name="action" value="preview">
          Preview
        </button>
        {preview && good > 0 && !preview.headerError ? (
          <button type="submit" name="action" value="import">
            {`Import the ${good} good row${good === 1 ? "" : "s"}`}
          </button>
        ) : null}
      </form>
      {preview ? (
        <section class="card">
          <h2>Preview: nothing is stored yet</h2>
          {preview.headerError ? <p class="bad">{preview.headerError}</p> : null}
          <ul>
            {preview.rows.map((r) => (
              <li class={r.ok ? "ok" : "bad"}>{`Row ${r.row}: ${r.text}`}</li>
            ))}
          </ul>
        </section>
      ) : null}
    </Layout>
  );
};
