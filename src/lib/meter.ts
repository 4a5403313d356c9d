// Usage counters for the benchmark's cost figures (D1 rows, queue operations, Durable Object
// requests, invocations, upstream calls). Inert unless a meter is installed (bench only).
export type MeterName =
  | "worker.invocations"
  | "d1.queries"
  | "d1.rowsRead"
  | "d1.rowsWritten"
  | "queue.sends"
  | "queue.deliveries"
  | "do.requests"
  | "upstream.calls";

type Sink = (name: MeterName, n: number, tag?: string) => void;
let sink: Sink | undefined;

export function installMeter(next: Sink | undefined): void {
  sink = next;
}

export function meter(name: MeterName, n = 1, tag?: string): void {
  if (sink && n > 0) sink(name, n, tag);
}

export function meterInstalled(): boolean {
  return sink !== undefined;
}

function countResult(result: unknown): void {
  const meta = (result as { meta?: { rows_read?: number; rows_written?: number } } | undefined)?.meta;
  meter("d1.queries");
  meter("d1.rowsRead", meta?.rows_read ?? 0);
  meter("d1.rowsWritten", meta?.rows_written ?? 0);
}

/** A D1 binding that reports rows read and written per query (only when a meter is installed). */
export function meteredD1(d1: D1Database): D1Database {
  if (!sink) return d1;
  const originals = new WeakMap<object, D1PreparedStatement>();
  const wrapStatement = (stmt: D1PreparedStatement): D1PreparedStatement => {
    const proxy = new Proxy(stmt, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (prop === "bind") return (...args: unknown[]) => wrapStatement((value as (...a: unknown[]) => D1PreparedStatement).apply(target, args));
        if (prop === "run" || prop === "all") {
          return async (...args: unknown[]) => {
            const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
            countResult(result);
            return result;
          };
        }
        if (prop === "first" || prop === "raw") {
          return async (...args: unknown[]) => {
            meter("d1.queries");
            return (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          };
        }
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    originals.set(proxy, stmt);
    return proxy;
  };
  return new Proxy(d1, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (prop === "prepare") return (query: string) => wrapStatement(target.prepare(query));
      if (prop === "batch") {
        return async (statements: D1PreparedStatement[]) => {
          // Unwrap our proxies: D1 wants its own statement objects.
          const results = await target.batch(statements.map((st) => originals.get(st) ?? st));
          for (const r of results) countResult(r);
          return results;
        };
      }
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
