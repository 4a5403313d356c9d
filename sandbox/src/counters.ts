// Request, status and fault counters per scope, read through GET /__sandbox/counters. Only simulated
// API calls are counted (control calls never are).
import { scopeKey, type Scope } from "./scope";

export interface ScopeCounters {
  /** Requests per route id, e.g. { "sps.list": 3 }. */
  requests: Record<string, number>;
  /** Answers per HTTP status, e.g. { "200": 3, "429": 1 }; "dropped" for cut connections. */
  statuses: Record<string, number>;
  /** Faults injected per kind ("429", "500", "delay", "drop", "duplicate-listing", "redirect"). */
  faults: Record<string, number>;
  /** Requests to the token endpoint (sps.token / acumatica.token). */
  tokenRequests: number;
  /** Answers refused by licence limits (Acumatica) or token throttling (SPS). */
  throttled: number;
}

const counters = new Map<string, ScopeCounters>();

function emptyCounters(): ScopeCounters {
  return { requests: {}, statuses: {}, faults: {}, tokenRequests: 0, throttled: 0 };
}

export function countersFor(scope: Scope): ScopeCounters {
  const key = scopeKey(scope);
  let entry = counters.get(key);
  if (!entry) {
    entry = emptyCounters();
    counters.set(key, entry);
  }
  return entry;
}

function bump(map: Record<string, number>, key: string): void {
  map[key] = (map[key] ?? 0) + 1;
}

export function countRequest(scope: Scope, routeId: string): void {
  const entry = countersFor(scope);
  bump(entry.requests, routeId);
  if (routeId.endsWith(".token")) entry.tokenRequests++;
}

export function countStatus(scope: Scope, status: number | "dropped"): void {
  bump(countersFor(scope).statuses, String(status));
}

export function countFault(scope: Scope, kind: string): void {
  bump(countersFor(scope).faults, kind);
}

export function countThrottled(scope: Scope): void {
  countersFor(scope).throttled++;
}

/** Resets one scope, or every scope when none is given. */
export function resetCounters(scope?: Scope): void {
  if (scope) counters.delete(scopeKey(scope));
  else counters.clear();
}
