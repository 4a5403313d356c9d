// Tenants: create (operators), list (scoped), read with connections and counts, update.
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { countByStatus } from "../../db/documents";
import { listConnectionViews } from "../../db/connections";
import { countItemMappings } from "../../db/items";
import { listPartners } from "../../db/partners";
import { getTenant, insertTenant, listTenants, updateTenant, type TenantSettings } from "../../db/tenants";
import { assertTenantAccess, requireOperator } from "../auth";
import type { AppEnv } from "../context";
import { ApiError, validationHook } from "../errors";
import { CreateTenantBody, ErrorSchema, TenantDetailSchema, TenantListSchema, TenantParams, TenantSchema, UpdateTenantBody } from "../schemas";
import { tenantView } from "../views";
import { operatorOnly, tenantAccessGuard } from "./common";

const errors = {
  400: { description: "Invalid request", content: { "application/json": { schema: ErrorSchema } } },
  401: { description: "Missing or invalid token", content: { "application/json": { schema: ErrorSchema } } },
  403: { description: "Not allowed for this token", content: { "application/json": { schema: ErrorSchema } } },
};

export const tenantRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

// Access before validation, for every route under a tenant: this sub-app is mounted first, and once
// mounted its middleware precedes the handlers of the later sub-apps (connections, partners, items,
// documents) on the app's one router. tenantFor() checks again inside each handler.
tenantRoutes.use("/v1/tenants/:tenant", tenantAccessGuard);
tenantRoutes.use("/v1/tenants/:tenant/*", tenantAccessGuard);

tenantRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/tenants",
    tags: ["Tenants"],
    summary: "Create a tenant (operators only)",
    middleware: [operatorOnly] as const,
    request: { body: { required: true, content: { "application/json": { schema: CreateTenantBody } } } },
    responses: {
      201: { description: "Created", content: { "application/json": { schema: TenantSchema } } },
      ...errors,
      409: { description: "A tenant with this id exists", content: { "application/json": { schema: ErrorSchema } } },
    },
  }),
  async (c) => {
    requireOperator(c.get("principal"));
    const body = c.req.valid("json");
    const db = c.get("db");
    const nowMs = Date.now();
    const created = await insertTenant(
      db,
      {
        id: body.id,
        name: body.name,
        erp: body.erp,
        pollIntervalMinutes: body.pollIntervalMinutes ?? 5,
        documentFormat: body.documentFormat ?? "xml",
        settings: settingsOf(body, {}),
      },
      nowMs,
    );
    if (!created) throw new ApiError("conflict", `Tenant ${body.id} exists`);
    const tenant = await getTenant(db, body.id);
    return c.json(tenantView(tenant!), 201);
  },
);

tenantRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/tenants",
    tags: ["Tenants"],
    summary: "List tenants (an operator sees all, a tenant token its own)",
    responses: {
      200: { description: "Tenants", content: { "application/json": { schema: TenantListSchema } } },
      401: errors[401],
    },
  }),
  async (c) => {
    const principal = c.get("principal");
    const tenants = await listTenants(c.get("db"), principal.role === "tenant" ? principal.tenant : undefined);
    return c.json({ tenants: tenants.map(tenantView) }, 200);
  },
);

tenantRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/tenants/{tenant}",
    tags: ["Tenants"],
    summary: "A tenant, its connections (secrets never returned) and document counts by status",
    request: { params: TenantParams },
    responses: {
      200: { description: "The tenant", content: { "application/json": { schema: TenantDetailSchema } } },
      ...errors,
      404: { description: "No such tenant", content: { "application/json": { schema: ErrorSchema } } },
    },
  }),
  async (c) => {
    const { tenant: tenantId } = c.req.valid("param");
    assertTenantAccess(c.get("principal"), tenantId);
    const db = c.get("db");
    const tenant = await getTenant(db, tenantId);
    if (!tenant) throw new ApiError("not_found", `No tenant ${tenantId}`);
    const [connections, counts, partners, itemMappings] = await Promise.all([
      listConnectionViews(db, tenantId),
      countByStatus(db, tenantId),
      listPartners(db, tenantId),
      countItemMappings(db, tenantId),
    ]);
    return c.json({ ...tenantView(tenant), connections, counts, partners: partners.length, itemMappings }, 200);
  },
);

tenantRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/v1/tenants/{tenant}",
    tags: ["Tenants"],
    summary: "Update a tenant's name, poll interval, document format, status or GS1 prefix",
    request: { params: TenantParams, body: { required: true, content: { "application/json": { schema: UpdateTenantBody } } } },
    responses: {
      200: { description: "Updated", content: { "application/json": { schema: TenantSchema } } },
      ...errors,
      404: { description: "No such tenant", content: { "application/json": { schema: ErrorSchema } } },
    },
  }),
  async (c) => {
    const { tenant: tenantId } = c.req.valid("param");
    assertTenantAccess(c.get("principal"), tenantId);
    const body = c.req.valid("json");
    const db = c.get("db");
    const existing = await getTenant(db, tenantId);
    if (!existing) throw new ApiError("not_found", `No tenant ${tenantId}`);
    const { gs1CompanyPrefix: _g, shipFrom: _s, remitTo: _r, carrierScacByShipVia: _c, sla: _sla, ...rest } = body;
    const updated = await updateTenant(db, tenantId, { ...rest, settings: settingsOf(body, existing.settings) }, Date.now());
    return c.json(tenantView(updated!), 200);
  },
);

/** The tenant-level settings given in a create or update body, over the ones stored. */
function settingsOf(body: Partial<TenantSettings>, current: TenantSettings): TenantSettings {
  const next: TenantSettings = { ...current };
  if (body.gs1CompanyPrefix !== undefined) next.gs1CompanyPrefix = body.gs1CompanyPrefix;
  if (body.shipFrom !== undefined) next.shipFrom = body.shipFrom;
  if (body.remitTo !== undefined) next.remitTo = body.remitTo;
  if (body.carrierScacByShipVia !== undefined) next.carrierScacByShipVia = body.carrierScacByShipVia;
  if (body.sla !== undefined) next.sla = body.sla;
  return next;
}
