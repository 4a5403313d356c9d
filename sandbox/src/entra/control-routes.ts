// Control routes of the Entra ID simulator, mounted under /__sandbox/entra:
//   POST  /directories                        create or reset a directory (tenant)
//   GET   /directories/:tenant                settings, apps (no secrets), resources, live tokens
//   PATCH /directories/:tenant                token lifetime, throttle, apps, extra resources
//   POST  /directories/:tenant/tokens/expire  expire every token the directory issued
import { Hono } from "hono";
import { z } from "zod";
import { ControlError, readJson } from "../control/control-errors";
import { listEnvironments } from "../dynamics/environments";
import { createDirectory, directoryAnswersTo, findDirectory, GUID_PATTERN, normalizeResource, type EntraDirectory } from "./directories";
import { countLiveTokens, expireTenantTokens } from "./tokens";

const AppSchema = z.object({ clientId: z.string().min(1), clientSecret: z.string().min(1), displayName: z.string().min(1).optional() }).strict();
const ThrottleSchema = z.number().int().positive().nullable();

const CreateDirectorySchema = z
  .object({
    tenantId: z.string().regex(GUID_PATTERN, "a tenant id is a GUID"),
    domains: z.array(z.string().min(3)).optional(),
    displayName: z.string().min(1).optional(),
    apps: z.array(AppSchema),
    resources: z.array(z.string().url()).optional(),
    tokenTtlSeconds: z.number().int().positive().optional(),
    extTokenTtlSeconds: z.number().int().positive().optional(),
    tokenRequestsPerMinute: ThrottleSchema.optional(),
  })
  .strict();

const PatchDirectorySchema = z
  .object({
    apps: z.array(AppSchema).optional(),
    resources: z.array(z.string().url()).optional(),
    tokenTtlSeconds: z.number().int().positive().optional(),
    extTokenTtlSeconds: z.number().int().positive().optional(),
    tokenRequestsPerMinute: ThrottleSchema.optional(),
  })
  .strict();

function directoryOf(key: string): EntraDirectory {
  const found = findDirectory(key);
  if (!found) throw new ControlError(404, `control: no Entra directory '${key}'`);
  return found;
}

function summary(directory: EntraDirectory) {
  return {
    tenantId: directory.tenantId,
    domains: directory.domains,
    displayName: directory.displayName,
    apps: [...directory.apps.values()].map((app) => ({ clientId: app.clientId, displayName: app.displayName })),
    resources: directory.resources,
    environments: listEnvironments()
      .filter((env) => directoryAnswersTo(directory, env.tenant))
      .map((env) => env.key),
    tokenTtlSeconds: directory.tokenTtlSeconds,
    extTokenTtlSeconds: directory.extTokenTtlSeconds,
    tokenRequestsPerMinute: directory.tokenRequestsPerMinute,
    liveTokens: countLiveTokens(directory.tenantId, Date.now()),
  };
}

export const entraControlRoutes = new Hono()
  .post("/directories", async (c) => c.json(summary(createDirectory(await readJson(c, CreateDirectorySchema))), 201))
  .get("/directories/:tenant", (c) => c.json(summary(directoryOf(c.req.param("tenant")))))
  .patch("/directories/:tenant", async (c) => {
    const directory = directoryOf(c.req.param("tenant"));
    const body = await readJson(c, PatchDirectorySchema);
    if (body.apps !== undefined) {
      directory.apps = new Map(
        body.apps.map((app) => [app.clientId.toLowerCase(), { clientId: app.clientId.toLowerCase(), clientSecret: app.clientSecret, displayName: app.displayName ?? `app ${app.clientId}` }]),
      );
    }
    if (body.resources !== undefined) directory.resources = body.resources.map(normalizeResource);
    if (body.tokenTtlSeconds !== undefined) directory.tokenTtlSeconds = body.tokenTtlSeconds;
    if (body.extTokenTtlSeconds !== undefined) directory.extTokenTtlSeconds = body.extTokenTtlSeconds;
    if (body.tokenRequestsPerMinute !== undefined) {
      directory.tokenRequestsPerMinute = body.tokenRequestsPerMinute;
      directory.tokenRequestTimes = [];
    }
    return c.json(summary(directory));
  })
  .post("/directories/:tenant/tokens/expire", async (c) => {
    await c.req.text();
    const directory = directoryOf(c.req.param("tenant"));
    return c.json({ expired: expireTenantTokens(directory.tenantId) });
  });
