// Tests run inside workerd through @cloudflare/vitest-pool-workers, with the connector as the main
// worker and the sandbox (SPS, Acumatica, Entra and F&O simulators) as an auxiliary worker that
// receives every outbound fetch (miniflare `outboundService`). Unknown hosts fail loudly there.
import { defineConfig } from "vitest/config";
import { connectorPool } from "./vitest.pool";

export default defineConfig(async () => ({
  // Debug logging widens the per-file secret scan (the scan's log sink prints only warnings and errors).
  plugins: [await connectorPool({ LOG_LEVEL: "debug" })],
  test: {
    setupFiles: ["./test/helpers/setup.ts"],
    include: ["test/**/*.test.ts"],
    // Generous: a shared 2-core machine runs the outbound suites at a third of their usual speed.
    testTimeout: 60_000,
    hookTimeout: 30_000,
  },
}));
