// The operator console under /console, served by the same Worker as the API: sign-in with an API
// token (kept as a short-lived session cookie, never the token), the tenants overview, a tenant's
// dashboard, document search and a document's whole story with a replay button. It shares the
// API's authorisation: the same token check (api/auth.ts principalFromToken) and the same tenant
// rule, except that another tenant's page or document answers 404, not 403, so its existence does
// not leak. Every state-changing form carries the session's CSRF token; every page is sent with a
// CSP that allows no script at all.
import { Hono, type Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { actorOf, principalFromToken, type Principal } from "../api/auth";
import type { AppEnv } from "../api/context";
import { ApiError } from "../api/errors";
import { orderMetaOf } from "../db/document-meta";
import { listConnectionViews } from "../db/connections";
import { countByTypeAndStatusSince, documentsMentioning, getDocument, listDocuments, metaOf, statusDetailOf, type DocumentRow } from "../db/documents";
import { DOCUMENT_STATUSES, DOCUMENT_TYPES, type DocumentStatus, type DocumentType } from "../db/schema";
import { listAudit } from "../db/audit";
import { getTenant, listTenants, type Tenant } from "../db/tenants";
import { gunzip } from "../lib/compress";
import { testConnection } from "../operations/connection-test";
import { tenantReadiness } from "../operations/readiness";
import { BULK_REPLAY_LIMIT, planBulkReplay, runBulkReplay } from "../operations/bulk-replay";
import { replayDocument } from "../operations/replay";
import { loadOrder } from "../queues/stored-order";
import { SYSTEMS, type ConnectionSystem } from "../connections/systems";
import { DocumentPage, HomePage, LoginPage, NotFoundPage, SearchPage, TenantPage, type DocumentRowView, type PageContext } from "./pages";
import { principalFromAccess } from "./access";
import { BulkDryRunPage, BulkResultPage, ConnectionsPage } from "./pages-more";
import { createSession, readSession, sameToken, SESSION_COOKIE, type Session } from "./session";
import { CONSOLE_CSS } from "./style";

type ConsoleEnv = AppEnv & { Variables: AppEnv["Variables"] & { session: Session } };

const ATTENTION: DocumentStatus[] = ["failed", "rejected", "invalid", "needs_mapping", "held"];
const DAY_MS = 86_400_000;
const PAGE = 50;

/** No script, no framing, nothing but this origin's stylesheet. */
const CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const iso = (ms: number) => new Date(ms).toISOString().replace("T", " ").replace(/\.\d{3}Z$/, " UTC");

function rowView(d: DocumentRow): DocumentRowView {
  return {
    id: d.id,
    direction: d.direction,
    type: d.type,
    status: d.status,
    partnerId: d.partnerId,
    naturalKey: d.naturalKey,
    erpReference: d.erpReference,
    spsPath: d.spsPath,
    statusDetail: statusDetailOf(d),
    updatedAt: iso(d.updatedAt),
  };
}

function pageContext(c: Context<ConsoleEnv>, tenantId?: string): PageContext {
  const session = c.get("session");
  return { principal: session.principal, csrf: session.csrf, tenantId };
}

function mayOpen(principal: Principal, tenantId: string): boolean {
  return principal.role === "operator" || principal.tenant === tenantId;
}

function notFound(c: Context<ConsoleEnv>, what: string) {
  return c.html(<NotFoundPage ctx={pageContext(c)} what={what} />, 404);
}

/** The tenant of the path, when this session may see it (else undefined: the caller answers 404). */
async function visibleTenant(c: Context<ConsoleEnv>): Promise<Tenant | undefined> {
  const id = c.req.param("tenant") ?? "";
  if (!mayOpen(c.get("session").principal, id)) return undefined;
  return getTenant(c.get("db"), id);
}

function secureCookie(c: Context<ConsoleEnv>): boolean {
  // Secure always, except plain-http loopback during `npm start`, where browsers would drop it.
  return new URL(c.req.url).protocol === "https:" || c.get("config").ENVIRONMENT === "production";
}

/** The whole 850 as a header list and a lines table, for the document page. */
async function parsedOrder(doc: DocumentRow): Promise<{ header: [string, string][]; lines: { columns: string[]; rows: string[][] } } | undefined> {
  if (doc.type !== "850" || !doc.raw) return undefined;
  try {
    const order = await loadOrder(doc);
    const h = order.header;
    const header: [string, string][] = [
      ["PO number", h.purchaseOrderNumber],
      ["Trading partner", h.tradingPartnerId],
      ["PO date", h.purchaseOrderDate ?? ""],
      ["Purpose", h.tsetPurposeCode ?? ""],
      ["PO type", h.primaryPOTypeCode ?? ""],
    ];
    const orders = Object.values(orderMetaOf(doc).orders ?? {});
    for (const o of orders) header.push(["ERP sales order", `${o.reference}${o.orderType ? ` (${o.orderType})` : ""}${o.shipToLocation ? `, ship-to ${o.shipToLocation}` : ""}`]);
    const rows = order.lines.map((l) => [l.lineSequenceNumber ?? "", l.buyerPartNumber ?? "", l.vendorPartNumber ?? "", l.consumerPackageCode ?? "", String(l.orderQty ?? ""), l.orderQtyUOM ?? "", String(l.purchasePrice ?? "")]);
    return { header, lines: { columns: ["Line", "Buyer part", "Vendor part", "UPC", "Qty", "UOM", "Price"], rows } };
  } catch {
    return undefined;
  }
}

async function rawText(doc: DocumentRow): Promise<string | undefined> {
  if (!doc.raw) return undefined;
  try {
    const text = new TextDecoder().decode(await gunzip(doc.raw));
    if (doc.rawFormat === "json") {
      try {
        return JSON.stringify(JSON.parse(text), null, 2);
      } catch {
        return text;
      }
    }
    return text;
  } catch {
    return undefined;
  }
}

/** The documents an 850 led to (855/856/810 naming it) and the 850s an outbound document answers. */
async function linkedDocuments(c: Context<ConsoleEnv>, doc: DocumentRow): Promise<DocumentRow[]> {
  const db = c.get("db");
  const mentioned = new Set(JSON.stringify(metaOf(doc)).match(/doc_[0-9A-HJKMNP-TV-Z]{26}/g) ?? []);
  mentioned.delete(doc.id);
  const answers = await Promise.all([...mentioned].slice(0, 20).map((id) => getDocument(db, doc.tenantId, id)));
  const answering = await documentsMentioning(db, doc.tenantId, doc.id);
  const seen = new Set<string>();
  return [...answers.filter((d): d is DocumentRow => Boolean(d)), ...answering].filter((d) => (seen.has(d.id) ? false : (seen.add(d.id), true)));
}

export const consoleApp = new Hono<ConsoleEnv>();

consoleApp.use("*", async (c, next) => {
  await next();
  c.header("Content-Security-Policy", CSP);
  c.header("X-Content-Type-Options", "nosniff");
  c.header("X-Frame-Options", "DENY");
  c.header("Referrer-Policy", "no-referrer");
  c.header("Cache-Control", "no-store");
});

consoleApp.get("/console/assets/console.css", (c) => {
  c.header("Content-Type", "text/css; charset=utf-8");
  return c.body(CONSOLE_CSS);
});

async function signIn(c: Context<ConsoleEnv>, token: string) {
  try {
    const { principal, expiresAt } = await principalFromToken(token, c.env);
    const { cookie, session } = await createSession(principal, expiresAt, c.env.API_SIGNING_KEY, Date.now());
    setCookie(c, SESSION_COOKIE, cookie, { httpOnly: true, secure: secureCookie(c), sameSite: "Strict", path: "/console", expires: new Date(session.expiresAt) });
    return c.redirect("/console", 303);
  } catch (e) {
    const message = e instanceof ApiError ? e.message : "The token could not be checked";
    return c.html(<LoginPage error={message} />, 401);
  }
}

// `npm start` prints a link carrying a demo tenant token: accepted only in development, where a
// token in a URL (and so in the browser's history) is harmless. Everywhere else the form posts it.
consoleApp.get("/console/login", (c) => {
  const token = c.req.query("token");
  if (token && c.get("config").ENVIRONMENT === "development") return signIn(c, token.trim());
  return c.html(<LoginPage />);
});

consoleApp.post("/console/login", async (c) => {
  const form = await c.req.parseBody();
  const token = typeof form.token === "string" ? form.token.trim() : "";
  if (!token) return c.html(<LoginPage error="Paste an API token." />, 400);
  return signIn(c, token);
});

// Everything below needs a session.
/** The session of the cookie, or one started from a Cloudflare Access assertion (setting the cookie). */
async function currentSession(c: Context<ConsoleEnv>): Promise<Session | undefined> {
  const existing = await readSession(getCookie(c, SESSION_COOKIE), c.env.API_SIGNING_KEY);
  if (existing) return existing;
  const access = await principalFromAccess(c.req.header("cf-access-jwt-assertion"), c.get("config"));
  if (!access) return undefined;
  const { cookie, session } = await createSession(access.principal, access.expiresAt, c.env.API_SIGNING_KEY, Date.now());
  setCookie(c, SESSION_COOKIE, cookie, { httpOnly: true, secure: secureCookie(c), sameSite: "Strict", path: "/console", expires: new Date(session.expiresAt) });
  return session;
}

consoleApp.use("/console/*", async (c, next) => {
  const session = await currentSession(c);
  if (!session) return c.redirect("/console/login", 303);
  c.set("session", session);
  c.set("principal", session.principal);
  if (c.req.method === "POST") {
    const form = await c.req.parseBody();
    if (!sameToken(typeof form.csrf === "string" ? form.csrf : undefined, session.csrf)) return c.text("The form is stale or did not come from this console (CSRF check failed); reload the page and try again.", 403);
  }
  await next();
});
consoleApp.use("/console", async (c, next) => {
  const session = await currentSession(c);
  if (!session) return c.redirect("/console/login", 303);
  c.set("session", session);
  c.set("principal", session.principal);
  await next();
});

consoleApp.post("/console/logout", (c) => {
  deleteCookie(c, SESSION_COOKIE, { path: "/console", secure: secureCookie(c) });
  return c.redirect("/console/login", 303);
});

consoleApp.get("/console", async (c) => {
  const db = c.get("db");
  const principal = c.get("session").principal;
  const tenants = await listTenants(db, principal.role === "tenant" ? principal.tenant : undefined);
  const since = Date.now() - DAY_MS;
  const summaries = await Promise.all(
    tenants.map(async (t) => {
      const [rows, views, attention] = await Promise.all([
        countByTypeAndStatusSince(db, t.id, since),
        listConnectionViews(db, t.id),
        Promise.all(ATTENTION.map((status) => listDocuments(db, t.id, { status }, { limit: PAGE }))),
      ]);
      const counts: Record<string, number> = {};
      for (const r of rows) counts[r.status] = (counts[r.status] ?? 0) + r.n;
      return {
        id: t.id,
        name: t.name,
        erp: t.erp,
        counts,
        connections: views.map((v) => ({ system: v.system, status: v.status, statusMessage: v.statusMessage, checkedAt: v.checkedAt })),
        attention: attention.flat().length,
      };
    }),
  );
  // Tenants with something to do first.
  summaries.sort((a, b) => b.attention - a.attention || a.id.localeCompare(b.id));
  return c.html(<HomePage ctx={pageContext(c)} tenants={summaries} />);
});

async function renderTenant(c: Context<ConsoleEnv>, tenant: Tenant, tested?: { system: string; ok: boolean; checks: { name: string; ok: boolean; message: string }[] }) {
  const db = c.get("db");
  const now = Date.now();
  const [day, week, views, attention] = await Promise.all([
    countByTypeAndStatusSince(db, tenant.id, now - DAY_MS),
    countByTypeAndStatusSince(db, tenant.id, now - 7 * DAY_MS),
    listConnectionViews(db, tenant.id),
    Promise.all(ATTENTION.map((status) => listDocuments(db, tenant.id, { status }, { limit: PAGE }))),
  ]);
  let readiness;
  try {
    readiness = await tenantReadiness(c.env, db, tenant);
  } catch (e) {
    readiness = { error: `Readiness could not be worked out: ${e instanceof Error ? e.message : String(e)}` };
  }
  const sorted = (rows: { type: string; status: string; n: number }[]) => [...rows].sort((a, b) => a.type.localeCompare(b.type) || a.status.localeCompare(b.status));
  return c.html(
    <TenantPage
      ctx={pageContext(c, tenant.id)}
      tenant={tenant}
      counts={[
        { window: "24 h", rows: sorted(day) },
        { window: "7 days", rows: sorted(week) },
      ]}
      attention={attention
        .flat()
        .sort((a, b) => b.updatedAt - a.updatedAt)
        .map(rowView)}
      connections={views.map((v) => ({ system: v.system, status: v.status, statusMessage: v.statusMessage, checkedAt: v.checkedAt }))}
      tested={tested}
      readiness={readiness}
    />,
  );
}

consoleApp.get("/console/t/:tenant", async (c) => {
  const tenant = await visibleTenant(c);
  if (!tenant) return notFound(c, `No tenant ${c.req.param("tenant")} is visible to this session.`);
  return renderTenant(c, tenant);
});

consoleApp.post("/console/t/:tenant/connections/:system/test", async (c) => {
  const tenant = await visibleTenant(c);
  const system = c.req.param("system") as ConnectionSystem;
  if (!tenant || !(SYSTEMS as readonly string[]).includes(system)) return notFound(c, "No such tenant or connection.");
  const result = await testConnection(c.env, c.get("db"), tenant.id, system, Date.now());
  const form = await c.req.parseBody();
  if (form.back === "connections") return renderConnections(c, tenant, { system, ...result });
  return renderTenant(c, tenant, { system, ...result });
});

function dayStart(value: string | undefined): number | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return Number.isNaN(ms) ? undefined : ms;
}

