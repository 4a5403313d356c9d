// `npm run bench`: the connector's performance figures, printed, never asserted as timings (a timed assertion fails on a slow machine, not on slow code).
//   Part A, Node (CPU-bound): RSX 850 parse speed against fast-xml-parser on the same bytes, the CPU one
//     order costs from parse to ERP payload, and the cron fan-out's own CPU. bench/node/ bundled with esbuild.
//   Part B, workerd: bench/*.bench.ts through vitest.bench.config.ts, one file per vitest run: ERP calls
//     per sales order, throughput against a licence limit, mailbox-to-sales-order latency, Cloudflare usage
//     per document, cron fan-out wall time. Each file prints one BENCH_RESULT line that is collected here.
// A full run writes bench/results/latest.json and latest.md (a README section); `--readme` also puts that
// section into README.md in place of its "## Performance" section. Options: `npm run bench -- --help`.
import { build } from "esbuild";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SECTIONS = ["parse", "fanout", "erp", "dynamics", "throughput", "latency", "cost", "timers", "activity"];
const WORKERD_FILES = {
  erp: "bench/erp-calls.bench.ts",
  dynamics: "bench/dynamics-order-writes.bench.ts",
  throughput: "bench/throughput.bench.ts",
  latency: "bench/latency.bench.ts",
  cost: "bench/cost.bench.ts",
  fanout: "bench/cron-fanout.bench.ts",
  timers: "bench/timers.bench.ts",
  activity: "bench/supporting-data.bench.ts",
};

