// Usage counting inside workerd for the benchmark's cost figures. Three sources, read together:
//  1. the connector's own meter (src/lib/meter.ts via installMeter): Worker invocations, queue sends and
//     deliveries, Durable Object RPC calls, upstream calls, and D1 as the connector sees it;
//  2. a tally under D1's client (the runtime's D1 session `_send`/`_query`), which sees every statement's
//     `meta.rows_read`/`rows_written`, including the ones drizzle runs through `raw()`, whose meta the
//     connector's meter cannot see (it counts those queries with zero rows, see README "Performance");
//  3. a tally of the TenantGate's storage calls (KV API on SQLite: one row per key read or written).
// Statements the benchmark itself sends carry BENCH_SQL_MARK and are left out of the tally.
import { env, runInDurableObject } from "cloudflare:test";
import { installMeter, type MeterName } from "../../src/lib/meter";

export const BENCH_SQL_MARK = "/* bench */";

export interface UsageCounts {
  /** The connector's meter, by name and by "name:tag". */
  meter: Record<string, number>;
  /** Every D1 statement the connector ran, from D1's own answers. */
  d1: { statements: number; rowsRead: number; rowsWritten: number };
  /** TenantGate storage calls (rows by key). */
  doStorage: { rowsRead: number; rowsWritten: number };
}

function emptyCounts(): UsageCounts {
  return { meter: {}, d1: { statements: 0, rowsRead: 0, rowsWritten: 0 }, doStorage: { rowsRead: 0, rowsWritten: 0 } };
}

let active: UsageCounts | undefined;
let patched = false;

type AnyFn = (...args: unknown[]) => unknown;

function ownerOf(object: object, method: string): Record<string, unknown> | undefined {
  for (let p: object | null = object; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    if (Object.prototype.hasOwnProperty.call(p, method)) return p as Record<string, unknown>;
  }
  return undefined;
}

function wrapMethod(owner: Record<string, unknown>, method: string, wrap: (original: AnyFn) => AnyFn): void {
  const original = owner[method] as AnyFn;
  Object.defineProperty(owner, method, { configurable: true, writable: true, value: wrap(original) });
}

function tallyD1(sqlTexts: string[], result: unknown): void {
  if (!active || sqlTexts.some((s) => s.includes(BENCH_SQL_MARK))) return;
  const results = Array.isArray(result) ? result : [result];
  for (const r of results) {
    const meta = (r as { meta?: { rows_read?: number; rows_written?: number } } | undefined)?.meta;
    active.d1.statements++;
    active.d1.rowsRead += meta?.rows_read ?? 0;
    active.d1.rowsWritten += meta?.rows_written ?? 0;
  }
}

function keysIn(arg: unknown): number {
  if (Array.isArray(arg)) return arg.length;
  if (typeof arg === "string") return 1;
  if (arg && typeof arg === "object") return Object.keys(arg).length;
  return 0;
}

/** Patches, once per isolate, the places the tallies read from (they count only while a run is active). */
async function patchRuntime(): Promise<void> {
  if (patched) return;
  patched = true;

  // D1: the session object behind every prepared statement sends each query through `_send` (HTTP
  // form) or `_query` (JS RPC form); both answers carry D1's meta per statement.
  const session = (env.DB.prepare("select 1") as unknown as { dbSession: object }).dbSession;
  const sendOwner = ownerOf(session, "_send");
  if (sendOwner) {
    wrapMethod(sendOwner, "_send", (original) =>
      async function (this: unknown, ...args: unknown[]) {
        const result = await original.apply(this, args);
        const query = args[1];
        tallyD1(Array.isArray(query) ? (query as string[]) : [String(query)], result);
        return result;
      },
    );
  }
  const queryOwner = ownerOf(session, "_query");
  if (queryOwner) {
    wrapMethod(queryOwner, "_query", (original) =>
      async function (this: unknown, ...args: unknown[]) {
        const result = await original.apply(this, args);
        const queries = (args[0] as { queries?: { sql: string }[] } | undefined)?.queries ?? [];
        tallyD1(
          queries.map((q) => q.sql),
          result,
        );
        return result;
      },
    );
  }
  if (!sendOwner && !queryOwner) throw new Error("bench: D1's session has neither _send nor _query; the row tally cannot work on this workerd");

  // TenantGate storage: one shared prototype for every object's `ctx.storage` in this isolate.
  const probe = env.TENANT_GATE.get(env.TENANT_GATE.idFromName("bench:storage-probe"));
  const storageProto = await runInDurableObject(probe, (_instance, state) => Object.getPrototypeOf(state.storage) as Record<string, unknown>);
  wrapMethod(storageProto, "get", (original) =>
    function (this: unknown, ...args: unknown[]) {
      if (active) active.doStorage.rowsRead += keysIn(args[0]);
      return original.apply(this, args);
    },
  );
  wrapMethod(storageProto, "put", (original) =>
    function (this: unknown, ...args: unknown[]) {
      if (active) active.doStorage.rowsWritten += typeof args[0] === "string" ? 1 : keysIn(args[0]);
      return original.apply(this, args);
    },
  );
  wrapMethod(storageProto, "delete", (original) =>
    function (this: unknown, ...args: unknown[]) {
      if (active) active.doStorage.rowsWritten += keysIn(args[0]);
      return original.apply(this, args);
    },
  );
}

/** Starts counting; `stop()` ends it and returns the counts. Only one run at a time. */
export async function startUsage(): Promise<{ snapshot: () => UsageCounts; stop: () => UsageCounts }> {
  await patchRuntime();
  if (active) throw new Error("bench: a usage run is active already");
  const counts = emptyCounts();
  active = counts;
  installMeter((name: MeterName, n: number, tag?: string) => {
    counts.meter[name] = (counts.meter[name] ?? 0) + n;
    if (tag) counts.meter[`${name}:${tag}`] = (counts.meter[`${name}:${tag}`] ?? 0) + n;
  });
  const copy = () => structuredClone(counts);
  return {
    snapshot: copy,
    stop: () => {
      installMeter(undefined);
      active = undefined;
      return copy();
    },
  };
}

/** Installs the stub shim and the tallies without counting (for runs that need working metered bindings only). */
export async function prepareUsage(): Promise<void> {
  await patchRuntime();
}
