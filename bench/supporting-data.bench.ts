// Inbound 852 product activity through the real pipeline (mailbox poll → inbound consumer → D1), per
// report size: rows stored, file and stored (gzip) bytes, D1 statements and rows written, queue
// messages and Worker invocations, wall time. scripts/bench.mjs adds the CPU measured in Node
// (bench/node/activity-cpu.ts). Asserts correctness only: every row is stored, and the quantities add
// up to the sum computed here.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { defaultQty, productActivity852 } from "../test/helpers/activity-fixtures";
import { drop, pollNow, waitForSettled } from "../test/helpers/flow";
import { createWorld } from "../test/helpers/world";
import { report } from "./lib/pipeline";
import { BENCH_SQL_MARK, startUsage } from "./lib/usage";

const SIZES = [
  { items: 1000, stores: 10 },
  { items: 5000, stores: 50 },
];

describe("inbound 852 activity", () => {
  it("rows, bytes, D1 and queue usage per report size", async () => {
    const runs = [];
    for (const { items, stores } of SIZES) {
      const world = await createWorld({ partners: false, items: false });
      const text = productActivity852({ partnerId: "BENCHPARTNER", items, stores, start: "2026-11-23", end: "2026-11-29", codes: ["QS"] });
      const bytes = new TextEncoder().encode(text).byteLength;
      await drop(world, "out/PD-bench.json", text);
      const usage = await startUsage();
      const started = Date.now();
      await pollNow(world);
      const [doc] = await waitForSettled(world, 1, { timeout: 600_000 });
      const wallMs = Date.now() - started;
      const counts = usage.stop();
      expect(doc.status).toBe("delivered");
      const stored = await env.DB.prepare(`${BENCH_SQL_MARK} select count(*) as n, sum(quantity) as q from activity where tenant_id = ?`).bind(world.tenantId).first<{ n: number; q: number }>();
      let expected = 0;
      for (let i = 0; i < items; i++) for (let s = 0; s < stores; s++) expected += defaultQty(i, s, "QS");
      expect(stored).toEqual({ n: items * stores, q: expected });
      const raw = await env.DB.prepare(`${BENCH_SQL_MARK} select length(raw) as gz from documents where id = ?`).bind(doc.id).first<{ gz: number }>();
      runs.push({
        label: `${items} × ${stores}`,
        items,
        stores,
        rows: stored!.n,
        bytes,
        storedGzipBytes: raw!.gz,
        d1Statements: counts.d1.statements,
        d1RowsWritten: counts.d1.rowsWritten,
        queueSends: counts.meter["queue.sends"] ?? 0,
        invocations: counts.meter["worker.invocations"] ?? 0,
        wallMs,
      });
    }
    report("activity", { runs });
    for (const r of runs) {
      console.log(`852 ${r.label}: ${r.rows} rows, ${r.bytes} bytes (${r.storedGzipBytes} gzip), ${r.d1Statements} D1 statements, ${r.d1RowsWritten} rows written, ${r.queueSends} queue sends, ${r.invocations} invocations, ${r.wallMs} ms wall`);
    }
  });
});
