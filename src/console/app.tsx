// The operator console under /console, served by the same Worker as the API: sign-in with an API
// token (kept as a short-lived session cookie, never the token), the tenants overview, a tenant's
// dashboard, document search and a document's whole story with a replay button. It shares the
// API's authorisation: the same token check (api/auth.ts principalFromToken) and the same tenant
// rule, except that another tenant's page or document answers 404, not 403, so its existence does
// not leak. Every state-changing form carries the session's CSRF token; every page is sent with a
// CSP that allows no script at all.
import { Hono, type Context, type MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { actorOf, principalFromToken, type Principal } from "../api/auth";
import type { AppEnv } from "../api/context";
import { ApiError } from "../api/errors";
import { orderMetaOf } from "../db/document-meta";
import { listConnectionViews } from "../db/connections";
import { listCursorTimes } from "../db/cursors";
import { countByStatus, countByTypeAndStatusSince, documentsMentioning, getDocument, listDocuments, metaOf, statusDetailOf, type DocumentRow } from "../db/documents";
import { DOCUMENT_STATUSES, DOCUMENT_TYPES, PARTNER_STATUSES, type DocumentStatus, type DocumentType } from "../db/schema";
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
import { serveDocumentLabels } from "./print-labels";
import { BulkDryRunPage, BulkResultPage, ConnectionsPage, MappingsPage, type ImportPreviewRow, type UnmappedLine } from "./pages-more";
import { csvRows, toMappingRow } from "../api/routes/items";
import type { Db } from "../db/client";
import { countItemMappings, findItemMappings, listItemMappings, upsertItemMappings } from "../db/items";
import { getPartner, listPartners, upsertPartner, type Partner } from "../db/partners";
import { erpProfile } from "../erp/profiles";
import { itemKeysOf, type ItemMappingRow } from "../flows/item-matching";
import { requeueWaitingDocuments } from "../operations/requeue-waiting";
import { createSession, readSession, sameToken, SESSION_COOKIE, type Session } from "./session";
import { CONSOLE_CSS } from "./style";
import { csvCell } from "../lib/csv-cell";
import { desc, eq } from "drizzle-orm";
import { openConditions, resolveCondition } from "../alerts/conditions";
import { sendTestAlert } from "../alerts/dispatch";
import { AlertSettingsInput, alertSettingsView, saveAlertSettings } from "../alerts/settings";
import { partnerScorecard } from "../api/routes/obligations";
import { appendAudit } from "../db/audit";
import { getObligation, obligationsOfDocument, recentlyMet, recentlyMissed, upcomingObligations, waiveObligation, type ObligationRow } from "../db/obligations";
import { alertDeliveries } from "../db/schema";
import { createLogger } from "../lib/log";
import { describeMs } from "../sla/duration";
import { scorecardCsv } from "../sla/scorecard";
import { alertLinks } from "../watch/run";
import { AlertsPage, DuePage, DueTable, ScorecardPage, type DueRow } from "./pages-sla";
import { feedView, registerActivityRoutes } from "./activity-routes";


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

const requireSession: MiddlewareHandler<ConsoleEnv> = async (c, next) => {
  const session = await currentSession(c);
  if (!session) return c.redirect("/console/login", 303);
  c.set("session", session);
  c.set("principal", session.principal);
  if (c.req.method === "POST") {
    const form = await c.req.parseBody();
    if (!sameToken(typeof form.csrf === "string" ? form.csrf : undefined, session.csrf)) return c.text("The form is stale or did not come from this console (CSRF check failed); reload the page and try again.", 403);
  }
  await next();
};
consoleApp.use("/console", requireSession);
consoleApp.use("/console/*", requireSession);

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
      const [rows, views, polls, byStatus] = await Promise.all([
        countByTypeAndStatusSince(db, t.id, since),
        listConnectionViews(db, t.id),
        listCursorTimes(db, t.id),
        countByStatus(db, t.id),
      ]);
      const counts: Record<string, number> = {};
      for (const r of rows) counts[r.status] = (counts[r.status] ?? 0) + r.n;
      return {
        id: t.id,
        name: t.name,
        erp: t.erp,
        counts,
        connections: views.map((v) => ({ system: v.system, status: v.status, statusMessage: v.statusMessage, checkedAt: v.checkedAt })),
        polls: polls.map((p) => ({ stream: p.stream, at: iso(p.updatedAt) })),
        attention: ATTENTION.reduce((n, status) => n + (byStatus[status] ?? 0), 0),
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
  const [day, week, views, attention, upcoming, missed] = await Promise.all([
    countByTypeAndStatusSince(db, tenant.id, now - DAY_MS),
    countByTypeAndStatusSince(db, tenant.id, now - 7 * DAY_MS),
    listConnectionViews(db, tenant.id),
    Promise.all(ATTENTION.map((status) => listDocuments(db, tenant.id, { status }, { limit: PAGE }))),
    upcomingObligations(db, tenant.id, 10),
    recentlyMissed(db, tenant.id, 100),
  ]);
  const openMissed = missed.filter((m) => !m.satisfiedBy);
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
      due={{ table: <DueTable tenantId={tenant.id} rows={[...openMissed.slice(0, 5), ...upcoming].map((r) => dueRow(r, now))} empty="Nothing is due." />, missed: openMissed.length }}
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
  const [audit, parsed, raw, linked, due] = await Promise.all([listAudit(db, tenant.id, doc.id), doc.type === "846" && doc.direction === "outbound" ? feedView(metaOf(doc)) : parsedOrder(doc), rawText(doc), linkedDocuments(c, doc), obligationsOfDocument(db, tenant.id, doc.id)]);
  const nowMs = Date.now();
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
      due={due.length ? <DueTable tenantId={tenant.id} rows={due.map((r) => dueRow(r, nowMs))} empty="" /> : undefined}
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

consoleApp.get("/console/t/:tenant/documents/:id/labels", async (c) => {
  const tenant = await visibleTenant(c);
  const doc = tenant ? await getDocument(c.get("db"), tenant.id, c.req.param("id")) : undefined;
  if (!tenant || !doc) return notFound(c, `No document ${c.req.param("id")} here.`);
  return serveDocumentLabels(c as unknown as Context<AppEnv>, tenant, doc, `console:${actorOf(c.get("session").principal)}`);
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

// ---- due dates, scorecards and alerts -----------------------------------------------------------

function dueRow(r: ObligationRow, nowMs: number): DueRow {
  const open = r.state === "pending" || r.state === "at_risk";
  const when = open
    ? r.dueAt >= nowMs
      ? `in ${describeMs(r.dueAt - nowMs)}`
      : `${describeMs(nowMs - r.dueAt)} overdue`
    : r.latenessMs !== null
      ? r.latenessMs > 0
        ? `${describeMs(r.latenessMs)} late`
        : `${describeMs(-r.latenessMs)} early`
      : r.state === "missed"
        ? `${describeMs(nowMs - r.dueAt)} overdue`
        : "";
  return {
    id: r.id,
    kind: r.kind,
    partnerId: r.partnerId,
    subject: r.subject,
    orderKey: r.orderKey,
    sourceDocumentId: r.sourceDocumentId,
    state: r.state,
    due: iso(r.dueAt),
    when,
    satisfiedBy: r.satisfiedBy,
    waived: r.state === "waived" ? `waived by ${r.waivedBy ?? "?"}: ${r.waivedReason ?? ""}` : null,
  };
}

consoleApp.get("/console/t/:tenant/due", async (c) => {
  const tenant = await visibleTenant(c);
  if (!tenant) return notFound(c, `No tenant ${c.req.param("tenant")} is visible to this session.`);
  const db = c.get("db");
  const nowMs = Date.now();
  const [open, missed, met, partners] = await Promise.all([upcomingObligations(db, tenant.id, 200), recentlyMissed(db, tenant.id, 100), recentlyMet(db, tenant.id, 20), listPartners(db, tenant.id)]);
  return c.html(<DuePage ctx={pageContext(c, tenant.id)} tenantId={tenant.id} open={open.map((r) => dueRow(r, nowMs))} missed={missed.map((r) => dueRow(r, nowMs))} met={met.map((r) => dueRow(r, nowMs))} partners={partners.map((p) => p.partnerId)} />);
});

consoleApp.post("/console/t/:tenant/due/waive", async (c) => {
  const tenant = await visibleTenant(c);
  if (!tenant) return notFound(c, `No tenant ${c.req.param("tenant")} is visible to this session.`);
  const form = await c.req.parseBody();
  const id = typeof form.id === "string" ? form.id : "";
  const reason = typeof form.reason === "string" ? form.reason.trim().slice(0, 500) : "";
  const db = c.get("db");
  const existing = /^obl_[0-9A-Z]{26}$/.test(id) ? await getObligation(db, tenant.id, id) : undefined;
  if (!existing || reason.length < 3) return notFound(c, "No such obligation, or no reason given.");
  const actor = `console:${actorOf(c.get("session").principal)}`;
  const nowMs = Date.now();
  const waived = await waiveObligation(db, tenant.id, id, actor, reason, nowMs);
  if (waived) {
    await appendAudit(db, tenant.id, waived.sourceDocumentId, { stage: "obligation_waived", outcome: "info", actor, detail: { obligation: id, kind: waived.kind, subject: waived.subject, due: new Date(waived.dueAt).toISOString(), was: existing.state, reason } }, nowMs);
    for (const key of [`obligation_at_risk:${id}`, `obligation_missed:${id}`]) await resolveCondition(db, tenant.id, key, { message: `Waived by ${actor}: ${reason}`, state: "waived" }, alertLinks(c.env), nowMs);
  }
  return c.redirect(`/console/t/${encodeURIComponent(tenant.id)}/due`, 303);
});

function scorecardPeriod(q: Record<string, string>): { from: number; to: number; fromDate: string; toDate: string } {
  const today = new Date().toISOString().slice(0, 10);
  const toDate = q.to && dayStart(q.to) !== undefined ? q.to : today;
  const to = dayStart(toDate)! + DAY_MS;
  const fromDefault = new Date(to - 28 * DAY_MS).toISOString().slice(0, 10);
  const fromDate = q.from && dayStart(q.from) !== undefined && dayStart(q.from)! < to ? q.from : fromDefault;
  const from = Math.max(dayStart(fromDate)!, to - 366 * DAY_MS);
  return { from, to, fromDate, toDate };
}

async function scorecardFor(c: Context<ConsoleEnv>) {
  const tenant = await visibleTenant(c);
  const partner = tenant ? await getPartner(c.get("db"), tenant.id, c.req.param("partnerId") ?? "") : undefined;
  if (!tenant || !partner) return undefined;
  const period = scorecardPeriod(c.req.query());
  const card = await partnerScorecard(c.get("db"), tenant.id, partner.partnerId, period.from, period.to, Date.now());
  return { tenant, card, period };
}

consoleApp.get("/console/t/:tenant/partners/:partnerId/scorecard", async (c) => {
  const found = await scorecardFor(c);
  if (!found) return notFound(c, "No such tenant or partner.");
  return c.html(<ScorecardPage ctx={pageContext(c, found.tenant.id)} tenantId={found.tenant.id} card={found.card} fromDate={found.period.fromDate} toDate={found.period.toDate} />);
});

consoleApp.get("/console/t/:tenant/partners/:partnerId/scorecard.csv", async (c) => {
  const found = await scorecardFor(c);
  if (!found) return notFound(c, "No such tenant or partner.");
  return c.body(scorecardCsv(found.card), 200, { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="scorecard-${found.card.partner}.csv"` });
});

async function renderAlerts(c: Context<ConsoleEnv>, tenant: Tenant, tested?: Awaited<ReturnType<typeof sendTestAlert>>, notice?: { ok: boolean; text: string }) {
  const db = c.get("db");
  const [settings, open, deliveries] = await Promise.all([
    alertSettingsView(db, tenant.id),
    openConditions(db, tenant.id, 200),
    db.select().from(alertDeliveries).where(eq(alertDeliveries.tenantId, tenant.id)).orderBy(desc(alertDeliveries.createdAt)).limit(50).all(),
  ]);
  const summary = (body: string) => {
    try {
      const b = JSON.parse(body) as { message?: string };
      return b.message ?? "";
    } catch {
      return "";
    }
  };
  return c.html(
    <AlertsPage
      ctx={pageContext(c, tenant.id)}
      tenantId={tenant.id}
      tested={tested}
      notice={notice}
      view={{
        channels: settings.channels,
        rules: settings.rules,
        open: open.map((o) => ({ type: o.type, severity: o.severity, message: o.message, openedAt: iso(o.openedAt), documentId: o.documentId })),
        deliveries: deliveries.map((d) => ({ channel: d.channel, digest: d.digest, alerts: (JSON.parse(d.eventIds) as unknown[]).length, state: d.state, attempts: d.attempts, lastStatus: d.lastStatus, lastError: d.lastError, createdAt: iso(d.createdAt), summary: summary(d.body) })),
      }}
    />,
  );
}

consoleApp.get("/console/t/:tenant/alerts", async (c) => {
  const tenant = await visibleTenant(c);
  if (!tenant) return notFound(c, `No tenant ${c.req.param("tenant")} is visible to this session.`);
  return renderAlerts(c, tenant);
});

/** The rules and each channel's minimum severity; channels keep their URLs and secrets (saveAlertSettings keeps a secret not given). */
consoleApp.post("/console/t/:tenant/alerts/settings", async (c) => {
  const tenant = await visibleTenant(c);
  if (!tenant) return notFound(c, `No tenant ${c.req.param("tenant")} is visible to this session.`);
  const db = c.get("db");
  const form = await c.req.parseBody();
  const field = (k: string) => (typeof form[k] === "string" ? (form[k] as string).trim() : "");
  const current = await alertSettingsView(db, tenant.id);
  const { digestAfter: _d, failingPolls: _f, pollStaleAfter: _p, ...otherRules } = current.rules as Record<string, unknown>;
  const candidate = {
    channels: current.channels.map(({ secretSet: _s, ...ch }) => {
      const minSeverity = field(`minSeverity.${ch.id}`) || ch.minSeverity;
      if (ch.type === "slack") {
        const { host: _h, ...slack } = ch;
        return { ...slack, minSeverity };
      }
      return { ...ch, minSeverity };
    }),
    rules: { ...otherRules, digestAfter: Number(field("digestAfter")), failingPolls: Number(field("failingPolls")), pollStaleAfter: field("pollStaleAfter") },
  };
  const parsed = AlertSettingsInput.safeParse(candidate);
  if (!parsed.success) return renderAlerts(c, tenant, undefined, { ok: false, text: `Not saved: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}` });
  const saved = await saveAlertSettings(db, c.env, tenant.id, parsed.data, { allowPrivate: c.get("config").ALLOW_PRIVATE_UPSTREAMS, nowMs: Date.now() });
  if (!saved.ok) return renderAlerts(c, tenant, undefined, { ok: false, text: `Not saved: ${saved.error.map((r) => `${r.path}: ${r.message}`).join("; ")}` });
  return renderAlerts(c, tenant, undefined, { ok: true, text: "Rules saved." });
});

consoleApp.post("/console/t/:tenant/alerts/test", async (c) => {
  const tenant = await visibleTenant(c);
  if (!tenant) return notFound(c, `No tenant ${c.req.param("tenant")} is visible to this session.`);
  const log = createLogger(c.get("config").LOG_LEVEL, { requestId: c.get("requestId") });
  const results = await sendTestAlert(c.get("db"), c.env, alertLinks(c.env), tenant.id, `console:${actorOf(c.get("session").principal)}`, Date.now(), log);
  return renderAlerts(c, tenant, results);
});

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

// ---- mappings: partners, items, CSV import with a preview, the lines orders wait for ------------

const ITEMS_SHOWN = 300;

/** The lines of the tenant's needs_mapping 850s that no item mapping matches: what a person can map now. */
async function unmappedCodes(db: Db, tenantId: string): Promise<{ lines: UnmappedLine[]; partners: { partnerId: string; po: string }[] }> {
  const waiting = await listDocuments(db, tenantId, { type: "850", status: "needs_mapping" }, { limit: 25 });
  const out: UnmappedLine[] = [];
  const partners = new Map<string, string>();
  const seen = new Set<string>();
  for (const row of waiting) {
    const doc = await getDocument(db, tenantId, row.id);
    if (!doc) continue;
    let order;
    try {
      order = await loadOrder(doc);
    } catch {
      continue;
    }
    const partner = await getPartner(db, tenantId, order.header.tradingPartnerId);
    if (!partner) {
      if (!partners.has(order.header.tradingPartnerId)) partners.set(order.header.tradingPartnerId, order.header.purchaseOrderNumber);
      continue;
    }
    for (const line of order.lines) {
      const keys = itemKeysOf(line);
      if (keys.length === 0 || (await findItemMappings(db, tenantId, partner.partnerId, partner.legalEntity, keys)).length > 0) continue;
      const dedup = `${partner.partnerId}|${keys.map((k) => `${k.kind}:${k.value}`).join(",")}`;
      if (seen.has(dedup)) continue;
      seen.add(dedup);
      out.push({
        documentId: doc.id,
        po: order.header.purchaseOrderNumber,
        partnerId: partner.partnerId,
        lineRef: line.lineSequenceNumber ?? "",
        buyerPartNumber: line.buyerPartNumber,
        vendorPartNumber: line.vendorPartNumber,
        upc: line.consumerPackageCode,
        description: line.productDescriptions.find((d) => d.productDescription)?.productDescription,
      });
    }
  }
  return { lines: out, partners: [...partners].map(([partnerId, po]) => ({ partnerId, po })) };
}

function previewRows(csv: string): { rows: ImportPreviewRow[]; good: ItemMappingRow[]; headerError?: string | undefined } {
  const parsed = csvRows(csv);
  if (parsed.headerError) return { rows: [], good: [], headerError: parsed.headerError };
  const good: ItemMappingRow[] = [];
  const rows = parsed.rows.slice(0, 5_000).map((input, i) => {
    const outcome = toMappingRow(input);
    if (!outcome.ok) return { row: i + 1, ok: false, text: outcome.message };
    good.push(outcome.row);
    return { row: i + 1, ok: true, text: `${outcome.row.keys.map((k) => `${k.kind.replace(/_/g, " ")} ${k.value}`).join(", ")} → ${outcome.row.erpItemId}` };
  });
  return { rows, good, headerError: parsed.rows.length > 5_000 ? "At most 5,000 rows here; use PUT /v1/tenants/…/items for more" : undefined };
}

async function renderMappings(c: Context<ConsoleEnv>, tenant: Tenant, extra: { preview?: { csv: string; rows: ImportPreviewRow[]; headerError?: string | undefined }; notice?: { ok: boolean; text: string } } = {}) {
  const db = c.get("db");
  const q = (c.req.query("q") ?? "").trim().slice(0, 100);
  const needle = q.toLowerCase();
  const [partners, items, total, unmapped] = await Promise.all([listPartners(db, tenant.id), listItemMappings(db, tenant.id, 5_000, 0), countItemMappings(db, tenant.id), unmappedCodes(db, tenant.id)]);
  const matches = (...values: (string | null | undefined)[]) => !needle || values.some((v) => v?.toLowerCase().includes(needle));
  const shownItems = items.filter((i) => matches(i.partnerId, i.value, i.erpItemId)).slice(0, ITEMS_SHOWN);
  return c.html(
    <MappingsPage
      ctx={pageContext(c, tenant.id)}
      tenantId={tenant.id}
      q={q}
      partners={partners.filter((p) => matches(p.partnerId, p.customerId, p.customerLocationId, p.legalEntity))}
      items={shownItems}
      itemsShown={shownItems.length}
      itemsTotal={total}
      unmapped={unmapped.lines}
      unmappedPartners={unmapped.partners}
      needsLegalEntity={erpProfile(tenant.erp).partner.legalEntity.required}
      preview={extra.preview}
      notice={extra.notice}
    />,
  );
}

consoleApp.get("/console/t/:tenant/mappings", async (c) => {
  const tenant = await visibleTenant(c);
  if (!tenant) return notFound(c, `No tenant ${c.req.param("tenant")} is visible to this session.`);
  const notice = c.req.query("notice");
  return renderMappings(c, tenant, notice ? { notice: { ok: !notice.startsWith("!"), text: notice.replace(/^!/, "").slice(0, 300) } } : {});
});

consoleApp.get("/console/t/:tenant/mappings/items.csv", async (c) => {
  const tenant = await visibleTenant(c);
  if (!tenant) return notFound(c, `No tenant ${c.req.param("tenant")} is visible to this session.`);
  const items = await listItemMappings(c.get("db"), tenant.id, 50_000, 0);
  const column = { buyer_part: "buyerPartNumber", vendor_part: "vendorPartNumber", gtin: "gtin" } as Record<string, string>;
  const header = "partnerId,legalEntity,buyerPartNumber,vendorPartNumber,gtin,erpItemId,uom,uomFactor";
  const lines = items.map((i) => {
    const codes: Record<string, string> = { buyerPartNumber: "", vendorPartNumber: "", gtin: "" };
    codes[column[i.kind] ?? "vendorPartNumber"] = i.value;
    return [i.partnerId === "*" ? "" : i.partnerId, i.legalEntity === "*" ? "" : i.legalEntity, codes.buyerPartNumber, codes.vendorPartNumber, codes.gtin, i.erpItemId, i.uom, i.uomFactor].map(csvCell).join(",");
  });
  c.header("Content-Type", "text/csv; charset=utf-8");
  c.header("Content-Disposition", `attachment; filename="${tenant.id.replace(/[^\w.-]/g, "_")}-items.csv"`);
  return c.body([header, ...lines].join("\r\n") + "\r\n");
});

async function storeItems(c: Context<ConsoleEnv>, tenant: Tenant, rows: ItemMappingRow[]): Promise<string> {
  const db = c.get("db");
  const nowMs = Date.now();
  const upserted = await upsertItemMappings(db, tenant.id, rows, nowMs);
  const requeued = upserted > 0 ? await requeueWaitingDocuments(c.env, db, tenant.id, { actor: `console:${actorOf(c.get("session").principal)}`, because: `${upserted} item mappings stored` }, nowMs) : 0;
  return `${upserted} item mapping${upserted === 1 ? "" : "s"} stored; ${requeued} waiting document${requeued === 1 ? "" : "s"} queued again`;
}

const back = (tenant: Tenant, text: string, ok = true) => `/console/t/${encodeURIComponent(tenant.id)}/mappings?notice=${encodeURIComponent(`${ok ? "" : "!"}${text}`)}`;

consoleApp.post("/console/t/:tenant/mappings/import", async (c) => {
  const tenant = await visibleTenant(c);
  if (!tenant) return notFound(c, `No tenant ${c.req.param("tenant")} is visible to this session.`);
  const form = await c.req.parseBody();
  const csv = typeof form.csv === "string" ? form.csv.slice(0, 2_000_000) : "";
  const preview = previewRows(csv);
  if (form.action !== "import" || preview.headerError || preview.good.length === 0) return renderMappings(c, tenant, { preview: { csv, rows: preview.rows, headerError: preview.headerError } });
  const stored = await storeItems(c, tenant, preview.good);
  const refused = preview.rows.filter((r) => !r.ok).length;
  return c.redirect(back(tenant, `${stored}${refused ? `; ${refused} row${refused === 1 ? "" : "s"} refused (not stored)` : ""}`), 303);
});

consoleApp.post("/console/t/:tenant/mappings/items", async (c) => {
  const tenant = await visibleTenant(c);
  if (!tenant) return notFound(c, `No tenant ${c.req.param("tenant")} is visible to this session.`);
  const form = await c.req.parseBody();
  const input = Object.fromEntries(["partnerId", "buyerPartNumber", "vendorPartNumber", "upc", "erpItemId"].flatMap((k) => (typeof form[k] === "string" && form[k] !== "" ? [[k, (form[k] as string).trim()]] : [])));
  const outcome = toMappingRow(input);
  if (!outcome.ok) return c.redirect(back(tenant, `Not stored: ${outcome.message}`, false), 303);
  return c.redirect(back(tenant, await storeItems(c, tenant, [outcome.row])), 303);
});

consoleApp.post("/console/t/:tenant/mappings/partners/:partnerId", async (c) => {
  const tenant = await visibleTenant(c);
  if (!tenant) return notFound(c, `No tenant ${c.req.param("tenant")} is visible to this session.`);
  const db = c.get("db");
  const partnerId = c.req.param("partnerId").trim();
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(partnerId)) return c.redirect(back(tenant, `Not saved: ${partnerId.slice(0, 64)} is not a trading partner id`, false), 303);
  // A partner seen on a waiting order is created here; a known one keeps its rules.
  const existing = (await getPartner(db, tenant.id, partnerId)) ?? { partnerId, customerId: "", customerLocationId: null, legalEntity: null, status: "testing" as Partner["status"], rules: {}, sla: {}, createdAt: 0, updatedAt: 0 };
  const form = await c.req.parseBody();
  const field = (k: string, max: number) => (typeof form[k] === "string" ? (form[k] as string).trim().slice(0, max) : "");
  const customerId = field("customerId", 100);
  const status = (PARTNER_STATUSES as readonly string[]).includes(field("status", 10)) ? (field("status", 10) as Partner["status"]) : existing.status;
  if (!customerId) return c.redirect(back(tenant, `Not saved: partner ${existing.partnerId} needs an ERP customer`, false), 303);
  const legalEntity = field("legalEntity", 10) || undefined;
  if (erpProfile(tenant.erp).partner.legalEntity.required && !legalEntity) return c.redirect(back(tenant, `Not saved: partner ${existing.partnerId} needs a legal entity on ${erpProfile(tenant.erp).label}`, false), 303);
  const nowMs = Date.now();
  await upsertPartner(db, tenant.id, { partnerId: existing.partnerId, customerId, customerLocationId: field("customerLocationId", 100) || undefined, legalEntity, status, rules: existing.rules, sla: existing.sla }, nowMs);
  const requeued = await requeueWaitingDocuments(c.env, db, tenant.id, { actor: `console:${actorOf(c.get("session").principal)}`, because: `partner ${existing.partnerId} saved` }, nowMs);
  return c.redirect(back(tenant, `Partner ${existing.partnerId} saved; ${requeued} waiting document${requeued === 1 ? "" : "s"} queued again`), 303);
});

registerActivityRoutes(consoleApp, { visibleTenant, pageContext, notFound });
