// Control routes for fault switches and counters:
//   PUT /__sandbox/faults {scope, seed, rules}   GET /__sandbox/faults?sim=…   DELETE /__sandbox/faults[?sim=…]
//   GET /__sandbox/counters?sim=…                POST /__sandbox/counters/reset {scope?}
import { Hono } from "hono";
import { z } from "zod";
import { countersFor, resetCounters } from "../counters";
import { clearFaults, describeFaults, FAULT_KINDS, REDIRECT_STATUSES, setFaults } from "../faults";
import { ControlError, readJson } from "./control-errors";
import { SCOPE_QUERY_HINT, scopeFromQuery, ScopeSchema, toScope } from "./scope-params";

const RuleSchema = z
  .object({
    route: z.string().min(1).optional(),
    method: z.string().min(1).optional(),
    path: z.string().min(1).optional(),
    kind: z.enum(FAULT_KINDS),
    probability: z.number().min(0).max(1).default(1),
    times: z.number().int().positive().optional(),
    retryAfter: z.number().nonnegative().optional(),
    retryAfterFormat: z.enum(["seconds", "http-date"]).default("seconds"),
    delayMs: z.number().int().nonnegative().max(120_000).default(0),
    location: z.string().min(1).optional(),
    redirectStatus: z.union(REDIRECT_STATUSES.map((s) => z.literal(s)) as [z.ZodLiteral<301>, z.ZodLiteral<302>, z.ZodLiteral<303>, z.ZodLiteral<307>, z.ZodLiteral<308>]).optional(),
  })
  .strict()
  .refine((rule) => rule.kind !== "delay" || rule.delayMs > 0, { message: "a delay rule needs delayMs > 0" })
  .refine((rule) => rule.kind !== "redirect" || rule.location !== undefined, { message: "a redirect rule needs location" });

const SetFaultsSchema = z
  .object({
    scope: ScopeSchema,
    seed: z.union([z.number().int(), z.string()]).default(1),
    rules: z.array(RuleSchema),
  })
  .strict();

const ResetSchema = z.object({ scope: ScopeSchema.optional() }).strict();

export const faultRoutes = new Hono()
  .put("/faults", async (c) => {
    const body = await readJson(c, SetFaultsSchema);
    const scope = toScope(body.scope);
    setFaults(scope, body.seed, body.rules);
    return c.json({ scope, ...describeFaults(scope) });
  })
  .get("/faults", (c) => {
    const scope = scopeFromQuery(c.req.query());
    if (!scope) throw new ControlError(400, SCOPE_QUERY_HINT);
    return c.json({ scope, ...describeFaults(scope) });
  })
  .delete("/faults", async (c) => {
    await c.req.text();
    const scope = scopeFromQuery(c.req.query());
    clearFaults(scope);
    return c.json({ cleared: scope ?? "all" });
  })
  .get("/counters", (c) => {
    const scope = scopeFromQuery(c.req.query());
    if (!scope) throw new ControlError(400, SCOPE_QUERY_HINT);
    return c.json({ scope, ...countersFor(scope) });
  })
  .post("/counters/reset", async (c) => {
    const body = await readJson(c, ResetSchema);
    const scope = body.scope ? toScope(body.scope) : undefined;
    resetCounters(scope);
    return c.json({ reset: scope ?? "all" });
  });
