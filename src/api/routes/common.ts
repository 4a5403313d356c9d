// Shared route pieces: standard error responses and the tenant guard (access before existence,
// so a tenant token learns nothing about other tenants).
import type { Context, MiddlewareHandler } from "hono";
import { getTenant, type Tenant } from "../../db/tenants";
import { assertTenantAccess, requireOperator } from "../auth";
import type { AppEnv } from "../context";
import { ApiError } from "../errors";
import { ErrorSchema } from "../schemas";

const json = { "application/json": { schema: ErrorSchema } };

export const errorResponses = {
  400: { description: "Invalid request", content: json },
  401: { description: "Missing, invalid or expired token", content: json },
  403: { description: "Not allowed for this token", content: json },
  404: { description: "Not found", content: json },
} as const;

/** The tenant named in the path, after checking the caller may act on it. */
export async function tenantFor(c: Context<AppEnv>, tenantId: string): Promise<Tenant> {
  assertTenantAccess(c.get("principal"), tenantId);
  const tenant = await getTenant(c.get("db"), tenantId);
  if (!tenant) throw new ApiError("not_found", `No tenant ${tenantId}`);
  return tenant;
}

/**
 * Middleware: a tenant token naming another tenant in the path is refused before the request is
 * validated or anything is looked up, so the reply (403) is the same whatever the body, the ids or
 * their existence.
 */
export const tenantAccessGuard: MiddlewareHandler<AppEnv> = async (c, next) => {
  const tenantId = c.req.param("tenant");
  if (tenantId !== undefined) assertTenantAccess(c.get("principal"), tenantId);
  await next();
};

/** Route middleware: operators only, checked before the body is validated. */
export const operatorOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
  requireOperator(c.get("principal"));
  await next();
};
