// Due dates: the obligations list, waiving one (audited on the document that started it), and a
// partner's scorecard as JSON or CSV.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { appendAudit } from "../../db/audit";
import { countPartnerDocuments } from "../../db/documents";
import { getObligation, listObligations, obligationsDueBetween, obligationView, waiveObligation } from "../../db/obligations";
import { getPartner } from "../../db/partners";
import { OBLIGATION_KINDS, OBLIGATION_STATES } from "../../db/schema";
import { base64UrlDecode, base64UrlEncode, decodeUtf8, utf8 } from "../../lib/encoding";
import { scorecard, scorecardCsv } from "../../sla/scorecard";
import { resolveCondition } from "../../alerts/conditions";
import { alertLinks } from "../../watch/run";
import { actorOf } from "../auth";
import type { AppEnv } from "../context";
import { ApiError, validationHook } from "../errors";
import { PartnerParams, TenantIdParam, TenantParams } from "../schemas";
import { errorResponses, tenantFor } from "./common";

export const obligationRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

const ObligationSchema = z
  .object({
    id: z.string(),
    kind: z.enum(OBLIGATION_KINDS).openapi({ description: "855, 856, 810, or ship (the order must ship by its 850 date)" }),
    partnerId: z.string(),
    subject: z.string().openapi({ description: "PO number (855, ship) or ERP shipment number (856, 810)" }),
    orderKey: z.string(),
    sourceDocumentId: z.string(),
    state: z.enum(OBLIGATION_STATES),
    startsAt: z.string(),
    warnAt: z.string(),
    due: z.string(),
    satisfiedBy: z.string().nullable(),
    satisfiedAt: z.string().nullable(),
    latenessMs: z.number().nullable().openapi({ description: "Positive: late by; negative: early by" }),
    msUntilDue: z.number().nullable(),
    wasAtRisk: z.boolean(),
    fee: z.number().nullable(),
    waivedBy: z.string().nullable(),
    waivedReason: z.string().nullable(),
    updatedAt: z.string(),
  })
  .openapi("Obligation");

const isoTime = z
  .string()
  .max(40)
  .refine((v) => !Number.isNaN(Date.parse(v)), "an ISO 8601 date or date-time")
  .transform((v) => Date.parse(v));

const ListQuery = z.object({
  state: z.enum(OBLIGATION_STATES).optional(),
  kind: z.enum(OBLIGATION_KINDS).optional(),
  partner: z.string().max(15).optional(),
  due_before: isoTime.optional().openapi({ type: "string", example: "2026-12-05T00:00:00Z" }),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

const encodeCursor = (dueAt: number, id: string) => base64UrlEncode(utf8.encode(`o:${dueAt}:${id}`));
function decodeCursor(cursor: string): { dueAt: number; id: string } {
  const bytes = base64UrlDecode(cursor);
  const m = /^o:(\d+):(obl_[0-9A-Z]{26})$/.exec(bytes ? decodeUtf8(bytes) : "");
  if (!m) throw new ApiError("invalid_request", "The cursor is not valid; use nextCursor from the previous page");
  return { dueAt: Number(m[1]), id: m[2]! };
}

obligationRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/tenants/{tenant}/obligations",
    tags: ["Due dates"],
    summary: "Obligations (documents a retailer expects by a due time), soonest due first",
    request: { params: TenantParams, query: ListQuery },
    responses: {
      200: { description: "A page of obligations", content: { "application/json": { schema: z.object({ obligations: z.array(ObligationSchema), nextCursor: z.string().nullable() }).openapi("ObligationList") } } },
      ...errorResponses,
    },
  }),
  async (c) => {
    const { tenant: tenantId } = c.req.valid("param");
    await tenantFor(c, tenantId);
    const q = c.req.valid("query");
    const limit = q.limit ?? 100;
    const rows = await listObligations(c.get("db"), tenantId, { state: q.state, kind: q.kind, partner: q.partner, dueBefore: q.due_before }, { limit: limit + 1, after: q.cursor ? decodeCursor(q.cursor) : undefined });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const nowMs = Date.now();
    return c.json({ obligations: page.map((r) => obligationView(r, nowMs)), nextCursor: rows.length > limit && last ? encodeCursor(last.dueAt, last.id) : null }, 200);
  },
);

const WaiveBody = z.object({ reason: z.string().trim().min(3).max(500).openapi({ example: "Retailer moved the delivery appointment; agreed by phone" }) }).strict().openapi("WaiveObligation");

obligationRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/tenants/{tenant}/obligations/{id}/waive",
    tags: ["Due dates"],
    summary: "Waive an open or missed obligation (audited with who and why; it then counts neither way)",
    request: {
      params: z.object({ tenant: TenantIdParam, id: z.string().regex(/^obl_[0-9A-Z]{26}$/).openapi({ param: { name: "id", in: "path" } }) }),
      body: { required: true, content: { "application/json": { schema: WaiveBody } } },
    },
    responses: {
      200: { description: "Waived", content: { "application/json": { schema: ObligationSchema } } },
      409: { description: "Already met or waived", content: { "application/json": { schema: z.object({ error: z.object({ code: z.string(), message: z.string() }) }) } } },
      ...errorResponses,
    },
  }),
  async (c) => {
    const { tenant: tenantId, id } = c.req.valid("param");
    await tenantFor(c, tenantId);
    const db = c.get("db");
    const existing = await getObligation(db, tenantId, id);
    if (!existing) throw new ApiError("not_found", `No obligation ${id}`);
    const actor = actorOf(c.get("principal"));
    const { reason } = c.req.valid("json");
    const nowMs = Date.now();
    const waived = await waiveObligation(db, tenantId, id, actor, reason, nowMs);
    if (!waived) throw new ApiError("conflict", `Obligation ${id} is ${existing.state}; only pending, at-risk or missed obligations can be waived`);
    await appendAudit(db, tenantId, waived.sourceDocumentId, { stage: "obligation_waived", outcome: "info", actor, detail: { obligation: id, kind: waived.kind, subject: waived.subject, due: new Date(waived.dueAt).toISOString(), was: existing.state, reason } }, nowMs);
    const links = alertLinks(c.env);
    for (const key of [`obligation_at_risk:${id}`, `obligation_missed:${id}`]) await resolveCondition(db, tenantId, key, { message: `Waived by ${actor}: ${reason}`, state: "waived" }, links, nowMs);
    return c.json(obligationView(waived, nowMs), 200);
  },
);

const ScorecardQuery = z.object({
  from: isoTime.optional().openapi({ type: "string", example: "2026-11-01", description: "Default: 28 days before `to`" }),
  to: isoTime.optional().openapi({ type: "string", example: "2026-12-01", description: "Default: now" }),
  format: z.enum(["json", "csv"]).optional(),
});

const KindScoreSchema = z.object({
  kind: z.enum(OBLIGATION_KINDS),
  total: z.number().int(),
  met: z.number().int(),
  missed: z.number().int(),
  waived: z.number().int(),
  open: z.number().int(),
  onTimeRate: z.number().nullable(),
  medianLatenessMinutes: z.number().nullable(),
  p95LatenessMinutes: z.number().nullable(),
  feePerIncident: z.number().nullable(),
  finesIncurred: z.number(),
  finesAvoided: z.number(),
});

export const ScorecardSchema = z
  .object({
    partner: z.string(),
    from: z.string(),
    to: z.string(),
    documents: z.array(z.object({ type: z.string(), direction: z.string(), total: z.number().int(), invalid: z.number().int(), rejected: z.number().int(), failed: z.number().int() })),
    obligations: z.array(KindScoreSchema),
    totals: z.object({ onTimeRate: z.number().nullable(), finesIncurred: z.number(), finesAvoided: z.number(), invalid: z.number().int(), rejected: z.number().int() }),
    weeks: z.array(z.object({ week: z.string(), onTimeRate: z.number().nullable(), met: z.number().int(), missed: z.number().int() })),
  })
  .openapi("Scorecard");

const MAX_PERIOD_MS = 366 * 86_400_000;

export async function partnerScorecard(db: Parameters<typeof countPartnerDocuments>[0], tenantId: string, partnerId: string, from: number, to: number, nowMs: number) {
  const [rows, docs] = await Promise.all([obligationsDueBetween(db, tenantId, partnerId, from, to), countPartnerDocuments(db, tenantId, partnerId, from, to)]);
  return scorecard(partnerId, from, to, rows, docs, nowMs);
}

obligationRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/tenants/{tenant}/partners/{partnerId}/scorecard",
    tags: ["Due dates"],
    summary: "A partner's scorecard for a period: documents, on-time rates, lateness, fines (JSON, or CSV with format=csv)",
    request: { params: PartnerParams, query: ScorecardQuery },
    responses: {
      200: { description: "The scorecard", content: { "application/json": { schema: ScorecardSchema }, "text/csv": { schema: z.string() } } },
      ...errorResponses,
    },
  }),
  async (c) => {
    const { tenant: tenantId, partnerId } = c.req.valid("param");
    await tenantFor(c, tenantId);
    const q = c.req.valid("query");
    const nowMs = Date.now();
    const to = q.to ?? nowMs;
    const from = q.from ?? to - 28 * 86_400_000;
    if (from >= to) throw new ApiError("invalid_request", "from must be before to", [{ path: "from", message: "must be before to" }]);
    if (to - from > MAX_PERIOD_MS) throw new ApiError("invalid_request", "A scorecard covers at most 366 days", [{ path: "from", message: "at most 366 days before to" }]);
    const db = c.get("db");
    if (!(await getPartner(db, tenantId, partnerId))) throw new ApiError("not_found", `No partner ${partnerId}`);
    const card = await partnerScorecard(db, tenantId, partnerId, from, to, nowMs);
    if (q.format === "csv") {
      return c.body(scorecardCsv(card), 200, { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="scorecard-${partnerId}.csv"` });
    }
    return c.json(card, 200);
  },
);
