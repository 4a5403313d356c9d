// Tests run inside workerd through @cloudflare/vitest-pool-workers, with the connector as the main
// worker and the sandbox (SPS, Acumatica, Entra and F&O simulators) as an auxiliary worker that
// receives every outbound fetch (miniflare `outboundService`). Unknown hosts fail loudly there.
import { defineConfig } from "vitest/config";
import { connectorPool } from "./vitest.pool";

export default defineConfig(async () => ({
  plugins: [await connectorPool()],
  test: {
    setupFiles: ["./test/helpers/setup.ts"],
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
}));