const { values: opts } = parseArgs({
  options: {
    minutes: { type: "string", default: "3" },
    r: { type: "string", default: "60" },
    "latency-minutes": { type: "string", default: "4" },
    "latency-files": { type: "string", default: "24" },
    "cost-docs": { type: "string", default: "100" },
    tenants: { type: "string", default: "10000" },
    only: { type: "string" },
    quick: { type: "boolean", default: false },
    readme: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});

if (opts.help) {
  console.log(`npm run bench [-- options]
  --minutes N           throughput run against the licence limit, in minutes (default 3)
  --r N                 the licence limit R, requests per minute (default 60)
  --latency-minutes N   latency run, in minutes of wall time with a cron run each minute (default 4)
  --latency-files N     files landing at random moments during the latency run (default 24)
  --cost-docs N         files in the batch run of the cost figures (default 100)
  --tenants N           tenants due in the cron fan-out run (default 10000)
  --only a,b            sections: ${SECTIONS.join(", ")} (default: all)
  --quick               a short smoke run: 1-minute throughput, 2-minute latency with 8 files
  --readme              also replace README.md's "## Performance" section (full runs only)
A full run writes bench/results/latest.json and latest.md; --only and --quick runs write
node_modules/.cache/bench/partial.json and partial.md instead.`);
  process.exit(0);
}

const only = opts.only ? opts.only.split(",").map((s) => s.trim()) : SECTIONS;
for (const s of only) if (!SECTIONS.includes(s)) throw new Error(`unknown section ${s}; sections: ${SECTIONS.join(", ")}`);
if (opts.readme && (opts.only || opts.quick)) {
  console.error("--readme writes the README only from a full run (no --only, no --quick)");
  process.exit(2);
}
const settings = {
  R: Number(opts.r),
  throughputMinutes: opts.quick ? 1 : Number(opts.minutes),
  latencyMinutes: opts.quick ? 2 : Number(opts["latency-minutes"]),
  latencyFiles: opts.quick ? 8 : Number(opts["latency-files"]),
  costDocs: Number(opts["cost-docs"]),
  cronTenants: Number(opts.tenants),
};
const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`;
const startedAt = new Date();
const loadBefore = os.loadavg();
const t0 = performance.now();
const results = { command, date: startedAt.toISOString(), machine: machineInfo(), settings, sections: {} };

function machineInfo() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? "unknown",
    cores: cpus.length,
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
  };
}

const fmt = (n, digits = 1) => (n === null || n === undefined || Number.isNaN(n) ? "n/a" : Number(n).toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits }));
const int = (n) => fmt(n, 0);
const usd = (x) => (x === 0 ? "$0" : x < 0.0001 ? "<$0.0001" : `$${fmt(x, 4)}`);

/** A plain-text table for stdout and a markdown one for the README, from the same rows. */
function table(head, rows) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join("  ");
  const text = [line(head), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
  const md = [`| ${head.join(" | ")} |`, `|${head.map((_, i) => (i === 0 ? "---" : "---:")).join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
  return { text, md };
}

const printed = [];
function section(title, body) {
  console.log(`\n== ${title} ==\n${body}`);
  printed.push({ title, body });
}

// ---- Part A: Node --------------------------------------------------------------------------------

let node;
async function loadNodePart() {
  const outfile = path.join(repoRoot, "node_modules", ".cache", "bench", "bench-node.mjs");
  await build({
    entryPoints: [path.join(repoRoot, "bench", "node", "index.ts")],
    outfile,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    logLevel: "warning",
  });
  return import(`${pathToFileURL(outfile).href}?t=${Date.now()}`);
}

async function partParse() {
  console.log("Part A (Node): parse speed and CPU per order…");
  const orders = node.benchOrders();
  const fixtureBytes = new Uint8Array(fs.readFileSync(path.join(repoRoot, "sandbox", "fixtures", "orders", "POCRM0091734-1-v7.7-BulkImport.xml")));
  const small = { warmupMs: 1000, windows: 9, windowMs: 400 };
  const large = { warmupMs: 1500, windows: 7, windowMs: 1500 };
  const speed = [
    ...node.measureParseSpeed([{ label: "200 KB", order: orders.kb200 }], small),
    ...node.measureParseSpeed([{ label: "2 MB", order: orders.mb2 }], large),
  ];
  const cpu = [
    ...node.measureOrderCpu(
      [
        { label: "fixture", bytes: fixtureBytes, lines: 4 },
        { label: "200 KB", bytes: orders.kb200.bytes, lines: orders.kb200.lines },
      ],
      { warmupMs: 500, windows: 5, windowMs: 400 },
    ),
    ...node.measureOrderCpu([{ label: "2 MB", bytes: orders.mb2.bytes, lines: orders.mb2.lines }], { warmupMs: 1000, windows: 5, windowMs: 1500 }),
  ];
  results.sections.parse = { fastXmlParser: node.FXP_VERSION, speed, cpu };
}

async function partFanoutCpu() {
  console.log("Part A (Node): cron fan-out CPU…");
  results.sections.fanoutCpu = await node.measureFanoutCpu(settings.cronTenants, 5);
}

// ---- Part B: workerd ------------------------------------------------------------------------------

const NOISE = [/^detected excessive collisions in hash table/, /vitest-pool-workers has been renamed|will not receive future updates|vitest:pool-workers-to-vitest-plugin|^=+$|^\s*WARNING: @cloudflare/];

function runWorkerd(name) {
  const file = WORKERD_FILES[name];
  console.log(`Part B (workerd): ${file}…`);
  const env = {
    ...process.env,
    FORCE_COLOR: "0",
    BENCH_R: String(settings.R),
    BENCH_THROUGHPUT_MINUTES: String(settings.throughputMinutes),
    BENCH_LATENCY_MINUTES: String(settings.latencyMinutes),
    BENCH_LATENCY_FILES: String(settings.latencyFiles),
    BENCH_COST_DOCS: String(settings.costDocs),
    BENCH_CRON_TENANTS: String(settings.cronTenants),
  };
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [path.join(repoRoot, "scripts", "vitest.mjs"), "run", "--config", "vitest.bench.config.ts", file], { cwd: repoRoot, env, stdio: ["ignore", "pipe", "pipe"] });
    const log = [];
    const found = [];
    const onData = (chunk) => {
      for (const line of chunk.toString().split("\n")) {
        const at = line.indexOf("BENCH_RESULT ");
        if (at >= 0) found.push(JSON.parse(line.slice(at + "BENCH_RESULT ".length)));
        else if (line.trim() && !NOISE.some((re) => re.test(line.trim()))) log.push(line);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => {
      const seconds = (performance.now() - started) / 1000;
      if (code !== 0 || found.length === 0) {
        console.log(log.join("\n"));
        console.log(`${file} failed (exit ${code}); its figures are missing`);
      }
      for (const r of found) results.sections[r.section] = { ...r, section: undefined, seconds };
      resolve(code === 0);
    });
  });
}

