// Setup of the fault-injection suite: the D1 migrations, and the API reached in-process. (The per-file
// secret scan of the test suite keeps every API reply for its scan, and the pool's SELF.fetch slows
// with every call; a chaos run makes tens of thousands of calls: test/helpers/api.ts.)
import { applyD1Migrations, env } from "cloudflare:test";
import { useDirectTransport } from "../helpers/api";

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
useDirectTransport();
