// Setup of the fault-injection suite: the D1 migrations only. (The per-file secret scan of the
// test suite keeps every API reply for its scan; a chaos run makes tens of thousands of calls.)
import { applyD1Migrations, env } from "cloudflare:test";

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