// ---- Reporting ------------------------------------------------------------------------------------

function reportParse(mdParts) {
  const p = results.sections.parse;
  if (!p) return;
  const speed = table(
    ["input", "bytes", "lines", "readRsxDocuments MB/s", "parseOrders (typed) MB/s", `fast-xml-parser ${p.fastXmlParser} MB/s`, "tree vs fxp", "typed vs fxp"],
    p.speed.map((r) => [r.input, int(r.bytes), int(r.lines), fmt(r.readTreeMBps), fmt(r.typedMBps), fmt(r.fxpMBps), `${fmt(r.readTreeVsFxp, 2)}×`, `${fmt(r.typedVsFxp, 2)}×`]),
  );
  const cpu = table(
    ["input", "bytes", "lines", "sales orders", "parse + map + build, CPU ms", "+ mailbox intake, CPU ms"],
    p.cpu.map((r) => [r.input, int(r.bytes), int(r.lines), int(r.salesOrders), fmt(r.parseMapBuildCpuMs, 2), fmt(r.intakeAndMappingCpuMs, 2)]),
  );
  section("RSX 850 parse (Node, same bytes, interleaved windows, medians)", `${speed.text}\n\n${cpu.text}\n"× vs fxp" is fast-xml-parser's time over ours in the same round (above 1: ours is faster).`);
  mdParts.push(`### RSX 850 parsing (Node)\n\n${speed.md}\n\n"vs fxp": fast-xml-parser's time divided by ours, median over rounds in which both ran back to back (above 1 means ours is faster).\n\n${cpu.md}`);
}

function reportErp(mdParts) {
  const e = results.sections.erpCalls;
  if (!e) return;
  const c = e.commonPath;
  const r = e.retryPaths;
  const rows = [
    ["common path", fmt(c.callsPerSalesOrder, 2), `${int(c.orderCalls)} calls for ${int(c.salesOrders)} sales orders from ${int(c.documents)} POs`],
    ["500 before the order is saved", fmt(r.serverErrorBeforeSave.callsPerFailedOrder, 2), `PUT fails (uncertain), retry: GET finds nothing, re-queued until the settle window has passed, GET, PUT (${r.serverErrorBeforeSave.faults} faults)`],
    ["connection dropped after save", fmt(r.connectionDroppedAfterSave.callsPerFailedOrder, 2), `PUT saved but unanswered, retry: GET finds it and links (${r.connectionDroppedAfterSave.faults} faults)`],
    ["429 with Retry-After 1 s", fmt(r.throttled429RetryAfter1s.callsPerFailedOrder, 2), `PUT refused, re-queued without an attempt: GET (the document was tried) finds nothing, PUT (${r.throttled429RetryAfter1s.faults} faults)`],
  ];
  const t = table(["path", "ERP calls per sales order", "how"], rows);
  const tk = e.tokens;
  const tokens = `token requests: Acumatica ${tk.acumaticaTokenRequests}, SPS ${tk.spsTokenRequests} for ${int(tk.salesOrders)} sales orders in ${fmt(tk.seconds, 0)} s → ${fmt(tk.acumaticaPer1000Orders, 2)} and ${fmt(tk.spsPer1000Orders, 2)} per 1,000 orders (one token per connection per token lifetime, 3,600 s here, refreshed 5 min early)`;
  section("ERP calls per sales order (workerd + sandbox)", `${t.text}\n${tokens}`);
  mdParts.push(`### ERP calls per sales order\n\n${t.md}\n\n${tokens[0].toUpperCase()}${tokens.slice(1)}.`);
}

