// GET /v1/tenants/:tenant/readiness: per flow, ready or what is missing, each with its fix, before
// the first document fails for want of it (src/operations/readiness.ts).
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { tenantReadiness } from "../../operations/readiness";
import type { AppEnv } from "../context";
import { validationHook } from "../errors";
import { ReadinessSchema, TenantParams } from "../schemas";
import { errorResponses, tenantFor } from "./common";

export const readinessRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

readinessRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/tenants/{tenant}/readiness",
    tags: ["Tenants"],
    summary: "What each flow still needs before documents can go through (connections, partners, addresses, SCACs, items, endpoint version)",
    request: { params: TenantParams },
    responses: {
      200: { description: "Readiness per flow", content: { "application/json": { schema: ReadinessSchema } } },
      ...errorResponses,
    },
  }),
  async (c) => {
    const { tenant: tenantId } = c.req.valid("param");
    const tenant = await tenantFor(c, tenantId);
    return c.json(await tenantReadiness(c.env, c.get("db"), tenant), 200);
  },
);
