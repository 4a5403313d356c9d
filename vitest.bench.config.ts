// `npm run bench`, part B (scripts/bench.mjs runs it): the pipeline figures measured inside workerd.
// The same pool as vitest.config.ts (connector as the main worker, the sandbox as an auxiliary
// worker receiving every outbound fetch), but with the production retry and backoff vars of
// wrangler.toml (no test-speed overrides), one file at a time so no measurement shares the
// machine with another, and no timeouts short enough to cut a several-minute throughput run.
// Files are `bench/**/*.bench.ts`: vitest tests that print figures and assert only correctness.
import { defineConfig } from "vitest/config";
import { connectorPool } from "./vitest.pool";

/** Run-length options from scripts/bench.mjs (environment variables), passed to workerd as bindings. */
const benchOptions: Record<string, string> = {
  BENCH_R: process.env.BENCH_R ?? "60",
  BENCH_THROUGHPUT_MINUTES: process.env.BENCH_THROUGHPUT_MINUTES ?? "3",
  BENCH_LATENCY_MINUTES: process.env.BENCH_LATENCY_MINUTES ?? "4",
  BENCH_LATENCY_FILES: process.env.BENCH_LATENCY_FILES ?? "24",
  BENCH_CRON_TENANTS: process.env.BENCH_CRON_TENANTS ?? "10000",
  BENCH_COST_DOCS: process.env.BENCH_COST_DOCS ?? "100",
};

export default defineConfig(async () => ({
  plugins: [
    await connectorPool(
      {
        ENVIRONMENT: "bench",
        LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "error",
        // wrangler.toml's 3 minutes would only make the 500-before-save retry path wait; the calls it counts are the same.
        UNCERTAIN_WRITE_SETTLE_MS: "15000",
        ...benchOptions,
      },
      {
        testSpeed: false,
        // The cron fan-out bench sends its 30,000 poll messages here: a real queue nobody consumes.
        queueProducers: { BENCH_POLLS_SINK: { queueName: "bench-polls-sink" } },
      },
    ),
  ],
  test: {
    setupFiles: ["./bench/lib/setup.ts"],
    include: ["bench/**/*.bench.ts"],
    fileParallelism: false,
    testTimeout: 30 * 60_000,
    hookTimeout: 5 * 60_000,
  },
}));