function reportDynamicsWrites(mdParts) {
  const d = results.sections.dynamicsWrites;
  if (!d) return;
  const how = {
    twoStep: "header changeset, then one lines changeset (the default, documented path)",
    ownNumber: "one changeset, the connector's SalesOrderNumber (environment allows manual numbers)",
    navigation: "one changeset, lines on $1/SalesOrderLines (environment accepts it)",
    fallbackFromNavigation: "navigation refused (501) until the connection switched to two-step",
    twoStepWithDrops: "two-step, 20% of $batch answers dropped after commit: lookups, completed headers",
  };
  const rows = Object.entries(how).filter(([k]) => d[k]).map(([k, text]) => [k, fmt(d[k].callsPerSalesOrder, 2), `${int(d[k].batchCalls)} $batch + ${int(d[k].lookups)} lookups for ${int(d[k].salesOrders)} orders${d[k].faults ? ` (${int(d[k].faults)} faults)` : ""}`, text]);
  const t = table(["order write", "F&O calls per sales order", "calls", "how"], rows);
  section("Dynamics F&O calls per sales order, per order write form (workerd + sandbox)", t.text);
  mdParts.push(`### Dynamics F&O calls per sales order\n\n${t.md}`);
}

function reportThroughput(mdParts) {
  const t = results.sections.throughput;
  if (!t) return;
  const rows = [
    ["licence limit R (sandbox and connection)", `${t.R}/min`],
    ["window", `${fmt(t.windowMinutes, 2)} min`],
    ["accepted ERP calls in the window", int(t.acceptedCalls)],
    ["sustained rate", `${fmt(t.callsPerMinute)}/min = ${fmt(t.fractionOfR, 3)} × R`],
    ["per minute", t.perMinute.map((x) => fmt(x)).join(", ")],
    ["backlog left at the end (never ran dry)", int(t.backlogLeftAtEnd)],
    ["429 answers / documents failed / failed by a 429", `${t.http429} / ${t.documentsFailed} / ${t.documentsFailedBy429}`],
    ["documents → sales orders", `${int(t.documents)} → ${int(t.salesOrders)}`],
  ];
  const tb = table(["throughput against a licence limit", "value"], rows);
  section("Throughput against a licence limit (workerd + sandbox)", tb.text);
  mdParts.push(`### Throughput against an Acumatica licence limit\n\n${tb.md}`);
}

function reportLatency(mdParts) {
  const l = results.sections.latency;
  if (!l) return;
  const rows = [
    ["p50", `${fmt(l.p50Seconds)} s`],
    ["p95", `${fmt(l.p95Seconds)} s`],
    ["min / mean / max", `${fmt(l.minSeconds)} / ${fmt(l.meanSeconds)} / ${fmt(l.maxSeconds)} s`],
    ["after the poll that found the file (p50 / p95)", `${fmt(l.afterPollP50Seconds, 2)} / ${fmt(l.afterPollP95Seconds, 2)} s`],
  ];
  const tb = table([`file lands → sales order exists (${l.files} files, ${l.minutes} min, poll interval ${l.pollIntervalMinutes} min)`, "value"], rows);
  section("Latency (workerd + sandbox)", tb.text);
  mdParts.push(`### Latency, mailbox to sales order\n\n${tb.md}`);
}

/** Usage per document (or per cron run) of one cost run, with queue operations ≈ write + read + delete. */
function perUnit(run) {
  const per = run.documents > 0 ? run.documents : run.cronRuns;
  const m = run.usage.meter;
  const sends = m["queue.sends"] ?? 0;
  const deliveries = m["queue.deliveries"] ?? 0;
  return {
    workerRequests: ((m["worker.invocations"] ?? 0) - (m["worker.invocations:scheduled"] ?? 0)) / per,
    scheduled: (m["worker.invocations:scheduled"] ?? 0) / per,
    // Each message is written once, read once per delivery, deleted once (Cloudflare Queues pricing, bench/lib/pricing.ts).
    queueOperations: (2 * sends + deliveries) / per,
    d1RowsRead: run.usage.d1.rowsRead / per,
    d1RowsWritten: run.usage.d1.rowsWritten / per,
    doRequests: (m["do.requests"] ?? 0) / per,
    doRowsRead: run.usage.doStorage.rowsRead / per,
    doRowsWritten: run.usage.doStorage.rowsWritten / per,
    upstreamCalls: (m["upstream.calls"] ?? 0) / per,
  };
}

