// `npm start`: the connector and the sandbox (SPS, Acumatica, Entra and F&O simulators) on this
// machine, with local D1, queues, Durable Objects and a cron fired every few seconds; seeds a demo
// tenant and drops purchase orders into its SPS mailbox, then shows them flowing.
import { spawn, spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { SignJWT } from "jose";
import { ensureDevVars } from "./dev-vars.mjs";
import { CONNECTOR, CONNECTOR_PORT, SANDBOX, SANDBOX_PORT, DEMO, seedDemo } from "./demo-seed.mjs";

const root = resolve(import.meta.dirname, "..");
const wrangler = resolve(root, "node_modules", ".bin", "wrangler");
const CRON_EVERY_MS = Number(process.env.DEMO_CRON_EVERY_MS ?? 10_000);
/** DEMO_STATE_DIR: local D1, queues and Durable Objects somewhere else than .wrangler/state (the browser tests use a fresh one). */
const persist = process.env.DEMO_STATE_DIR ? ["--persist-to", process.env.DEMO_STATE_DIR] : [];

const { created } = ensureDevVars();
if (created) console.log("Created .dev.vars with fresh random API_SIGNING_KEY and CREDENTIALS_KEY.");
const vars = ensureDevVars().vars;

console.log("Applying D1 migrations to the local database…");
const migrate = spawnSync(wrangler, ["d1", "migrations", "apply", "DB", "--local", ...persist], { cwd: root, stdio: "inherit", env: { ...process.env, CI: "true" } });
if (migrate.status !== 0) process.exit(migrate.status ?? 1);

// The sandbox starts empty on every run (its ERP numbers start again at 1), so the demo tenants'
// documents from an earlier run would point at records that no longer exist: clear them. Their
// configuration is re-seeded below; other tenants are left alone.
const demoTenants = ["'demo'", "'demo-d365'"].join(",");
const reset = spawnSync(
  wrangler,
  [
    "d1", "execute", "DB", "--local", ...persist, "--command",
    ["audit_events", "documents", "order_links", "cursors", "sscc_serials", "obligations", "alert_conditions", "alert_events", "alert_deliveries", "poll_health"].map((t) => `DELETE FROM ${t} WHERE tenant_id IN (${demoTenants});`).join(" "),
  ],
  { cwd: root, stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, CI: "true" } },
);
if (reset.status !== 0) console.warn("Could not clear the demo tenants' earlier documents; continuing.");

const children = [];
// wrangler dev tries to fetch Request.cf data from workers.cloudflare.com: harmless offline.
const NOISE = /ENOTFOUND workers\.cloudflare\.com|GetAddrInfoReqWrap|Request\.cf|Unable to fetch the `Request\.cf`|update available|wrangler\s+4\.\d+\.\d+|^\s*$|─{5,}|Your Worker has access to|^\s*env\.|Binding\s+Resource|^\s*\[wrangler:info\] GET \/__scheduled|Ready on|⎔ Starting|queue consumer|Miniflare|bindings/i;

function run(name, args) {
  const child = spawn(wrangler, args, { cwd: root, env: { ...process.env, FORCE_COLOR: "0", WRANGLER_SEND_METRICS: "false" }, stdio: ["ignore", "pipe", "pipe"] });
  const prefix = (line) => `[${name}] ${line}`;
  for (const stream of [child.stdout, child.stderr]) {
    let buffer = "";
    stream.on("data", (chunk) => {
      buffer += chunk.toString();
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const line of lines) if (!NOISE.test(line)) console.log(prefix(line));
    });
  }
  child.on("exit", (code) => {
    console.log(prefix(`exited (${code})`));
    shutdown(code ?? 1);
  });
  children.push(child);
  return child;
}

let stopping = false;
function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const c of children) c.kill("SIGINT");
  setTimeout(() => process.exit(code), 500);
}
process.on("SIGINT", () => shutdown(0));
process.on("SIGTERM", () => shutdown(0));

run("sandbox", ["dev", "-c", "sandbox/wrangler.toml", "--ip", "127.0.0.1", "--port", String(SANDBOX_PORT), "--inspector-port", String(SANDBOX_PORT + 444), "--log-level", "warn", ...persist]);
run("connector", [
  "dev",
  "--ip", "127.0.0.1",
  "--port", String(CONNECTOR_PORT),
  "--inspector-port", String(CONNECTOR_PORT + 444),
  ...persist,
  "--test-scheduled",
  "--log-level", "warn",
  "--var", "ALLOW_PRIVATE_UPSTREAMS:true",
  "--var", "ENVIRONMENT:development",
  "--var", `PUBLIC_URL:http://127.0.0.1:${CONNECTOR_PORT}`,
  "--var", "RETRY_BASE_SECONDS:2",
  "--var", "RETRY_MAX_SECONDS:60",
]);

