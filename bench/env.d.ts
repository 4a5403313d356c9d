// Bindings vitest.bench.config.ts adds for the benchmark, merged into the `env` of cloudflare:test.
declare namespace Cloudflare {
  interface Env {
    BENCH_R?: string;
    BENCH_THROUGHPUT_MINUTES?: string;
    BENCH_LATENCY_MINUTES?: string;
    BENCH_LATENCY_FILES?: string;
    BENCH_CRON_TENANTS?: string;
    BENCH_COST_DOCS?: string;
    /** A queue nobody consumes: the cron fan-out's 30,000 poll messages go here, not to the polls consumer. */
    BENCH_POLLS_SINK?: Queue<unknown>;
  }
}
