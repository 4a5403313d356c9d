// The business-event endpoint of each ERP whose profile has business events (F&O: an HTTPS endpoint,
// or a relay such as Power Automate or an Event Grid subscription, posts its event stubs here). Not behind the API's bearer JWT: the caller presents
// the tenant's own secret (the profile says which: webhookSecret on the Dynamics connection), as `Authorization: Bearer
// <secret>` or, for endpoints configured by URL only, `?code=<secret>`; it is compared in constant
// time and never logged. The handler validates, deduplicates and records in D1, queues the work and
// answers 202 at once (business-event delivery retries after ~1 s, reference/dynamics-365-fo.md §6).
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { loadConnection } from "../../db/connections";
import { getTenant } from "../../db/tenants";
import { erpProfile, HOOK_ERPS, type ErpKind } from "../../erp/profiles";
import { secretsMatch } from "../../lib/encoding";
import { createLogger } from "../../lib/log";
import { takeBusinessEvent } from "../../operations/business-event-intake";
import type { AppEnv } from "../context";
import { ApiError, validationHook } from "../errors";
import { ErrorSchema, TenantIdParam } from "../schemas";

export const hookRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

const REFUSED = "The business-event secret is missing or wrong";

function presentedSecret(authorization: string | undefined, code: string | undefined): string | undefined {
  const bearer = authorization ? /^Bearer\s+(\S+)$/i.exec(authorization)?.[1] : undefined;
  return bearer ?? (code && code.length > 0 ? code : undefined);
}

/** Before the body is even parsed: the tenant's secret, or 401 (the same answer for an unknown tenant). */
const authenticateHook = (erp: ErpKind): MiddlewareHandler<AppEnv> => async (c, next) => {
  const presented = presentedSecret(c.req.header("authorization"), c.req.query("code"));
  if (!presented) throw new ApiError("unauthorized", REFUSED);
  const db = c.get("db");
  const tenant = await getTenant(db, c.req.param("tenant") ?? "");
  let stored: string | undefined;
  const events = erpProfile(erp).businessEvents;
  if (tenant?.erp === erp && events) {
    try {
      stored = events.secretOf((await loadConnection(db, c.env, tenant.id, erp)).secrets);
    } catch {
      stored = undefined;
    }
  }
  // Compared even when nothing is stored, so the answer takes as long either way.
  const matches = await secretsMatch(presented, stored ?? crypto.randomUUID());
  if (!matches || stored === undefined) throw new ApiError("unauthorized", REFUSED);
  await next();
};

const EventOutcomeSchema = z
  .object({
    controlNumber: z.string(),
    businessEventId: z.string(),
    outcome: z.enum(["recorded", "duplicate", "ignored"]),
    reason: z.string().optional(),
    documentId: z.string().optional(),
  })
  .openapi("BusinessEventOutcome");

for (const erp of HOOK_ERPS) {
  const events = erpProfile(erp).businessEvents!;
  hookRoutes.openapi(
  createRoute({
    method: "post",
    path: `/v1/hooks/${erp}/{tenant}`,
    tags: ["Hooks"],
    summary: events.summary,
    description:
      `Authenticated with the tenant's webhookSecret (Authorization: Bearer <secret>, or ?code=<secret>), not an API token. Deduplicates on ControlNumber, ignores orders that did not come from SPS, records the document and queues it; the connector then reads the full record from ${erpProfile(erp).label}.`,
    security: [],
    middleware: [authenticateHook(erp)] as const,
    request: {
      params: z.object({ tenant: TenantIdParam }),
      body: { required: true, content: { "application/json": { schema: events.payload } } },
    },
    responses: {
      202: { description: "Taken (each event recorded, duplicate or ignored)", content: { "application/json": { schema: z.object({ events: z.array(EventOutcomeSchema) }) } } },
      400: { description: "Not a business-event payload", content: { "application/json": { schema: ErrorSchema } } },
      401: { description: "Missing or wrong secret", content: { "application/json": { schema: ErrorSchema } } },
    },
  }),
  async (c) => {
    const { tenant: tenantId } = c.req.valid("param");
    const payload = c.req.valid("json");
    const db = c.get("db");
    const tenant = await getTenant(db, tenantId);
    if (!tenant) throw new ApiError("unauthorized", REFUSED);
    const nowMs = Date.now();
    const outcomes = [];
    for (const event of events.events(payload)) outcomes.push(await takeBusinessEvent(c.env, db, tenant, event, nowMs));
    const log = createLogger(c.get("config").LOG_LEVEL, { component: "hooks" });
    log.info("business events taken", { tenantId, requestId: c.get("requestId"), outcomes: outcomes.map((o) => `${o.controlNumber}:${o.outcome}`) });
    return c.json({ events: outcomes }, 202);
  },
);
}
