// Tests run inside workerd through @cloudflare/vitest-pool-workers, with the connector as the main
// worker and the sandbox (SPS, Acumatica, Entra and F&O simulators) as an auxiliary worker that
// receives every outbound fetch (miniflare `outboundService`). Unknown hosts fail loudly there.
import { defineConfig } from "vitest/config";
import { connectorPool } from "./vitest.pool";

export default defineConfig(async () => ({
  // Debug logging widens the per-file secret scan (the scan's log sink prints only warnings and errors).
  // The console trusts this (simulated) Cloudflare Access team: test/integration/console.integration.test.ts.
  plugins: [await connectorPool({ LOG_LEVEL: "debug", CONSOLE_ACCESS_TEAM_DOMAIN: "edi-ops.cloudflareaccess.com", CONSOLE_ACCESS_AUD: "console-test-aud" })],
  test: {
    setupFiles: ["./test/helpers/setup.ts"],
    // Generous: a shared 2-core machine runs the outbound suites at a third of their usual speed.
    testTimeout: 60_000,
    hookTimeout: 30_000,
    // Two files at a time: most of a flow test's time is waiting (queues, backoff timers, the
    // sandbox), so two share a 2-core machine well (measured: the whole suite 197 s, against 557 s
    // with one file at a time).
    maxWorkers: 2,
    projects: [
      {
        // Pure functions and the simulators on their own: one runtime for all their files. Each
        // file still gets its own tenants and sandbox environments; a fresh runtime per file cost
        // about 4 s each (51 files, 200 s of a CI run) and bought nothing here.
        extends: true as const,
        test: { name: "unit", include: ["test/unit/**/*.test.ts", "test/sandbox/**/*.test.ts"], isolate: false },
      },
      {
        // Whole flows through queues, Durable Objects and D1: storage isolated per file.
        extends: true as const,
        test: { name: "flows", include: ["test/integration/**/*.test.ts", "test/security/**/*.test.ts"] },
      },
    ],
  },
}));
