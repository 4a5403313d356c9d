// Driving the real pipeline for the benchmark (like the integration tests, see test/helpers/flow.ts):
// the every-minute cron with its real cron string, the sandbox's sales orders and licence counters,
// document states read straight from D1 (marked so the usage tally leaves them out), and the one
// machine-readable line per section that scripts/bench.mjs collects.
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import worker from "../../src/index";
import { control } from "../../test/sandbox/sandbox-control";
import type { World } from "../../test/helpers/world";
import { BENCH_SQL_MARK } from "./usage";

/** The line prefix scripts/bench.mjs looks for on stdout. */
export const RESULT_MARK = "BENCH_RESULT ";

export function report(section: string, figures: Record<string, unknown>): void {
  console.log(`${RESULT_MARK}${JSON.stringify({ section, ...figures })}`);
}

export interface BenchVars {
  R: number;
  throughputMinutes: number;
  latencyMinutes: number;
  latencyFiles: number;
  cronTenants: number;
  costDocs: number;
}

/** Run-length options set by scripts/bench.mjs (vitest.bench.config.ts passes them as bindings). */
export function benchVars(): BenchVars {
  const e = env as unknown as Record<string, string | undefined>;
  const num = (name: string, fallback: number) => {
    const n = Number(e[name]);
    return Number.isFinite(n) && n > 0 ? n : fallback;
  };
  return {
    R: num("BENCH_R", 60),
    throughputMinutes: num("BENCH_THROUGHPUT_MINUTES", 3),
    latencyMinutes: num("BENCH_LATENCY_MINUTES", 4),
    latencyFiles: num("BENCH_LATENCY_FILES", 24),
    cronTenants: num("BENCH_CRON_TENANTS", 10_000),
    costDocs: num("BENCH_COST_DOCS", 100),
  };
}

/** One run of the every-minute cron trigger, as the runtime calls it. */
export async function fireCron(scheduledTime: number): Promise<void> {
  const controller = createScheduledController({ scheduledTime, cron: "* * * * *" });
  const ctx = createExecutionContext();
  await worker.scheduled(controller, env, ctx);
  await waitOnExecutionContext(ctx);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, opts: { timeoutMs: number; intervalMs?: number }): Promise<T> {
  const deadline = Date.now() + opts.timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await probe();
    if (last !== undefined) return last;
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await sleep(opts.intervalMs ?? 250);
  }
}

export interface SandboxOrder {
  OrderNbr: string;
  CustomerOrder: string | null;
  ExternalRef: string | null;
  CreatedDate: string;
}

export async function sandboxOrders(world: World): Promise<SandboxOrder[]> {
  const res = await control("GET", `/acumatica/${encodeURIComponent(world.acumatica.host)}/orders`);
  if (res.status !== 200) throw new Error(`bench: orders: ${res.status} ${JSON.stringify(res.json)}`);
  return (res.json as { orders: SandboxOrder[] }).orders;
}

export interface AcumaticaCounters {
  requests: Record<string, number>;
  statuses: Record<string, number>;
  faults: Record<string, number>;
  tokenRequests: number;
  throttled: number;
}

export async function acumaticaCounters(world: World): Promise<AcumaticaCounters> {
  return (await control("GET", `/counters?sim=acumatica&instance=${encodeURIComponent(world.acumatica.host)}`)).json as AcumaticaCounters;
}

export async function spsTokenRequests(world: World): Promise<number> {
  return ((await control("GET", `/counters?sim=sps&account=${encodeURIComponent(world.sps.clientId)}`)).json as AcumaticaCounters).tokenRequests;
}

/** Every Acumatica call, and the ones a sales order costs (PUT SalesOrder and the GET that looks one up). */
export function acumaticaCalls(c: AcumaticaCounters): { all: number; token: number; orderCalls: number; pollCalls: number } {
  const all = Object.values(c.requests).reduce((s, n) => s + n, 0);
  const orderCalls = (c.requests["acumatica.put:SalesOrder"] ?? 0) + (c.requests["acumatica.get:SalesOrder"] ?? 0);
  const token = c.tokenRequests;
  return { all, token, orderCalls, pollCalls: all - orderCalls - token };
}

export async function setAcumaticaFaults(world: World, rules: unknown[], seed = 7): Promise<void> {
  const res = await control("PUT", "/faults", { scope: { sim: "acumatica", instance: world.acumatica.host }, seed, rules });
  if (res.status !== 200) throw new Error(`bench: faults: ${res.status} ${JSON.stringify(res.json)}`);
}

export interface DocumentRow {
  id: string;
  naturalKey: string;
  status: string;
  attempts: number;
  lastError: string | null;
}

/** The tenant's inbound 850 documents, read from D1 directly (not through the API, whose invocations the meter would count). */
export async function inboundDocuments(tenantId: string): Promise<DocumentRow[]> {
  const { results } = await env.DB.prepare(
    `${BENCH_SQL_MARK} select id, natural_key as naturalKey, status, attempts, last_error as lastError from documents where tenant_id = ? and direction = 'inbound' and type = '850'`,
  )
    .bind(tenantId)
    .all<DocumentRow>();
  return results;
}

export const SETTLED = new Set(["delivered", "needs_mapping", "invalid", "held", "rejected", "failed"]);

/** Waits until `count` inbound documents exist and every one is settled. */
export async function waitForDocumentsSettled(tenantId: string, count: number, timeoutMs: number): Promise<DocumentRow[]> {
  return waitFor(
    `${count} settled documents of ${tenantId}`,
    async () => {
      const docs = await inboundDocuments(tenantId);
      return docs.length >= count && docs.every((d) => SETTLED.has(d.status)) ? docs : undefined;
    },
    { timeoutMs, intervalMs: 300 },
  );
}

/** Waits until the counters stop moving for `quietMs` (queues drained, leases released). */
export async function waitForQuiet(read: () => unknown, quietMs: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = JSON.stringify(read());
  let since = Date.now();
  while (Date.now() - since < quietMs) {
    if (Date.now() > deadline) throw new Error("bench: the pipeline did not go quiet");
    await sleep(200);
    const now = JSON.stringify(read());
    if (now !== last) {
      last = now;
      since = Date.now();
    }
  }
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  // Nearest-rank.
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/** A PO number unique in this run. */
export function poNumber(prefix: string, n: number): string {
  return `${prefix}${String(n).padStart(5, "0")}`;
}