function reportCost(mdParts) {
  const c = results.sections.cost;
  if (!c) return;
  const cpuPerDoc = results.sections.parse?.cpu.find((r) => r.input === "fixture")?.intakeAndMappingCpuMs;
  const runs = { batch: perUnit(c.batch), single: perUnit(c.single), idle: perUnit(c.idle) };
  const priced = {};
  for (const name of ["batch", "single"]) {
    const u = runs[name];
    const usage = {
      workerRequests: u.workerRequests * 1000,
      ...(cpuPerDoc !== undefined ? { workerCpuMs: cpuPerDoc * 1000 } : {}),
      queueOperations: u.queueOperations * 1000,
      d1RowsRead: u.d1RowsRead * 1000,
      d1RowsWritten: u.d1RowsWritten * 1000,
      doRequests: u.doRequests * 1000,
      doRowsRead: u.doRowsRead * 1000,
      doRowsWritten: u.doRowsWritten * 1000,
    };
    priced[name] = { usage, ...node.priceUsage(usage), allotmentBinds: node.allotmentCovers(Object.fromEntries(Object.entries(usage).map(([k, v]) => [k, v / 1000]))) };
  }
  const meters = Object.keys(priced.batch.usage);
  const rows = meters.map((m) => {
    const b = priced.batch.lines.find((l) => l.meter === m);
    const s = priced.single.lines.find((l) => l.meter === m);
    return [node.PRICES[m].label, int(b.units), usd(b.usd), int(s.units), usd(s.usd), `$${+(node.PRICES[m].usdPerUnit * 1e6).toFixed(3)}/M`];
  });
  rows.push(["total (overage rates)", "", usd(priced.batch.totalUsd), "", usd(priced.single.totalUsd), ""]);
  const tb = table([`per 1,000 documents`, `batch (${c.batch.documents} per poll)`, "$", "single (1 per poll)", "$", "rate"], rows);
  // Idle polling: a tenant's fixed cost per month at a 1- and a 5-minute interval (the cron invocation itself is shared by every tenant).
  const idle = runs.idle;
  const monthly = (pollsPerMonth) =>
    node.priceUsage({
      workerRequests: idle.workerRequests * pollsPerMonth,
      queueOperations: idle.queueOperations * pollsPerMonth,
      d1RowsRead: idle.d1RowsRead * pollsPerMonth,
      d1RowsWritten: idle.d1RowsWritten * pollsPerMonth,
      doRequests: idle.doRequests * pollsPerMonth,
      doRowsWritten: idle.doRowsWritten * pollsPerMonth,
    });
  const m1 = monthly(43_200);
  const m5 = monthly(8_640);
  // The share of each included monthly allotment one tenant's polling uses at a 1-minute interval.
  const shares = m1.lines
    .map((l) => ({ label: l.label, share: l.units / node.PRICES[l.meter].includedPerMonth }))
    .sort((a, b) => b.share - a.share)
    .slice(0, 2)
    .map((x) => `${fmt(x.share * 100, 0)} % of the included ${x.label}`)
    .join(" and ");
  const idleText = `idle poll of one tenant (per cron run): ${fmt(idle.workerRequests, 0)} queue invocation(s), ${fmt(idle.queueOperations, 0)} queue operations, ${fmt(idle.doRequests, 0)} DO requests, D1 ${fmt(idle.d1RowsRead, 0)} rows read / ${fmt(idle.d1RowsWritten, 0)} written, DO storage ${fmt(idle.doRowsWritten, 0)} rows written → per tenant-month $${fmt(m1.totalUsd, 3)} at a 1-minute interval, $${fmt(m5.totalUsd, 3)} at 5 minutes (overage rates; the cron's own 43,200 invocations a month are shared by all tenants); at a 1-minute interval one tenant's polling alone uses ${shares} a month`;
  const sweep = `D1 rows read by an idle cron run: ${fmt(idle.d1RowsRead, 0)} with ${int(c.idle.documentsInTable ?? 0)} documents stored (the stale-document sweep reads through the status + updated_at index)`;
  const binds = priced.batch.allotmentBinds;
  const allot = binds ? `counting documents only (idle polling comes on top), the $5 plan's allotments cover ≈ ${int(binds.units)} documents a month in batches before the first meter (${node.PRICES[binds.meter].label}) runs out; ${priced.single.allotmentBinds ? `≈ ${int(priced.single.allotmentBinds.units)} at one per poll (${node.PRICES[priced.single.allotmentBinds.meter].label})` : ""}` : "";
  const cpuNote = cpuPerDoc !== undefined ? `Worker CPU is Part A's intake + parse + map + build of the fixture order (${fmt(cpuPerDoc, 2)} ms, Node): connector code only, no D1/queue client work` : "Worker CPU not priced (run the parse section too)";
  section("Cloudflare usage and cost per 1,000 inbound documents (workerd, counted; priced at Cloudflare's published rates, bench/lib/pricing.ts)", `${tb.text}\n${idleText}\n${sweep}\n${allot}\n${cpuNote}`);
  results.sections.costPriced = { perDocument: runs, priced, idleMonthly: { oneMinute: m1, fiveMinutes: m5 }, cpuPerDocMs: cpuPerDoc ?? null };
  mdParts.push(`### Cloudflare usage and cost per 1,000 inbound 850s\n\n${tb.md}\n\n- ${idleText[0].toUpperCase()}${idleText.slice(1)}.\n- ${sweep}.\n- ${allot[0]?.toUpperCase() ?? ""}${allot.slice(1)}.\n- ${cpuNote}.`);
}

