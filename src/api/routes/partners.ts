// Partners: SPS trading partner → ERP customer (+ location, + legal entity) and its rules.
// Adding or changing a partner re-queues the documents that waited on it.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { getPartner, listPartners, upsertPartner } from "../../db/partners";
import { requeueWaitingDocuments } from "../../operations/requeue-waiting";
import { actorOf } from "../auth";
import type { AppEnv } from "../context";
import { ApiError, validationHook } from "../errors";
import { PartnerBody, PartnerParams, PartnerSchema, TenantParams } from "../schemas";
import { partnerView } from "../views";
import { errorResponses, tenantFor } from "./common";
import { erpProfile } from "../../erp/profiles";

export const partnerRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

const PartnerReply = PartnerSchema.extend({ requeued: z.number().int() }).openapi("PartnerStored");

partnerRoutes.openapi(
  createRoute({
    method: "put",
    path: "/v1/tenants/{tenant}/partners/{partnerId}",
    tags: ["Partners"],
    summary: "Map an SPS trading partner to an ERP customer",
    request: { params: PartnerParams, body: { required: true, content: { "application/json": { schema: PartnerBody } } } },
    responses: {
      200: { description: "Stored", content: { "application/json": { schema: PartnerReply } } },
      ...errorResponses,
    },
  }),
  async (c) => {
    const { tenant: tenantId, partnerId } = c.req.valid("param");
    const tenant = await tenantFor(c, tenantId);
    const body = c.req.valid("json");
    const erp = erpProfile(tenant.erp);
    if (erp.partner.legalEntity.required && !body.legalEntity) {
      throw new ApiError("invalid_request", `A ${erp.label} tenant's partner needs legalEntity (${erp.partner.legalEntity.why})`, [
        { path: "legalEntity", message: `required for ${erp.label} tenants` },
      ]);
    }
    const db = c.get("db");
    const nowMs = Date.now();
    const { partner } = await upsertPartner(db, tenantId, { partnerId, ...body }, nowMs);
    const requeued = await requeueWaitingDocuments(c.env, db, tenantId, { partnerId, actor: actorOf(c.get("principal")), because: `partner ${partnerId} mapped` }, nowMs);
    return c.json({ ...partnerView(partner), requeued }, 200);
  },
);

partnerRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/tenants/{tenant}/partners",
    tags: ["Partners"],
    summary: "List partner mappings",
    request: { params: TenantParams },
    responses: {
      200: { description: "Partners", content: { "application/json": { schema: z.object({ partners: z.array(PartnerSchema) }) } } },
      ...errorResponses,
    },
  }),
  async (c) => {
    const { tenant: tenantId } = c.req.valid("param");
    await tenantFor(c, tenantId);
    return c.json({ partners: (await listPartners(c.get("db"), tenantId)).map(partnerView) }, 200);
  },
);

partnerRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/tenants/{tenant}/partners/{partnerId}",
    tags: ["Partners"],
    summary: "One partner mapping",
    request: { params: PartnerParams },
    responses: {
      200: { description: "Partner", content: { "application/json": { schema: PartnerSchema } } },
      ...errorResponses,
    },
  }),
  async (c) => {
    const { tenant: tenantId, partnerId } = c.req.valid("param");
    await tenantFor(c, tenantId);
    const partner = await getPartner(c.get("db"), tenantId, partnerId);
    if (!partner) throw new ApiError("not_found", `No partner ${partnerId}`);
    return c.json(partnerView(partner), 200);
  },
);
