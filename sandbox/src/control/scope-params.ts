// Reads a fault/counter scope from a query string or a JSON body: {sim:"sps", account},
// {sim:"acumatica", instance}, {sim:"dynamics", environment} or {sim:"entra", tenant}.
import { z } from "zod";
import { canonicalTenantKey } from "../entra/directories";
import type { Scope } from "../scope";
import { ControlError } from "./control-errors";

export const ScopeSchema = z.union([
  z.object({ sim: z.literal("sps"), account: z.string().min(1) }).strict(),
  z.object({ sim: z.literal("acumatica"), instance: z.string().min(1) }).strict(),
  z.object({ sim: z.literal("dynamics"), environment: z.string().min(1) }).strict(),
  z.object({ sim: z.literal("entra"), tenant: z.string().min(1) }).strict(),
]);

export const SCOPE_QUERY_HINT =
  "control: give sim=sps&account=<clientId>, sim=acumatica&instance=<instance>, sim=dynamics&environment=<environment> or sim=entra&tenant=<tenant>";

export function toScope(input: z.infer<typeof ScopeSchema>): Scope {
  switch (input.sim) {
    case "sps":
      return { sim: "sps", id: input.account };
    case "acumatica":
      return { sim: "acumatica", id: input.instance.toLowerCase() };
    case "dynamics":
      return { sim: "dynamics", id: input.environment.toLowerCase() };
    case "entra":
      // A directory may be named by a domain; its scope is kept under the tenant id.
      return { sim: "entra", id: canonicalTenantKey(input.tenant) };
  }
}

/** The name of the query parameter that carries the scope id for each simulator. */
const SCOPE_PARAM = { sps: "account", acumatica: "instance", dynamics: "environment", entra: "tenant" } as const;

/** `?sim=sps&account=…`, `?sim=acumatica&instance=…`, `?sim=dynamics&environment=…` or `?sim=entra&tenant=…`; undefined when no `sim` is given. */
export function scopeFromQuery(query: Record<string, string>): Scope | undefined {
  if (query.sim === undefined) return undefined;
  const param = SCOPE_PARAM[query.sim as keyof typeof SCOPE_PARAM] as string | undefined;
  const candidate = param === undefined ? { sim: query.sim } : { sim: query.sim, [param]: query[param] };
  const result = ScopeSchema.safeParse(candidate);
  if (!result.success) throw new ControlError(400, SCOPE_QUERY_HINT);
  return toScope(result.data);
}