function reportFanout(mdParts) {
  const w = results.sections.cronFanout;
  const n = results.sections.fanoutCpu;
  if (!w && !n) return;
  const rows = [];
  if (w) {
    rows.push(["tenants due / poll messages / sendBatch calls", `${int(w.tenants)} / ${int(w.pollMessages)} / ${int(w.sendBatchCalls)}`]);
    rows.push(["wall time in workerd, first run (queue stubbed, D1 included)", `${int(w.firstRunWallMs)} ms`]);
    rows.push(["wall time in workerd, median of 3 more, queue stubbed", `${int(w.wallMsWithoutQueue)} ms`]);
    rows.push(["wall time in workerd, median of 3, writing to a local queue", w.wallMsWithLocalQueue === null ? "n/a" : `${int(w.wallMsWithLocalQueue)} ms`]);
    rows.push(["D1 statements / rows read / rows written", `${int(w.d1Statements)} / ${int(w.d1RowsRead)} / ${int(w.d1RowsWritten)}`]);
    rows.push(["subrequests (D1 statements + sendBatch calls)", int(w.subrequests)]);
  }
  if (n) rows.push([`fan-out code CPU in Node (median of ${n.runs}, D1 and queue stubbed)`, `${fmt(n.cpuMs)} ms`]);
  const tb = table(["one scheduled run", "value"], rows);
  const note = "workerd freezes timers while JavaScript runs and advances them at I/O, so the workerd figures are wall time including D1 and the queue, not CPU; the Node figure is the fan-out's own CPU.";
  section("Cron fan-out", `${tb.text}\n${note}`);
  mdParts.push(`### Cron fan-out, one scheduled run\n\n${tb.md}\n\n${note}`);
}

