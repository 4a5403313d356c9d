// `npm run chaos -- --seed N --orders M [--seeds K] [--erp acumatica|dynamics] [--order-write …]`: runs the
// fault-injection suite (test/chaos/) once per seed, N to N+K-1, and prints each seed's table.
// A failing seed is named with the command that reproduces its fault sequence.
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    seed: { type: "string", default: "1" },
    seeds: { type: "string", default: "1" },
    orders: { type: "string", default: "50" },
    erp: { type: "string", default: "acumatica" },
    // Dynamics: the connection's orderWrite (two-step, own-number, navigation); the environment accepts it.
    "order-write": { type: "string", default: "two-step" },
  },
});
const first = Number(values.seed);
const count = Number(values.seeds);
const orders = Number(values.orders);
if (![first, count, orders].every((n) => Number.isInteger(n) && n > 0) || !["acumatica", "dynamics"].includes(values.erp) || !["two-step", "own-number", "navigation"].includes(values["order-write"])) {
  console.error("Usage: npm run chaos -- --seed N --orders M [--seeds K] [--erp acumatica|dynamics] [--order-write two-step|own-number|navigation]");
  process.exit(2);
}

const failed = [];
const root = resolve(import.meta.dirname, "..");
for (let seed = first; seed < first + count; seed++) {
  console.log(`\n=== chaos seed ${seed}: ${orders} orders, ${values.erp}${values.erp === "dynamics" ? ` (orderWrite ${values["order-write"]})` : ""} ===`);
  const started = Date.now();
  const run = spawnSync("node", ["scripts/vitest.mjs", "run", "--config", "vitest.chaos.config.ts"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, CHAOS_SEED: String(seed), CHAOS_ORDERS: String(orders), CHAOS_ERP: values.erp, CHAOS_ORDER_WRITE: values["order-write"] },
  });
  console.log(`seed ${seed}: ${run.status === 0 ? "passed" : "FAILED"} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (run.status !== 0) failed.push(seed);
}
if (failed.length > 0) {
  console.error(`\nFailed seeds: ${failed.join(", ")}. Reproduce one with: npm run chaos -- --seed ${failed[0]} --orders ${orders} --erp ${values.erp}`);
  process.exit(1);
}
console.log(`\nAll ${count} seed(s) passed.`);
