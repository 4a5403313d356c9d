// Cron fan-out: one scheduled run with 10,000 tenants due (inserted with SQL in batches). Timed in
// workerd as wall time around runCron: workerd freezes timers while JavaScript runs and advances them
// only at I/O, so the figure is wall time including D1 (and, in the second run, the queue writes), not
// CPU; the fan-out's own CPU is measured in Node by scripts/bench.mjs. The 30,000 poll messages go to
// a counting stand-in (run 1) and to a real local queue that nobody consumes (run 2), never to the
// polls consumer. Asserts only correctness: every tenant was polled once and rescheduled.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { runCron } from "../src/cron/fanout";
import type { Env } from "../src/env";
import { createLogger } from "../src/lib/log";
import { streamsFor } from "../src/queues/enqueue-polls";
import { benchVars, report } from "./lib/pipeline";
import { BENCH_SQL_MARK, startUsage } from "./lib/usage";

const ROWS_PER_INSERT = 500;

async function insertTenants(count: number, dueAt: number): Promise<void> {
  const statements: D1PreparedStatement[] = [];
  for (let from = 0; from < count; from += ROWS_PER_INSERT) {
    const values: string[] = [];
    for (let i = from; i < Math.min(count, from + ROWS_PER_INSERT); i++) {
      const id = `fan-${String(i).padStart(6, "0")}`;
      values.push(`('${id}', 'Fan-out tenant ${i}', 'acumatica', 5, 'xml', 'active', '{}', ${dueAt - (i % 600) * 1000}, ${dueAt}, ${dueAt})`);
    }
    statements.push(
      env.DB.prepare(
        `${BENCH_SQL_MARK} insert into tenants (id, name, erp, poll_interval_minutes, document_format, status, settings, next_poll_at, created_at, updated_at) values ${values.join(", ")}`,
      ),
    );
  }
  await env.DB.batch(statements);
}

async function dueCount(at: number): Promise<number> {
  const row = await env.DB.prepare(`${BENCH_SQL_MARK} select count(*) as n from tenants where status = 'active' and next_poll_at <= ?`).bind(at).first<{ n: number }>();
  return row?.n ?? 0;
}

describe("cron fan-out", () => {
  it("one scheduled run with 10,000 tenants due", async () => {
    const { cronTenants } = benchVars();
    const scheduledTime = Date.now();
    await insertTenants(cronTenants, scheduledTime);
    expect(await dueCount(scheduledTime)).toBe(cronTenants);
    const log = createLogger("error");
    const streams = streamsFor("acumatica").length;

    const measure = async (polls: Env["POLLS"], at: number) => {
      const usage = await startUsage();
      const started = Date.now();
      const result = await runCron({ ...env, POLLS: polls } as Env, at, log);
      const wallMs = Date.now() - started;
      const counts = usage.stop();
      expect(result.tenants).toBe(cronTenants);
      expect(result.polls).toBe(cronTenants * streams);
      expect(await dueCount(at)).toBe(0); // every tenant's next poll moved forward
      return { wallMs, d1: counts.d1 };
    };

    // The polls queue as a counting stand-in (no queue I/O), and as a real local queue nobody consumes.
    const counter = { sent: 0, sendBatchCalls: 0 };
    const counting = {
      send: async () => undefined,
      sendBatch: async (messages: Iterable<unknown>) => {
        counter.sendBatchCalls++;
        counter.sent += [...messages].length;
      },
    } as unknown as Env["POLLS"];
    const sink = env.BENCH_POLLS_SINK as unknown as Env["POLLS"] | undefined;

    // A warm-up run, then three of each, alternating; every run finds all tenants due again (their
    // next poll was moved 5 minutes ahead by the run before, and each run is 5 minutes later).
    let at = scheduledTime;
    const first = await measure(counting, at);
    expect(counter.sent).toBe(cronTenants * streams);
    const stubbed: number[] = [];
    const queued: number[] = [];
    for (let i = 0; i < 3; i++) {
      at += 5 * 60_000;
      stubbed.push((await measure(counting, at)).wallMs);
      if (sink) {
        at += 5 * 60_000;
        queued.push((await measure(sink, at)).wallMs);
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? null;

    const figures = {
      tenants: cronTenants,
      pollMessages: cronTenants * streams,
      sendBatchCalls: counter.sendBatchCalls / (1 + stubbed.length),
      d1Statements: first.d1.statements,
      d1RowsRead: first.d1.rowsRead,
      d1RowsWritten: first.d1.rowsWritten,
      firstRunWallMs: first.wallMs,
      wallMsWithoutQueue: median(stubbed),
      wallMsWithLocalQueue: median(queued),
      wallMsRuns: { stubbed, queued },
      subrequests: counter.sendBatchCalls / (1 + stubbed.length) + first.d1.statements,
    };
    report("cronFanout", figures);
    console.log(
      [
        `Cron fan-out, one scheduled run with ${cronTenants} tenants due (${figures.pollMessages} poll messages in ${figures.sendBatchCalls} sendBatch calls)`,
        `  wall time in workerd (median of 3 after a warm-up run of ${first.wallMs} ms): ${figures.wallMsWithoutQueue} ms with the queue stubbed, ${figures.wallMsWithLocalQueue ?? "n/a"} ms writing to a local queue`,
        "  (workerd freezes timers while JavaScript runs, so these are wall times including D1 and the queue, not CPU)",
        `  D1: ${figures.d1Statements} statements, ${figures.d1RowsRead} rows read, ${figures.d1RowsWritten} rows written; subrequests ≈ ${figures.subrequests}`,
      ].join("\n"),
    );
  });
});
