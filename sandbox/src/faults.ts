// Fault switches per scope (one SPS account or one Acumatica instance), reproducible from a seed.
//
// A rule matches a request by route id glob (`sps.list`, `acumatica.put:*`), and optionally by HTTP
// method and by a glob over the simulator-relative path (`/transactions/v5/data/out/*`). For each
// request the rules are tried in order; every matching, unspent rule draws one number from the
// scope's mulberry32 stream and fires when it is below `probability`. The first rule that fires
// wins. `times` limits a rule to the first N requests it matches ("fail twice, then succeed").
// Same seed + same request sequence ⇒ same faults.
import { countFault, countStatus } from "./counters";
import { seededRandom, type Random } from "./prng";
import { retryAfterValue } from "./responses";
import { scopeKey, type Scope } from "./scope";

export const FAULT_KINDS = ["429", "500", "delay", "drop", "duplicate-listing", "redirect"] as const;
export const REDIRECT_STATUSES = [301, 302, 303, 307, 308] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultRule {
  /** Glob over route ids; `*` matches anything. Absent = every route of the scope. */
  route?: string;
  /** HTTP method (upper case). Absent = any. */
  method?: string;
  /** Glob over the simulator-relative, percent-encoded path. Absent = any. */
  path?: string;
  kind: FaultKind;
  /** Chance of firing per matching request, 0..1. */
  probability: number;
  /** Only the first N matching requests are considered (absent = unlimited). */
  times?: number;
  /** For "429": Retry-After in seconds; absent = no Retry-After header. */
  retryAfter?: number;
  retryAfterFormat: "seconds" | "http-date";
  /** For "delay": how long to wait before answering normally. */
  delayMs: number;
  /** For "redirect": the Location to answer with (any URL; the request is not carried out). */
  location?: string;
  /** For "redirect": the 3xx status (default 302). */
  redirectStatus?: (typeof REDIRECT_STATUSES)[number];
}

export interface FaultLogEntry {
  /** Position of the request among the scope's requests evaluated since the rules were set. */
  request: number;
  at: string;
  route: string;
  method: string;
  path: string;
  kind: FaultKind;
  rule: number;
}

interface ScopeFaults {
  seed: number | string;
  random: Random;
  rules: Array<{ rule: FaultRule; matched: number }>;
  log: FaultLogEntry[];
  evaluated: number;
}

export interface FaultCall {
  routeId: string;
  method: string;
  path: string;
}

const scopes = new Map<string, ScopeFaults>();

export function setFaults(scope: Scope, seed: number | string, rules: FaultRule[]): void {
  scopes.set(scopeKey(scope), {
    seed,
    random: seededRandom(seed),
    rules: rules.map((rule) => ({ rule, matched: 0 })),
    log: [],
    evaluated: 0,
  });
}

/** Clears one scope's rules and log, or every scope's when none is given. */
export function clearFaults(scope?: Scope): void {
  if (scope) scopes.delete(scopeKey(scope));
  else scopes.clear();
}

export function describeFaults(scope: Scope) {
  const entry = scopes.get(scopeKey(scope));
  if (!entry) return { seed: null, rules: [], log: [] };
  return {
    seed: entry.seed,
    rules: entry.rules.map(({ rule, matched }) => ({
      ...rule,
      matched,
      remaining: rule.times === undefined ? null : Math.max(0, rule.times - matched),
    })),
    log: entry.log,
  };
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*");
  return new RegExp(`^${escaped}$`);
}

function ruleMatches(rule: FaultRule, call: FaultCall): boolean {
  if (rule.route !== undefined && !globToRegExp(rule.route).test(call.routeId)) return false;
  if (rule.method !== undefined && rule.method.toUpperCase() !== call.method.toUpperCase()) return false;
  if (rule.path !== undefined && !globToRegExp(rule.path).test(call.path)) return false;
  return true;
}

/** Decides which fault (if any) hits this request, advancing the scope's random stream. */
export function pickFault(scope: Scope, call: FaultCall): FaultRule | undefined {
  const entry = scopes.get(scopeKey(scope));
  if (!entry) return undefined;
  entry.evaluated++;
  for (const [index, slot] of entry.rules.entries()) {
    if (!ruleMatches(slot.rule, call)) continue;
    if (slot.rule.times !== undefined && slot.matched >= slot.rule.times) continue;
    slot.matched++;
    const draw = entry.random();
    if (draw < slot.rule.probability) {
      entry.log.push({
        request: entry.evaluated,
        at: new Date().toISOString(),
        route: call.routeId,
        method: call.method,
        path: call.path,
        kind: slot.rule.kind,
        rule: index,
      });
      countFault(scope, slot.rule.kind);
      return slot.rule;
    }
  }
  return undefined;
}

/** How a simulator words the faults it answers itself (its own error body style). */
export interface FaultRendering {
  tooManyRequests(headers: Record<string, string>): Response;
  serverError(): Response;
}

export interface FaultOptions {
  /** True when a "duplicate-listing" fault fired for this request. */
  duplicateListing: boolean;
}

/**
 * Runs `handle` under the scope's fault rules: 429/500 answer without running it; "delay" runs
 * it at once and answers after the wait (a write commits even if the client gave up); "drop" runs it (the write is committed) and then cuts the connection by throwing,
 * which makes the caller's fetch reject; "duplicate-listing" is passed to the handler; "redirect"
 * answers a 3xx with the rule's Location without running it (an upstream pointing elsewhere).
 */
export async function runWithFaults(
  scope: Scope,
  call: FaultCall,
  render: FaultRendering,
  handle: (options: FaultOptions) => Promise<Response>,
): Promise<Response> {
  const fault = pickFault(scope, call);
  if (!fault) return handle({ duplicateListing: false });
  switch (fault.kind) {
    case "429": {
      const headers: Record<string, string> = {};
      if (fault.retryAfter !== undefined) {
        headers["retry-after"] = retryAfterValue(fault.retryAfter, fault.retryAfterFormat, Date.now());
      }
      return render.tooManyRequests(headers);
    }
    case "500":
      return render.serverError();
    case "delay": {
      // The server works on the request at once and answers late: a client that gives up first
      // does not undo it (a write commits all the same, as on a real server).
      const answer = handle({ duplicateListing: false });
      answer.catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      return answer;
    }
    case "drop": {
      const response = await handle({ duplicateListing: false });
      await response.arrayBuffer();
      countStatus(scope, "dropped");
      const message = `sandbox: connection dropped after commit (fault "drop" on ${call.routeId} ${call.method} ${call.path}, answer would have been ${response.status})`;
      console.warn(message);
      throw new Error(message);
    }
    case "duplicate-listing":
      return handle({ duplicateListing: true });
    case "redirect":
      return new Response(null, { status: fault.redirectStatus ?? 302, headers: { location: fault.location ?? "/" } });
  }
}
