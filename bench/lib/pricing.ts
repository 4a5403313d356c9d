// Cloudflare's published Workers Paid rates, the one place the benchmark prices usage.
// Sources, read 2026-11 (Workers Paid: $5/month minimum, allotments included), named by `source` below:
// C2 https://developers.cloudflare.com/workers/platform/pricing/
// C8 https://developers.cloudflare.com/queues/platform/pricing/
// C14 https://developers.cloudflare.com/durable-objects/platform/pricing/
// C15 https://developers.cloudflare.com/d1/platform/pricing/

export interface Meter {
  /** What is counted, in the benchmark's words. */
  label: string;
  /** Included per month with the $5 Workers Paid plan. */
  includedPerMonth: number;
  /** US dollars per unit above the allotment. */
  usdPerUnit: number;
  source: string;
}

export const WORKERS_PAID_MINIMUM_USD_PER_MONTH = 5;

export const PRICES = {
  workerRequests: { label: "Worker invocations", includedPerMonth: 10_000_000, usdPerUnit: 0.3 / 1e6, source: "C2" },
  workerCpuMs: { label: "Worker CPU ms", includedPerMonth: 30_000_000, usdPerUnit: 0.02 / 1e6, source: "C2" },
  /** A write, read or delete of each 64 KB; ≈3 per message; each retry adds a read. */
  queueOperations: { label: "Queue operations", includedPerMonth: 1_000_000, usdPerUnit: 0.4 / 1e6, source: "C8" },
  d1RowsRead: { label: "D1 rows read", includedPerMonth: 25_000_000_000, usdPerUnit: 0.001 / 1e6, source: "C15" },
  /** An indexed column adds a row. */
  d1RowsWritten: { label: "D1 rows written", includedPerMonth: 50_000_000, usdPerUnit: 1.0 / 1e6, source: "C15" },
  /** HTTP, each RPC method call on a stub (its own RPC session), alarm. */
  doRequests: { label: "Durable Object requests", includedPerMonth: 1_000_000, usdPerUnit: 0.15 / 1e6, source: "C14" },
  /** SQLite-backed Durable Object storage: same rates and allotments as D1. */
  doRowsRead: { label: "DO storage rows read", includedPerMonth: 25_000_000_000, usdPerUnit: 0.001 / 1e6, source: "C14" },
  doRowsWritten: { label: "DO storage rows written", includedPerMonth: 50_000_000, usdPerUnit: 1.0 / 1e6, source: "C14" },
} as const satisfies Record<string, Meter>;

export type PricedMeter = keyof typeof PRICES;

export type Usage = Partial<Record<PricedMeter, number>>;

export interface PricedLine {
  meter: PricedMeter;
  label: string;
  units: number;
  usd: number;
}

/** The overage price of a usage (allotments not deducted: what the usage costs once they are spent). */
export function priceUsage(usage: Usage): { lines: PricedLine[]; totalUsd: number } {
  const lines = (Object.keys(PRICES) as PricedMeter[])
    .filter((m) => usage[m] !== undefined)
    .map((m) => ({ meter: m, label: PRICES[m].label, units: usage[m]!, usd: usage[m]! * PRICES[m].usdPerUnit }));
  return { lines, totalUsd: lines.reduce((s, l) => s + l.usd, 0) };
}

/** How many units of `usagePerUnit` (e.g. per document) the monthly allotment of each meter covers; the smallest binds. */
export function allotmentCovers(usagePerUnit: Usage): { meter: PricedMeter; units: number } | undefined {
  let best: { meter: PricedMeter; units: number } | undefined;
  for (const m of Object.keys(usagePerUnit) as PricedMeter[]) {
    const per = usagePerUnit[m] ?? 0;
    if (per <= 0) continue;
    const units = PRICES[m].includedPerMonth / per;
    if (!best || units < best.units) best = { meter: m, units };
  }
  return best;
}