consoleApp.get("/console/t/:tenant/documents", async (c) => {
  const tenant = await visibleTenant(c);
  if (!tenant) return notFound(c, `No tenant ${c.req.param("tenant")} is visible to this session.`);
  const q = c.req.query();
  const { echo, filters } = searchFilters(q);
  const cursor = q.cursor && q.cursor.length <= 64 ? q.cursor : undefined;
  const rows = await listDocuments(c.get("db"), tenant.id, filters, { limit: PAGE + 1, before: cursor && /^doc_[0-9A-Z]{26}$/.test(cursor) ? cursor : undefined });
  const page = rows.slice(0, PAGE);
  const next = rows.length > PAGE ? page[page.length - 1]!.id : undefined;
  return c.html(
    <SearchPage
      ctx={pageContext(c, tenant.id)}
      tenantId={tenant.id}
      query={echo}
      documents={page.map(rowView)}
      next={next}
      statuses={DOCUMENT_STATUSES}
      kinds={DOCUMENT_TYPES}
    />,
  );
});

async function renderDocument(c: Context<ConsoleEnv>, tenant: Tenant, doc: DocumentRow, notice?: { ok: boolean; text: string }) {
  const db = c.get("db");
  const [audit, parsed, raw, linked] = await Promise.all([listAudit(db, tenant.id, doc.id), parsedOrder(doc), rawText(doc), linkedDocuments(c, doc)]);
  return c.html(
    <DocumentPage
      ctx={pageContext(c, tenant.id)}
      tenantId={tenant.id}
      doc={{ ...rowView(doc), attempts: doc.attempts, lastError: doc.lastError, createdAt: iso(doc.createdAt), rawFormat: doc.rawFormat, rawSize: doc.rawSize }}
      parsed={parsed}
      raw={raw}
      meta={metaOf(doc)}
      audit={audit.map((e) => ({ at: e.at, stage: e.stage, outcome: e.outcome, actor: e.actor ?? null, detail: e.detail ?? null }))}
      linked={linked.map(rowView)}
      notice={notice}
    />,
  );
}