async function waitFor(url, what) {
  for (let i = 0; i < 240; i++) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  console.error(`${what} did not come up at ${url}`);
  shutdown(1);
}

await waitFor(`${SANDBOX}/__sandbox/health`, "The sandbox");
await waitFor(`${CONNECTOR}/health`, "The connector");

const operator = await new SignJWT({ role: "operator" })
  .setProtectedHeader({ alg: "HS256" })
  .setSubject("npm-start")
  .setIssuedAt()
  .setExpirationTime("12h")
  .sign(new TextEncoder().encode(vars.API_SIGNING_KEY));

// A tenant token for the demo tenant, in a link the console accepts only in development (ENVIRONMENT=development).
const demoToken = await new SignJWT({ role: "tenant", tenant: DEMO.tenantId })
  .setProtectedHeader({ alg: "HS256" })
  .setSubject("npm-start")
  .setIssuedAt()
  .setExpirationTime("12h")
  .sign(new TextEncoder().encode(vars.API_SIGNING_KEY));
const consoleLink = `${CONNECTOR}/console/login?token=${demoToken}`;

let seeded;
try {
  seeded = await seedDemo(operator);
} catch (e) {
  console.error(`Seeding the demo failed: ${e instanceof Error ? e.message : e}`);
  shutdown(1);
}

// Local `wrangler dev` does not fire crons by itself: fire the every-minute cron by hand.
const fireCron = () => fetch(`${CONNECTOR}/__scheduled?cron=${encodeURIComponent("* * * * *")}`).catch(() => undefined);
setInterval(fireCron, CRON_EVERY_MS);
await fireCron();

console.log(`
────────────────────────────────────────────────────────────────────────────
 The connector is running locally, with the sandbox standing in for SPS and the ERPs.

   API                 ${CONNECTOR}/v1
   API reference       ${CONNECTOR}/docs
   OpenAPI document    ${CONNECTOR}/v1/openapi.json
   Sandbox             ${SANDBOX}/  (SPS, Acumatica${seeded.dynamics ? ", Entra and F&O" : ""} simulators)

 Demo tenant "${DEMO.tenantId}" (Acumatica${seeded.dynamics ? `) and "${DEMO.dynamicsTenantId}" (Dynamics` : ""}): ${seeded.orders} purchase orders were dropped
 into the SPS mailbox (run ${seeded.runId}); the cron fires every ${CRON_EVERY_MS / 1000} s.

 The console (signs you in to the demo tenant for 12 h; local only):
   ${consoleLink}

 An operator token (12 h):  npm run token -- --role operator

   curl -s -H "Authorization: Bearer $(npm run -s token -- --role operator)" \\
     ${CONNECTOR}/v1/tenants/${DEMO.tenantId}/documents | jq

 Ship and invoice the demo orders (856/810 flow):  npm run demo:ship
 Stop with Ctrl-C. Local data lives in .wrangler/state.
────────────────────────────────────────────────────────────────────────────
`);

// Show documents as they change state.
const seen = new Map();
async function watch() {
  for (const tenant of seeded.tenants) {
    try {
      const res = await fetch(`${CONNECTOR}/v1/tenants/${tenant}/documents?limit=50`, { headers: { authorization: `Bearer ${operator}` } });
      if (!res.ok) continue;
      const { documents } = await res.json();
      for (const d of documents.reverse()) {
        const key = `${d.id}:${d.status}`;
        if (seen.has(key)) continue;
        seen.set(key, true);
        const ref = d.direction === "outbound" ? (d.status === "delivered" && d.spsPath ? ` → SPS ${d.spsPath}` : "") : d.erpReference ? ` → ${d.erpReference}` : "";
        const why = d.statusDetail?.length ? ` (${d.statusDetail[0]})` : "";
        console.log(`[demo] ${tenant} ${d.direction} ${d.type} ${d.partnerId} ${d.naturalKey}: ${d.status}${ref}${why}`);
      }
    } catch {
      // the connector may be restarting
    }
  }
}
setInterval(watch, 3000);
