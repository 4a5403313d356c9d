// Runs vitest and filters the runtime's report of exceptions the sandbox throws on purpose
// (cutting a connection for "commit then drop", refusing an unknown host): three lines of workerd
// noise per injected fault. The chaos suite's simulated consumer crashes are hidden the same way.
// Everything else, and vitest's exit code, pass through unchanged.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { resolve } from "node:path";

const vitest = resolve(import.meta.dirname, "..", "node_modules", ".bin", "vitest");
const child = spawn(vitest, process.argv.slice(2), { stdio: ["inherit", "pipe", "pipe"], env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? (process.stdout.isTTY ? "1" : "0") } });

const INTENTIONAL = /sandbox: (connection dropped after commit|no simulator for host|host sandbox\.control only)|SimulatedCrash: simulated crash/;
let suppressed = 0;

function filter(stream, out) {
  let skipping = false;
  createInterface({ input: stream }).on("line", (line) => {
    if (INTENTIONAL.test(line)) {
      skipping = true;
      suppressed++;
      return;
    }
    if (skipping && /^stack: .*workerd@|^\s+at |^uncaught exception/.test(line)) return;
    skipping = false;
    out.write(`${line}\n`);
  });
}
filter(child.stdout, process.stdout);
filter(child.stderr, process.stderr);
child.on("exit", (code, signal) => {
  if (suppressed > 0) process.stdout.write(`(${suppressed} runtime log lines of intentional sandbox faults hidden)\n`);
  process.exit(code ?? (signal ? 1 : 0));
});