function markdown(mdParts, totalSeconds) {
  const m = results.machine;
  return `## Performance

Measured with \`${command}\` on ${results.date.slice(0, 10)} (${fmt(totalSeconds / 60, 1)} min): ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB, ${m.os}, Node ${m.node}; load average ${loadBefore.map((x) => x.toFixed(2)).join(" / ")} at the start (a shared machine: read ratios, not absolutes). Nothing here is asserted as a timing; the runs assert only correctness (every order became exactly one sales order). \`npm run bench\` prints these tables and writes \`bench/results/latest.json\` and \`latest.md\`; \`--readme\` also rewrites this section; \`--help\` lists the run lengths you can change (it is not part of \`npm test\` or CI).

How each figure is measured:
- **Parse speed**: a generated RSX 850 (~200 KB and ~2 MB, \`&amp;\`/\`&lt;\` on every line) parsed by our reader (\`readRsxDocuments\`, and \`parseOrders\` with the typed model) and by fast-xml-parser on the same bytes, in Node; warm-up, then rounds in which each runs for a fixed window, medians.
- **CPU per order**: \`process.cpuUsage()\` around \`parseOrders\` → \`planSalesOrders\` → \`salesOrderBody\` → \`JSON.stringify\` (and the mailbox intake), in Node.
- **ERP calls per sales order**: the sandbox's Acumatica request counters while the real pipeline (queues, consumers, TenantGate, D1 in workerd) turns POs into sales orders; retry paths with seeded faults on the first PUTs; tokens from the same counters.
- **Throughput**: sandbox instance and connection both at R requests/minute, a backlog larger than the run, the cron every minute; accepted Acumatica calls in the window ÷ minutes ÷ R.
- **Latency**: files dropped at seeded random moments, the cron fired once a minute of wall time, the sales order's creation time in the sandbox minus the drop time.
- **Cost**: usage counted while the cron drives one tenant (the connector's meter for invocations, queue messages and DO calls; D1's own row counts; TenantGate storage calls), priced at Cloudflare's published overage rates (\`bench/lib/pricing.ts\`, from Cloudflare's pricing pages).
- **Cron fan-out**: 10,000 tenants inserted with SQL, one \`runCron\` timed in workerd; the fan-out code's CPU in Node with D1 and the queue stubbed.

${mdParts.join("\n\n")}
`;
}

function reportTimers(mdParts) {
  const t = results.sections.timers;
  if (!t) return;
  const rows = [
    ["idle run (nothing due)", int(t.idleRun.d1Statements), int(t.idleRun.d1RowsRead), int(t.idleRun.d1RowsWritten), int(t.idleRun.doRequests), int(t.idleRun.wallMs)],
    [`run with ${t.busyRun.dueObligations} due (at risk + alert)`, int(t.busyRun.d1Statements), int(t.busyRun.d1RowsRead), int(t.busyRun.d1RowsWritten), int(t.busyRun.doRequests), int(t.busyRun.wallMs)],
  ];
  const tb = table(["watch run", "D1 statements", "rows read", "rows written", "DO requests", "wall ms"], rows);
  const month = `A month of idle runs at one a minute: ${int(t.idleMonthAtOneRunPerMinute.d1RowsRead)} D1 rows read, ${int(t.idleMonthAtOneRunPerMinute.d1RowsWritten)} written, $${fmt(t.idleMonthAtOneRunPerMinute.usd, 4)} at overage rates; a DO alarm per tenant instead needs at least ${int(t.alarmAlternative.doRequestsPer10kObligations)} DO requests per ${int(t.openObligations)} obligations ($${fmt(t.alarmAlternative.usd, 4)}) plus its D1 reads.`;
  section(`Due-date timers, ${int(t.openObligations)} open obligations over ${int(t.tenants)} tenants (workerd)`, `${tb.text}\n${month}`);
  mdParts.push(`### Due-date timers (${int(t.openObligations)} open obligations)\n\n${tb.md}\n\n${month}`);
}

