// Alerts: a tenant's channels and rules (GET/PUT), a test alert to every channel now, and the recent
// alerts with their deliveries, so an operator can see what went out, where, and what failed.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { and, desc, eq } from "drizzle-orm";
import { openConditions } from "../../alerts/conditions";
import { sendTestAlert } from "../../alerts/dispatch";
import { ALERT_TYPES, AlertSettingsInput, alertSettingsView, saveAlertSettings, SEVERITIES } from "../../alerts/settings";
import { alertDeliveries, alertEvents } from "../../db/schema";
import { createLogger } from "../../lib/log";
import { alertLinks } from "../../watch/run";
import { actorOf } from "../auth";
import type { AppEnv } from "../context";
import { ApiError, validationHook } from "../errors";
import { TenantParams } from "../schemas";
import { errorResponses, tenantFor } from "./common";

export const alertRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

const ChannelView = z
  .object({
    id: z.string(),
    type: z.enum(["webhook", "slack"]),
    url: z.string().optional().openapi({ description: "Webhook URL (Slack URLs are secret: only their host is shown)" }),
    host: z.string().optional(),
    minSeverity: z.enum(SEVERITIES).optional(),
    types: z.array(z.enum(ALERT_TYPES)).optional(),
    quietHours: z.record(z.string(), z.unknown()).optional(),
    enabled: z.boolean().optional(),
    secretSet: z.boolean(),
  })
  .openapi("AlertChannel");

const AlertSettingsSchema = z
  .object({
    channels: z.array(ChannelView),
    rules: z.record(z.string(), z.unknown()),
    updatedAt: z.string().nullable(),
    open: z.array(z.object({ key: z.string(), type: z.string(), severity: z.string(), message: z.string(), openedAt: z.string(), occurrences: z.number().int(), documentId: z.string().nullable() })),
  })
  .openapi("AlertSettings");

async function view(c: Parameters<Parameters<typeof alertRoutes.openapi>[1]>[0], tenantId: string) {
  const db = c.get("db");
  const [settings, open] = await Promise.all([alertSettingsView(db, tenantId), openConditions(db, tenantId, 200)]);
  return {
    ...settings,
    open: open.map((o) => ({ key: o.key, type: o.type, severity: o.severity, message: o.message, openedAt: new Date(o.openedAt).toISOString(), occurrences: o.occurrences, documentId: o.documentId })),
  };
}

alertRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/tenants/{tenant}/alerts",
    tags: ["Alerts"],
    summary: "Alert channels and rules (secrets never returned), and the conditions open now",
    request: { params: TenantParams },
    responses: { 200: { description: "Alert settings", content: { "application/json": { schema: AlertSettingsSchema } } }, ...errorResponses },
  }),
  async (c) => {
    const { tenant: tenantId } = c.req.valid("param");
    await tenantFor(c, tenantId);
    return c.json(await view(c, tenantId), 200);
  },
);

alertRoutes.openapi(
  createRoute({
    method: "put",
    path: "/v1/tenants/{tenant}/alerts",
    tags: ["Alerts"],
    summary: "Replace the alert channels and rules (a channel given without its secret keeps the stored one)",
    request: { params: TenantParams, body: { required: true, content: { "application/json": { schema: AlertSettingsInput.openapi("AlertSettingsInput") } } } },
    responses: { 200: { description: "Stored", content: { "application/json": { schema: AlertSettingsSchema } } }, ...errorResponses },
  }),
  async (c) => {
    const { tenant: tenantId } = c.req.valid("param");
    await tenantFor(c, tenantId);
    const saved = await saveAlertSettings(c.get("db"), c.env, tenantId, c.req.valid("json"), { allowPrivate: c.get("config").ALLOW_PRIVATE_UPSTREAMS, nowMs: Date.now() });
    if (!saved.ok) throw new ApiError("invalid_request", `Alert settings not stored: ${saved.error.map((r) => `${r.path}: ${r.message}`).join("; ")}`, saved.error);
    return c.json(await view(c, tenantId), 200);
  },
);

alertRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/tenants/{tenant}/alerts/test",
    tags: ["Alerts"],
    summary: "Send a test alert to every channel now and report each answer",
    request: { params: TenantParams },
    responses: {
      200: {
        description: "One result per channel",
        content: { "application/json": { schema: z.object({ results: z.array(z.object({ channel: z.string(), type: z.string(), delivered: z.boolean(), status: z.number().nullable(), error: z.string().nullable() })) }).openapi("AlertTestResult") } },
      },
      ...errorResponses,
    },
  }),
  async (c) => {
    const { tenant: tenantId } = c.req.valid("param");
    await tenantFor(c, tenantId);
    const log = createLogger(c.get("config").LOG_LEVEL, { requestId: c.get("requestId") });
    const results = await sendTestAlert(c.get("db"), c.env, alertLinks(c.env), tenantId, actorOf(c.get("principal")), Date.now(), log);
    if (results.length === 0) throw new ApiError("invalid_request", `Tenant ${tenantId} has no alert channel; PUT /v1/tenants/${tenantId}/alerts first`);
    return c.json({ results }, 200);
  },
);

const HistoryQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).optional() });

alertRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/tenants/{tenant}/alerts/history",
    tags: ["Alerts"],
    summary: "Recent alerts (raised and resolved) and deliveries, newest first",
    request: { params: TenantParams, query: HistoryQuery },
    responses: {
      200: {
        description: "History",
        content: {
          "application/json": {
            schema: z
              .object({
                alerts: z.array(z.record(z.string(), z.unknown())),
                deliveries: z.array(z.object({ id: z.string(), channel: z.string(), digest: z.boolean(), alerts: z.number().int(), state: z.string(), attempts: z.number().int(), lastStatus: z.number().nullable(), lastError: z.string().nullable(), nextAttemptAt: z.string().nullable(), createdAt: z.string(), updatedAt: z.string() })),
              })
              .openapi("AlertHistory"),
          },
        },
      },
      ...errorResponses,
    },
  }),
  async (c) => {
    const { tenant: tenantId } = c.req.valid("param");
    await tenantFor(c, tenantId);
    const limit = c.req.valid("query").limit ?? 50;
    const db = c.get("db");
    const [events, deliveries] = await Promise.all([
      db.select().from(alertEvents).where(eq(alertEvents.tenantId, tenantId)).orderBy(desc(alertEvents.createdAt)).limit(limit).all(),
      db.select().from(alertDeliveries).where(and(eq(alertDeliveries.tenantId, tenantId))).orderBy(desc(alertDeliveries.createdAt)).limit(limit).all(),
    ]);
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    return c.json(
      {
        alerts: events.map((e) => ({ ...(JSON.parse(e.body) as Record<string, unknown>), dispatchedAt: iso(e.dispatchedAt) })),
        deliveries: deliveries.map((d) => ({ id: d.id, channel: d.channel, digest: d.digest, alerts: (JSON.parse(d.eventIds) as unknown[]).length, state: d.state, attempts: d.attempts, lastStatus: d.lastStatus, lastError: d.lastError, nextAttemptAt: iso(d.nextAttemptAt), createdAt: iso(d.createdAt)!, updatedAt: iso(d.updatedAt)! })),
      },
      200,
    );
  },
);
