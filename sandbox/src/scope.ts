// A scope is what faults and counters are kept per: one SPS account (by client id) or one Acumatica
// instance (by hostname or path-mode name). Parallel tests use distinct scopes and never collide.

export type SimId = "sps" | "acumatica";

export interface Scope {
  sim: SimId;
  /** SPS client id or Acumatica instance key. */
  id: string;
}

export function scopeKey(scope: Scope): string {
  return `${scope.sim}:${scope.id}`;
}
