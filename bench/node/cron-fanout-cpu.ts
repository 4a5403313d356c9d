// Part A of `npm run bench`: the CPU of the cron fan-out's own code (drizzle building the queries and
// mapping 10,000 due-tenant rows, building 30,000 poll messages, chunking the next-poll updates), in
// Node where CPU time can be read. D1 is an in-memory stand-in that answers the due-tenant query
// with prepared rows and everything else with nothing, and the polls queue only counts; so this is
// the fan-out's CPU without D1's or the queue's own work (workerd measures those, as wall time).
import { runCron } from "../../src/cron/fanout";
import type { Env } from "../../src/env";
import { createLogger } from "../../src/lib/log";
import { median } from "./timing";

export interface FanoutCpuResult {
  tenants: number;
  polls: number;
  sendBatchCalls: number;
  d1Statements: number;
  /** Median CPU ms of one runCron over the runs. */
  cpuMs: number;
  wallMs: number;
  runs: number;
}

/** Just enough of D1's statement API for drizzle's d1 driver (bind, raw, all, run, first). */
function fakeD1(tenantRows: unknown[][], counter: { statements: number }): D1Database {
  const answer = (sql: string) => (/from "tenants"/.test(sql) && /^select/i.test(sql) ? tenantRows : []);
  const statement = (sql: string): D1PreparedStatement => {
    const meta = { changes: 0, rows_read: 0, rows_written: 0, duration: 0, last_row_id: 0, changed_db: false, size_after: 0 };
    const stmt = {
      bind: () => stmt,
      raw: async () => {
        counter.statements++;
        return answer(sql);
      },
      all: async () => {
        counter.statements++;
        return { success: true, results: [], meta };
      },
      run: async () => {
        counter.statements++;
        return { success: true, results: [], meta };
      },
      first: async () => {
        counter.statements++;
        return null;
      },
    };
    return stmt as unknown as D1PreparedStatement;
  };
  return {
    prepare: statement,
    batch: async () => [],
    exec: async () => ({ count: 0, duration: 0 }),
  } as unknown as D1Database;
}

export async function measureFanoutCpu(tenants: number, runs: number): Promise<FanoutCpuResult> {
  // Rows as D1's raw() returns them for `select id, erp, poll_interval_minutes`.
  const rows = Array.from({ length: tenants }, (_, i) => [`bench-${String(i).padStart(5, "0")}`, "acumatica", 5]);
  const log = createLogger("error");
  const cpus: number[] = [];
  const walls: number[] = [];
  let last = { polls: 0, sendBatchCalls: 0, statements: 0 };
  for (let r = 0; r < runs + 1; r++) {
    const counter = { statements: 0 };
    let sendBatchCalls = 0;
    let sent = 0;
    const polls = {
      send: async () => undefined,
      sendBatch: async (messages: Iterable<unknown>) => {
        sendBatchCalls++;
        sent += [...messages].length;
      },
    };
    const env = { DB: fakeD1(rows, counter), POLLS: polls } as unknown as Env;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const result = await runCron(env, Date.now(), log);
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    if (result.tenants !== tenants || sent !== tenants * 3) throw new Error(`bench: fan-out handled ${result.tenants} tenants and ${sent} polls, expected ${tenants} and ${tenants * 3}`);
    if (r === 0) continue; // the first run warms up the JIT
    cpus.push((cpu.user + cpu.system) / 1000);
    walls.push(wall);
    last = { polls: sent, sendBatchCalls, statements: counter.statements };
  }
  return { tenants, polls: last.polls, sendBatchCalls: last.sendBatchCalls, d1Statements: last.statements, cpuMs: median(cpus), wallMs: median(walls), runs };
}
