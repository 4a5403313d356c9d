// Setup of the benchmark's workerd files: the D1 migrations only. (The test suite's setup also keeps
// every log line and API reply for its per-file secret scan, which would change what is measured and
// hold thousands of replies in memory during a several-minute run.)
import { applyD1Migrations, env } from "cloudflare:test";

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
