// Tests run inside workerd through @cloudflare/vitest-pool-workers, with the connector as the main
// worker and the sandbox (SPS, Acumatica, Entra and F&O simulators) as an auxiliary worker that
// receives every outbound fetch (miniflare `outboundService`). Unknown hosts fail loudly there.
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { build } from "esbuild";
import { randomBytes } from "node:crypto";
import { defineConfig } from "vitest/config";

const SANDBOX_BUNDLE = "node_modules/.cache/sandbox/sandbox.mjs";

export default defineConfig(async () => {
  await build({
    entryPoints: ["sandbox/src/index.ts"],
    outfile: SANDBOX_BUNDLE,
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    logLevel: "warning",
  });
  const migrations = await readD1Migrations("migrations");
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            API_SIGNING_KEY: randomBytes(32).toString("base64url"),
            CREDENTIALS_KEY: randomBytes(32).toString("base64url"),
            ENVIRONMENT: "test",
            LOG_LEVEL: "warn",
            RETRY_BASE_SECONDS: "0",
            RETRY_MAX_SECONDS: "1",
            MAX_ATTEMPTS: "5",
            BACKOFF_BASE_MS: "100",
            BACKOFF_CAP_MS: "2000",
          },
          outboundService: "sandbox",
          workers: [
            {
              name: "sandbox",
              modules: true,
              scriptPath: SANDBOX_BUNDLE,
              compatibilityDate: "2026-04-01",
            },
          ],
        },
      }),
    ],
    test: {
      setupFiles: ["./test/helpers/setup.ts"],
      include: ["test/**/*.test.ts"],
      testTimeout: 30_000,
      hookTimeout: 30_000,
    },
  };
});
