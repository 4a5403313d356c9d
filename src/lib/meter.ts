// Usage counters for the benchmark's cost figures (queue operations, Durable Object requests,
// invocations, upstream calls). Inert unless a meter is installed (bench only). D1 rows are taken
// from D1's own answers by the benchmark, which sees every statement drizzle sends.
export type MeterName =
  | "worker.invocations"
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
