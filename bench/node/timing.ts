// Timing for the Node part of `npm run bench`: warm-up, then several short windows in which every
// contender runs in turn (so a noisy neighbour slows all of them alike and their ratio holds), and
// the median per contender. Wall time by performance.now(); CPU time by process.cpuUsage().

export interface Contender {
  name: string;
  /** One unit of work; returns something so the work cannot be optimised away. */
  run: () => unknown;
}

export interface WindowResult {
  name: string;
  /** Wall milliseconds per run, one entry per window. */
  msPerRun: number[];
  /** CPU milliseconds (user + system, all threads of the process) per run, one entry per window. */
  cpuMsPerRun: number[];
  medianMsPerRun: number;
  medianCpuMsPerRun: number;
}

export interface TimingOptions {
  warmupMs: number;
  windows: number;
  windowMs: number;
}

let sink: unknown;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function runFor(c: Contender, ms: number): { runs: number; wallMs: number; cpuMs: number } {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let runs = 0;
  let now = t0;
  do {
    sink = c.run();
    runs++;
    now = performance.now();
  } while (now - t0 < ms);
  const cpu = process.cpuUsage(cpu0);
  return { runs, wallMs: now - t0, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/** Interleaved windows: window 1 runs A, B, C…, window 2 runs B, C…, A (rotated), and so on. */
export function measureSideBySide(contenders: Contender[], opts: TimingOptions): WindowResult[] {
  for (const c of contenders) runFor(c, opts.warmupMs);
  const results = contenders.map((c) => ({ name: c.name, msPerRun: [] as number[], cpuMsPerRun: [] as number[] }));
  for (let w = 0; w < opts.windows; w++) {
    for (let i = 0; i < contenders.length; i++) {
      const k = (i + w) % contenders.length;
      const r = runFor(contenders[k]!, opts.windowMs);
      results[k]!.msPerRun.push(r.wallMs / r.runs);
      results[k]!.cpuMsPerRun.push(r.cpuMs / r.runs);
    }
  }
  void sink;
  return results.map((r) => ({ ...r, medianMsPerRun: median(r.msPerRun), medianCpuMsPerRun: median(r.cpuMsPerRun) }));
}

/** How many times faster `a` is than `b`: the median over rounds of b's time / a's time in the same round. */
export function speedup(a: WindowResult, b: WindowResult): number {
  return median(a.msPerRun.map((ms, i) => b.msPerRun[i]! / ms));
}
