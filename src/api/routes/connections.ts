// Connections: PUT per system (secrets accepted, stored encrypted, never returned; URLs checked
// by the SSRF guard) and the connection test.
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { connectionSpec, SYSTEMS, type ConnectionSystem } from "../../connections/systems";
import { upsertConnection } from "../../db/connections";
import { validateUpstreamUrl } from "../../lib/url-guard";
import { testConnection } from "../../operations/connection-test";
import { TenantGateClient } from "../../tenant-gate/client";
import type { AppEnv } from "../context";
import { ApiError, validationHook } from "../errors";
import { connectionBody, ConnectionTestSchema, ConnectionViewSchema, SystemParams, TenantParams } from "../schemas";
import { errorResponses, tenantFor } from "./common";
import type { Context } from "hono";

export const connectionRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

async function putConnection(c: Context<AppEnv>, tenantId: string, system: ConnectionSystem, body: Record<string, unknown>) {
  const tenant = await tenantFor(c, tenantId);
  if (system !== "sps" && system !== tenant.erp) {
    throw new ApiError("invalid_request", `Tenant ${tenantId} runs ${tenant.erp}; it cannot have a ${system} connection`);
  }
  const spec = connectionSpec(system);
  const { settings, secrets } = spec.split(body);
  const refusals: { path: string; message: string }[] = [];
  for (const field of spec.urlFields) {
    const value = settings[field];
    if (typeof value !== "string") continue;
    const checked = validateUpstreamUrl(value, { allowPrivate: c.get("config").ALLOW_PRIVATE_UPSTREAMS });
    if (checked.ok) settings[field] = checked.value;
    else refusals.push({ path: field, message: checked.error.message });
  }
  if (refusals.length > 0) throw new ApiError("invalid_request", "A URL was refused", refusals);
  const view = await upsertConnection(c.get("db"), c.env, tenantId, system, settings, secrets, Date.now());
  // New credentials: forget any token or cooldown the gate holds for the old ones.
  await new TenantGateClient(c.env, tenantId, system).reset();
  return view;
}

for (const system of SYSTEMS) {
  const body = connectionBody(system);
  connectionRoutes.openapi(
    createRoute({
      method: "put",
      path: `/v1/tenants/{tenant}/connections/${system}`,
      tags: ["Connections"],
      summary: `Store the ${system} connection (secrets are encrypted and never returned)`,
      request: { params: TenantParams, body: { required: true, content: { "application/json": { schema: body } } } },
      responses: {
        200: { description: "Stored", content: { "application/json": { schema: ConnectionViewSchema } } },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { tenant } = c.req.valid("param");
      return c.json(await putConnection(c, tenant, system, c.req.valid("json")), 200);
    },
  );
}

connectionRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/tenants/{tenant}/connections/{system}/test",
    tags: ["Connections"],
    summary: "Get a token and make one read call; report what failed in plain words",
    request: { params: SystemParams },
    responses: {
      200: { description: "Checks run (ok says whether all passed)", content: { "application/json": { schema: ConnectionTestSchema } } },
      ...errorResponses,
    },
  }),
  async (c) => {
    const { tenant: tenantId, system } = c.req.valid("param");
    await tenantFor(c, tenantId);
    return c.json(await testConnection(c.env, c.get("db"), tenantId, system, Date.now()), 200);
  },
);
