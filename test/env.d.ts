// Test-only bindings added by vitest.config.ts, merged into the `env` of cloudflare:test.
type ConnectorEnv = import("../src/env").Env;
declare namespace Cloudflare {
  interface Env extends ConnectorEnv {
    TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
    /** SPS's RSX 7.7 material, served by vitest.pool.ts; read it through test/helpers/sps-rsx.ts. */
    SPS_RSX: Fetcher;
    /** Set by vitest.chaos.config.ts only. */
    CHAOS_SEED?: string;
    CHAOS_ORDERS?: string;
    CHAOS_ERP?: string;
    CHAOS_ORDER_WRITE?: string;
  }
}
