// The fault-injection suite (`npm run chaos`): the whole pipeline against the sandbox with seeded
// faults. Short timeouts and claim TTL so slow answers and dead consumers cost seconds, not minutes.
import { defineConfig } from "vitest/config";
import { connectorPool } from "./vitest.pool";

export default defineConfig(async () => ({
  plugins: [
    await connectorPool({
      CHAOS_SEED: process.env.CHAOS_SEED ?? "1",
      CHAOS_ORDERS: process.env.CHAOS_ORDERS ?? "50",
      CHAOS_ERP: process.env.CHAOS_ERP ?? "acumatica",
      CHAOS_ORDER_WRITE: process.env.CHAOS_ORDER_WRITE ?? "two-step",
      HTTP_TIMEOUT_MS: "1500",
      CLAIM_TTL_MS: "3000",
      // Longer than the slowest answer the faults inject (2.5 s), which the ERP commits after the client gave up.
      UNCERTAIN_WRITE_SETTLE_MS: "6000",
      CHAOS_CRASH_AFTER_ERP_WRITE: "0.03",
      MAX_ATTEMPTS: "10",
      // The most the connector allows: more documents of a batch race each other than in the default deployment.
      CONSUMER_CONCURRENCY: "6",
      RETRY_MAX_SECONDS: "2",
      BACKOFF_CAP_MS: "500",
      LOG_LEVEL: "error",
    }),
  ],
  test: {
    setupFiles: ["./test/chaos/setup.ts"],
    include: ["test/chaos/**/*.chaos.ts"],
    testTimeout: 30 * 60_000,
    hookTimeout: 60_000,
  },
}));