consoleApp.get("/console/t/:tenant/documents/:id", async (c) => {
  const tenant = await visibleTenant(c);
  const doc = tenant ? await getDocument(c.get("db"), tenant.id, c.req.param("id")) : undefined;
  if (!tenant || !doc) return notFound(c, `No document ${c.req.param("id")} here.`);
  return renderDocument(c, tenant, doc, NOTICES[c.req.query("notice") ?? ""]);
});

consoleApp.get("/console/t/:tenant/documents/:id/raw", async (c) => {
  const tenant = await visibleTenant(c);
  const doc = tenant ? await getDocument(c.get("db"), tenant.id, c.req.param("id")) : undefined;
  const text = doc ? await rawText(doc) : undefined;
  if (!tenant || !doc || text === undefined) return notFound(c, "No stored file for this document.");
  const name = (doc.spsPath?.split("/").pop() || `${doc.type}-${doc.naturalKey}.${doc.rawFormat ?? "txt"}`).replace(/[^\w.-]/g, "_");
  c.header("Content-Disposition", `attachment; filename="${name}"`);
  c.header("Content-Type", doc.rawFormat === "json" ? "application/json; charset=utf-8" : "application/xml; charset=utf-8");
  return c.body(text);
});

consoleApp.post("/console/t/:tenant/documents/:id/replay", async (c) => {
  const tenant = await visibleTenant(c);
  const db = c.get("db");
  const doc = tenant ? await getDocument(db, tenant.id, c.req.param("id")) : undefined;
  if (!tenant || !doc) return notFound(c, `No document ${c.req.param("id")} here.`);
  const form = await c.req.parseBody();
  const result = await replayDocument(c.env, db, tenant.id, doc.id, { force: form.force === "true", actor: `console:${actorOf(c.get("session").principal)}` }, Date.now());
  // Post/redirect/get: reloading the page that follows does not replay again.
  const notice = result.ok ? "replayed" : result.error.kind === "needs_force" ? "needs_force" : "gone";
  return c.redirect(`/console/t/${encodeURIComponent(tenant.id)}/documents/${encodeURIComponent(doc.id)}?notice=${notice}`, 303);
});

