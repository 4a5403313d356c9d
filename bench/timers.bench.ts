// Due-date timers: what the watch (src/watch/run.ts) costs with 10,000 open obligations across 100
// tenants, measured from D1's own answers. An idle run (nothing due) and a run in which 100 obligations
// turn at risk and alert; then the month at one run a minute, priced with Cloudflare's published rates,
// beside the alternative the issue names (a Durable Object alarm per tenant). Asserts correctness only:
// the idle run changes nothing, the busy one moves exactly the due obligations.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env";
import { createLogger } from "../src/lib/log";
import { runWatch } from "../src/watch/run";
import { report } from "./lib/pipeline";
import { PRICES } from "./lib/pricing";
import { BENCH_SQL_MARK, startUsage } from "./lib/usage";

const TENANTS = 100;
const OBLIGATIONS = 10_000;
const RUNS_PER_MONTH = 60 * 24 * 30;

async function seed(nowMs: number): Promise<void> {
  const tenants: string[] = [];
  for (let t = 0; t < TENANTS; t++) tenants.push(`('tmr-${t}', 'Timer tenant ${t}', 'acumatica', 5, 'xml', 'active', '{}', ${nowMs + 3_600_000}, ${nowMs}, ${nowMs})`);
  const statements = [env.DB.prepare(`${BENCH_SQL_MARK} insert into tenants (id, name, erp, poll_interval_minutes, document_format, status, settings, next_poll_at, created_at, updated_at) values ${tenants.join(", ")}`)];
  for (let from = 0; from < OBLIGATIONS; from += 200) {
    const values: string[] = [];
    for (let i = from; i < Math.min(OBLIGATIONS, from + 200); i++) {
      // The first 100 are due for their warning in the busy run; the rest over the next 3 days.
      const warnAt = i < 100 ? nowMs + 30_000 : nowMs + 3_600_000 + (i * 25_000);
      const id = `obl_BENCH${String(i).padStart(21, "0")}`;
      values.push(`('${id}', 'tmr-${i % TENANTS}', 'PARTNER', '855', 'PO-${i}', 'PO-${i}', 'doc_BENCH${String(i).padStart(21, "0")}', ${nowMs}, ${warnAt}, ${warnAt + 3_600_000}, 'pending', ${warnAt}, ${nowMs}, ${nowMs})`);
    }
    statements.push(
      env.DB.prepare(
        `${BENCH_SQL_MARK} insert into obligations (id, tenant_id, partner_id, kind, subject, order_key, source_document_id, starts_at, warn_at, due_at, state, next_check_at, created_at, updated_at) values ${values.join(", ")}`,
      ),
    );
  }
  await env.DB.batch(statements);
}

async function states(): Promise<Record<string, number>> {
  const rows = await env.DB.prepare(`${BENCH_SQL_MARK} select state, count(*) as n from obligations group by state`).all<{ state: string; n: number }>();
  return Object.fromEntries(rows.results.map((r) => [r.state, r.n]));
}

describe("due-date timers", () => {
  it("10,000 open obligations: an idle watch run and a run with 100 due", async () => {
    const log = createLogger("error");
    const nowMs = Date.now();
    await seed(nowMs);
    // A first run reads the document history once (none here) and sets the watermark.
    await runWatch(env as unknown as Env, nowMs, log);

    const measure = async (at: number) => {
      const usage = await startUsage();
      const started = Date.now();
      const outcome = await runWatch(env as unknown as Env, at, log);
      const wallMs = Date.now() - started;
      const counts = usage.stop();
      return { outcome, wallMs, d1: counts.d1, doRequests: counts.meter["do.requests"] ?? 0 };
    };
    const idleRuns = [];
    for (let i = 0; i < 5; i++) idleRuns.push(await measure(nowMs + 1_000 + i));
    const idle = idleRuns[idleRuns.length - 1]!;
    expect(await states()).toEqual({ pending: OBLIGATIONS });
    expect(idle.outcome.atRisk + idle.outcome.missed).toBe(0);
    const busy = await measure(nowMs + 31_000);
    expect(busy.outcome.atRisk).toBe(100);
    expect(await states()).toEqual({ pending: OBLIGATIONS - 100, at_risk: 100 });

    const month = {
      d1RowsRead: idle.d1.rowsRead * RUNS_PER_MONTH,
      d1RowsWritten: idle.d1.rowsWritten * RUNS_PER_MONTH,
    };
    const idleUsdPerMonth = month.d1RowsRead * PRICES.d1RowsRead.usdPerUnit + month.d1RowsWritten * PRICES.d1RowsWritten.usdPerUnit;
    // The alternative: one DO alarm per tenant. Each obligation's two transitions (at risk, missed or
    // met) wake its tenant's DO, and each new obligation earlier than the tenant's alarm needs a DO call
    // to move it: at least two DO requests per obligation, plus each wake-up's D1 reads.
    const alarmDoRequestsPer10k = 2 * OBLIGATIONS;
    const figures = {
      tenants: TENANTS,
      openObligations: OBLIGATIONS,
      idleRun: { d1Statements: idle.d1.statements, d1RowsRead: idle.d1.rowsRead, d1RowsWritten: idle.d1.rowsWritten, doRequests: idle.doRequests, wallMs: idle.wallMs },
      busyRun: { dueObligations: 100, d1Statements: busy.d1.statements, d1RowsRead: busy.d1.rowsRead, d1RowsWritten: busy.d1.rowsWritten, doRequests: busy.doRequests, wallMs: busy.wallMs, alertsRaised: busy.outcome.raised },
      perRowWrittenWhenDue: busy.d1.rowsWritten / 100,
      idleMonthAtOneRunPerMinute: { ...month, usd: idleUsdPerMonth },
      alarmAlternative: { doRequestsPer10kObligations: alarmDoRequestsPer10k, usd: alarmDoRequestsPer10k * PRICES.doRequests.usdPerUnit },
    };
    report("timers", figures);
    console.log(
      [
        `Due-date timers, ${OBLIGATIONS} open obligations over ${TENANTS} tenants`,
        `  idle watch run: ${idle.d1.statements} D1 statements, ${idle.d1.rowsRead} rows read, ${idle.d1.rowsWritten} rows written, ${idle.doRequests} DO requests, ${idle.wallMs} ms wall`,
        `  run with 100 due (at risk, alerted): ${busy.d1.statements} statements, ${busy.d1.rowsRead} rows read, ${busy.d1.rowsWritten} rows written, ${busy.doRequests} DO requests, ${busy.wallMs} ms wall`,
        `  a month of idle runs, one a minute: ${month.d1RowsRead} rows read, ${month.d1RowsWritten} rows written = $${idleUsdPerMonth.toFixed(4)} at overage rates`,
        `  a DO alarm per tenant instead: ≥ ${alarmDoRequestsPer10k} DO requests per 10,000 obligations = $${(alarmDoRequestsPer10k * PRICES.doRequests.usdPerUnit).toFixed(4)}, plus its D1 reads`,
      ].join("\n"),
    );
  });
});
