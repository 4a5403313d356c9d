// Reads a fault/counter scope from a query string or a JSON body: {sim:"sps", account} or
// {sim:"acumatica", instance}.
import { z } from "zod";
import type { Scope } from "../scope";
import { ControlError } from "./control-errors";

export const ScopeSchema = z.union([
  z.object({ sim: z.literal("sps"), account: z.string().min(1) }).strict(),
  z.object({ sim: z.literal("acumatica"), instance: z.string().min(1) }).strict(),
]);

export function toScope(input: z.infer<typeof ScopeSchema>): Scope {
  return input.sim === "sps" ? { sim: "sps", id: input.account } : { sim: "acumatica", id: input.instance.toLowerCase() };
}

/** `?sim=sps&account=…` or `?sim=acumatica&instance=…`; undefined when no `sim` is given. */
export function scopeFromQuery(query: Record<string, string>): Scope | undefined {
  if (query.sim === undefined) return undefined;
  const candidate =
    query.sim === "sps" ? { sim: query.sim, account: query.account } : { sim: query.sim, instance: query.instance };
  const result = ScopeSchema.safeParse(candidate);
  if (!result.success) throw new ControlError(400, "control: give sim=sps&account=<clientId> or sim=acumatica&instance=<instance>");
  return toScope(result.data);
}