const NOTICES: Record<string, { ok: boolean; text: string }> = {
  replayed: { ok: true, text: "Replay queued: the document is processed again with today's mappings. Reload to follow its status." },
  needs_force: { ok: false, text: "The document is delivered; replay it again with the button below to force it." },
  gone: { ok: false, text: "The document is gone." },
};

// ---- bulk replay: a dry run (GET), then the replay (POST) --------------------------------------

function searchFilters(q: Record<string, string>) {
  const text = (v: string | undefined, max: number) => (v && v.trim() ? v.trim().slice(0, max) : undefined);
  const status = (DOCUMENT_STATUSES as readonly string[]).includes(q.status ?? "") ? (q.status as DocumentStatus) : undefined;
  const kind = (DOCUMENT_TYPES as readonly string[]).includes(q.kind ?? "") ? (q.kind as DocumentType) : undefined;
  const from = dayStart(q.from);
  const to = dayStart(q.to);
  return {
    /** The search as the forms carry it. */
    echo: { q: text(q.q, 200), status, kind, partner: text(q.partner, 100), from: from === undefined ? undefined : q.from, to: to === undefined ? undefined : q.to },
    filters: { q: text(q.q, 200), status, type: kind, partner: text(q.partner, 100), from, to: to === undefined ? undefined : to + DAY_MS },
  };
}

