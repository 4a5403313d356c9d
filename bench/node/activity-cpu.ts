// CPU of an inbound 852 in Node (workerd freezes timers while JavaScript runs, so CPU is measured here):
// the mailbox intake (cut into pieces, every line validated) and the consumer's row building (lines
// read a slice at a time, one row per store and activity), for a generated report of each size.
import { activityRowsOf852Lines, periodOf852 } from "../../src/flows/activity-rows";
import { intakeMailboxFile } from "../../src/flows/mailbox-intake";
import { readReportLines, splitProductActivity } from "../../src/rsx/product-activity-segments";
import { productActivity852 } from "../../test/helpers/activity-fixtures";
import { median } from "./timing";

export interface ActivityCpuRow {
  label: string;
  items: number;
  stores: number;
  bytes: number;
  rows: number;
  intakeCpuMs: number;
  rowsCpuMs: number;
  heapMb: number;
}

function cpuMs(run: () => unknown): number {
  const c0 = process.cpuUsage();
  run();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

export function measureActivityCpu(sizes: { items: number; stores: number }[], repeats = 3): ActivityCpuRow[] {
  return sizes.map(({ items, stores }) => {
    const bytes = new TextEncoder().encode(productActivity852({ partnerId: "BENCHPARTNER", items, stores, start: "2026-11-23", end: "2026-11-29", codes: ["QS"] }));
    let rows = 0;
    const intake: number[] = [];
    const build: number[] = [];
    let heap = 0;
    for (let r = 0; r < repeats; r++) {
      intake.push(cpuMs(() => intakeMailboxFile("out/bench.json", bytes, { maxBytes: 16 * 1024 * 1024 })));
      build.push(
        cpuMs(() => {
          const seg = splitProductActivity(bytes);
          if (!seg?.ok) throw new Error("bench 852 not cut");
          const period = periodOf852(seg.value.report)!;
          rows = 0;
          for (let i = 0; i < seg.value.lineCount; i += 500) {
            const lines = readReportLines(seg.value, i, i + 500);
            if (!lines.ok) throw new Error(lines.error.reasons.join("; "));
            rows += activityRowsOf852Lines(lines.value, period, { partnerId: "BENCHPARTNER", legalEntity: null, mappings: [] }).length;
            heap = Math.max(heap, process.memoryUsage().heapUsed);
          }
        }),
      );
    }
    return { label: `${items} × ${stores}`, items, stores, bytes: bytes.byteLength, rows, intakeCpuMs: median(intake), rowsCpuMs: median(build), heapMb: Math.round(heap / 1048576) };
  });
}