function reportActivity(mdParts) {
  const a = results.sections.activity;
  const cpu = results.sections.activityCpu ?? [];
  if (!a && cpu.length === 0) return;
  const byLabel = new Map(cpu.map((c) => [c.label, c]));
  const rows = (a?.runs ?? cpu).map((r) => {
    const c = byLabel.get(r.label);
    return [
      r.label,
      int(r.rows),
      int(r.bytes),
      r.storedGzipBytes === undefined ? "—" : int(r.storedGzipBytes),
      r.d1Statements === undefined ? "—" : int(r.d1Statements),
      r.d1RowsWritten === undefined ? "—" : int(r.d1RowsWritten),
      r.queueSends === undefined ? "—" : int(r.queueSends),
      c ? fmt(c.intakeCpuMs, 0) : "—",
      c ? fmt(c.rowsCpuMs, 0) : "—",
      c ? int(c.heapMb) : "—",
      r.wallMs === undefined ? "—" : int(r.wallMs),
    ];
  });
  const tb = table(["852 (items × stores)", "rows", "file bytes", "stored gzip", "D1 statements", "D1 rows written", "queue sends", "intake CPU ms (Node)", "rows CPU ms (Node)", "peak heap MB (Node, incl. garbage)", "wall ms (workerd)"], rows);
  const note = "One row per store and activity (QS). D1 rows written include the indexes' rows; CPU is measured in Node (workerd freezes timers while JavaScript runs).";
  section("Inbound 852 product activity", `${tb.text}\n${note}`);
  mdParts.push(`### Inbound 852 product activity\n\n${tb.md}\n\n${note}`);
}

// ---- Main -------------------------------------------------------------------------------------------

let ok = true;
if (only.includes("parse") || only.includes("fanout") || only.includes("cost")) node = await loadNodePart();
if (only.includes("parse")) await partParse();
if (only.includes("fanout")) await partFanoutCpu();
if (only.includes("activity")) {
  node ??= await loadNodePart();
  console.log("Part A (Node): CPU per inbound 852…");
  results.sections.activityCpu = node.measureActivityCpu([{ items: 1000, stores: 10 }, { items: 5000, stores: 50 }]);
}
for (const name of ["erp", "dynamics", "throughput", "latency", "cost", "fanout", "timers", "activity"]) {
  if (only.includes(name)) ok = (await runWorkerd(name)) && ok;
}
const totalSeconds = (performance.now() - t0) / 1000;
results.seconds = totalSeconds;
results.loadAverage = { start: loadBefore, end: os.loadavg() };

const mdParts = [];
reportParse(mdParts);
reportErp(mdParts);
reportDynamicsWrites(mdParts);
reportThroughput(mdParts);
reportLatency(mdParts);
reportCost(mdParts);
reportFanout(mdParts);
reportTimers(mdParts);
reportActivity(mdParts);

const md = markdown(mdParts, totalSeconds);
// Only a full run replaces bench/results/latest.* (they match the README); partial runs go to the cache.
const partial = Boolean(opts.only || opts.quick);
const outDir = partial ? path.join(repoRoot, "node_modules", ".cache", "bench") : path.join(repoRoot, "bench", "results");
const baseName = partial ? "partial" : "latest";
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, `${baseName}.json`), `${JSON.stringify(results, null, 2)}\n`);
fs.writeFileSync(path.join(outDir, `${baseName}.md`), md);
console.log(`\nbench: ${fmt(totalSeconds / 60, 1)} min; wrote ${path.relative(repoRoot, path.join(outDir, baseName))}.json and .md`);

if (opts.readme && ok) {
  const readmePath = path.join(repoRoot, "README.md");
  const readme = fs.readFileSync(readmePath, "utf8");
  const start = readme.search(/^## Performance$/m);
  let next = -1;
  if (start >= 0) {
    const after = readme.slice(start + 1).search(/^## /m);
    next = after >= 0 ? start + 1 + after : -1;
  }
  const updated = start < 0 ? `${readme.trimEnd()}\n\n${md}` : `${readme.slice(0, start)}${md}${next >= 0 ? `\n${readme.slice(next)}` : ""}`;
  fs.writeFileSync(readmePath, updated);
  console.log("bench: README.md's Performance section updated");
}
process.exit(ok ? 0 : 1);