consoleApp.get("/console/t/:tenant/replay", async (c) => {
  const tenant = await visibleTenant(c);
  if (!tenant) return notFound(c, `No tenant ${c.req.param("tenant")} is visible to this session.`);
  const { echo, filters } = searchFilters(c.req.query());
  const plan = await planBulkReplay(c.get("db"), tenant.id, filters);
  const rows = plan.candidates.map((x) => ({ id: x.doc.id, type: x.doc.type, naturalKey: x.doc.naturalKey, status: x.doc.status, replayable: x.replayable, why: x.why }));
  return c.html(<BulkDryRunPage ctx={pageContext(c, tenant.id)} tenantId={tenant.id} filters={echo} rows={rows} truncated={plan.truncated} limit={BULK_REPLAY_LIMIT} />);
});

consoleApp.post("/console/t/:tenant/replay", async (c) => {
  const tenant = await visibleTenant(c);
  if (!tenant) return notFound(c, `No tenant ${c.req.param("tenant")} is visible to this session.`);
  const form = await c.req.parseBody();
  const fields = Object.fromEntries(Object.entries(form).filter((e): e is [string, string] => typeof e[1] === "string"));
  const { filters } = searchFilters(fields);
  const db = c.get("db");
  const outcome = await runBulkReplay(c.env, db, tenant.id, filters, `console:${actorOf(c.get("session").principal)}`, Date.now());
  const ids = [...outcome.replayed, ...outcome.skipped.map((s) => s.id), ...outcome.failed.map((f) => f.id)];
  const keys = new Map((await Promise.all(ids.map((id) => getDocument(db, tenant.id, id)))).filter((d): d is DocumentRow => Boolean(d)).map((d) => [d.id, d.naturalKey]));
  const named = (id: string) => keys.get(id) ?? id;
  return c.html(
    <BulkResultPage
      ctx={pageContext(c, tenant.id)}
      tenantId={tenant.id}
      outcome={{
        bulkReplayId: outcome.bulkReplayId,
        replayed: outcome.replayed.map((id) => ({ id, naturalKey: named(id) })),
        skipped: outcome.skipped.map((s) => ({ ...s, naturalKey: named(s.id) })),
        failed: outcome.failed.map((f) => ({ ...f, naturalKey: named(f.id) })),
      }}
    />,
  );
});

// ---- connections --------------------------------------------------------------------------------

async function renderConnections(c: Context<ConsoleEnv>, tenant: Tenant, tested?: { system: string; ok: boolean; checks: { name: string; ok: boolean; message: string }[] }) {
  const views = await listConnectionViews(c.get("db"), tenant.id);
  const wanted = ["sps", tenant.erp];
  return c.html(
    <ConnectionsPage
      ctx={pageContext(c, tenant.id)}
      tenantId={tenant.id}
      connections={views.map((v) => ({ system: v.system, settings: v.settings, secretsSet: v.secretsSet, status: v.status, statusMessage: v.statusMessage, checkedAt: v.checkedAt, updatedAt: v.updatedAt }))}
      missing={wanted.filter((s) => !views.some((v) => v.system === s))}
      tested={tested}
    />,
  );
}

consoleApp.get("/console/t/:tenant/connections", async (c) => {
  const tenant = await visibleTenant(c);
  if (!tenant) return notFound(c, `No tenant ${c.req.param("tenant")} is visible to this session.`);
  return renderConnections(c, tenant);
});
