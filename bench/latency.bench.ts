// Latency from a file landing in the SPS mailbox to its sales order existing in Acumatica, at the
// tenant's poll interval (1 minute): the every-minute cron fires once a minute of wall time while
// files land at random moments (seeded), and each order's latency is the sandbox's CreatedDate of its
// sales order minus the moment its file was dropped (one clock: the sandbox runs in the same workerd).
// Asserts only correctness: every file became exactly one sales order.
import { describe, expect, it } from "vitest";
import { createWorld } from "../test/helpers/world";
import { drop, fixtureXml, withPo } from "../test/helpers/flow";
import { mulberry32 } from "../test/helpers/prng";
import { benchVars, fireCron, percentile, poNumber, report, sandboxOrders, sleep, waitFor } from "./lib/pipeline";

describe("latency from mailbox to sales order", () => {
  it("at a 1-minute poll interval", async () => {
    const { latencyMinutes, latencyFiles } = benchVars();
    const world = await createWorld({ tenant: { pollIntervalMinutes: 1 } });
    // mulberry32: the same landing moments on every run.
    const random = mulberry32(850);
    const t0 = Date.now();
    const span = latencyMinutes * 60_000;
    type Event = { at: number; kind: "land"; po: string } | { at: number; kind: "cron" };
    const events: Event[] = [];
    for (let i = 1; i <= latencyFiles; i++) events.push({ at: t0 + 1_000 + random() * (span - 2_000), kind: "land", po: poNumber("LT", i) });
    for (let k = 1; k <= latencyMinutes; k++) events.push({ at: t0 + k * 60_000, kind: "cron" });
    events.sort((a, b) => a.at - b.at);

    const landedAt = new Map<string, number>();
    const cronAt: number[] = [];
    for (const e of events) {
      await sleep(Math.max(0, e.at - Date.now()));
      if (e.kind === "cron") {
        cronAt.push(Date.now());
        await fireCron(e.at);
      } else {
        landedAt.set(e.po, Date.now());
        await drop(world, `out/PO/${e.po}.xml`, withPo(fixtureXml.BulkImport, e.po));
      }
    }
    const orders = await waitFor(
      "every sales order",
      async () => {
        const all = await sandboxOrders(world);
        return all.length >= latencyFiles ? all : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 500 },
    );
    expect(orders).toHaveLength(latencyFiles);
    expect(new Set(orders.map((o) => o.CustomerOrder)).size).toBe(latencyFiles);

    const rows = orders.map((o) => {
      const landed = landedAt.get(o.CustomerOrder!)!;
      const created = Date.parse(o.CreatedDate);
      const polledAt = cronAt.find((c) => c >= landed) ?? Number.NaN;
      return { po: o.CustomerOrder!, latencyMs: created - landed, waitForPollMs: polledAt - landed, afterPollMs: created - polledAt };
    });
    const latencies = rows.map((r) => r.latencyMs / 1000);
    const afterPoll = rows.map((r) => r.afterPollMs / 1000);
    const figures = {
      pollIntervalMinutes: 1,
      minutes: latencyMinutes,
      files: latencyFiles,
      p50Seconds: percentile(latencies, 50),
      p95Seconds: percentile(latencies, 95),
      minSeconds: Math.min(...latencies),
      maxSeconds: Math.max(...latencies),
      meanSeconds: latencies.reduce((s, x) => s + x, 0) / latencies.length,
      afterPollP50Seconds: percentile(afterPoll, 50),
      afterPollP95Seconds: percentile(afterPoll, 95),
    };
    report("latency", figures);
    console.log(
      [
        `Latency, file landing → sales order exists (${latencyFiles} files over ${latencyMinutes} min, cron every minute, poll interval 1 min)`,
        `  p50 ${figures.p50Seconds.toFixed(1)} s, p95 ${figures.p95Seconds.toFixed(1)} s (min ${figures.minSeconds.toFixed(1)}, max ${figures.maxSeconds.toFixed(1)}, mean ${figures.meanSeconds.toFixed(1)})`,
        `  of which after the poll that found the file: p50 ${figures.afterPollP50Seconds.toFixed(2)} s, p95 ${figures.afterPollP95Seconds.toFixed(2)} s`,
      ].join("\n"),
    );
  });
});
