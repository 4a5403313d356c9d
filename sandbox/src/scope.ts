// A scope is what faults and counters are kept per: one SPS account (by client id), one Acumatica
// instance (by hostname or path-mode name), one F&O environment (by hostname or path-mode name) or
// one Entra directory (by tenant id). Parallel tests use distinct scopes and never collide.

export type SimId = "sps" | "acumatica" | "dynamics" | "entra";

export interface Scope {
  sim: SimId;
  /** SPS client id, Acumatica instance key, F&O environment key or Entra tenant id. */
  id: string;
}

export function scopeKey(scope: Scope): string {
  return `${scope.sim}:${scope.id}`;
}
