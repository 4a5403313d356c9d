// A partner's scorecard for a period, pure: documents per kind, on-time rate per obligation kind
// (met ÷ settled, waived and open ones left out), median and p95 lateness of the late ones, invalid
// and rejected counts, fines incurred (missed × fee) and avoided (at risk, then met × fee), and the
// on-time rate per ISO week (Monday, UTC) for the chart. An obligation falls in the period (and week)
// of the moment it was decided: a met one when it was met (often before its due time), any other when
// it was or is due.
import type { ObligationRow } from "../db/obligations";
import { OBLIGATION_KINDS, type ObligationKind } from "./kinds";
import { csvCell } from "../lib/csv-cell";

export interface KindScore {
  kind: ObligationKind;
  total: number;
  met: number;
  missed: number;
  waived: number;
  open: number;
  /** met / (met + missed), null when nothing settled. */
  onTimeRate: number | null;
  /** Over the obligations satisfied late or missed: minutes (missed and never satisfied count up to the period end). */
  medianLatenessMinutes: number | null;
  p95LatenessMinutes: number | null;
  feePerIncident: number | null;
  finesIncurred: number;
  finesAvoided: number;
}

export interface Scorecard {
  partner: string;
  from: string;
  to: string;
  documents: { type: string; direction: string; total: number; invalid: number; rejected: number; failed: number }[];
  obligations: KindScore[];
  totals: { onTimeRate: number | null; finesIncurred: number; finesAvoided: number; invalid: number; rejected: number };
  weeks: { week: string; onTimeRate: number | null; met: number; missed: number }[];
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

function median(sorted: number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const round = (n: number | null, digits = 1) => (n === null ? null : Math.round(n * 10 ** digits) / 10 ** digits);

export function weekOf(ms: number): string {
  const d = new Date(ms);
  const day = (d.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day)).toISOString().slice(0, 10);
}

export function scorecard(
  partner: string,
  from: number,
  to: number,
  rows: ObligationRow[],
  docs: { type: string; direction: string; status: string; n: number }[],
  nowMs: number,
): Scorecard {
  const end = Math.min(to, nowMs);
  const decidedAt = (r: ObligationRow) => (r.state === "met" && r.satisfiedAt !== null ? r.satisfiedAt : r.dueAt);
  rows = rows.filter((r) => decidedAt(r) >= from && decidedAt(r) < to);
  const obligations = OBLIGATION_KINDS.map((kind): KindScore => {
    const mine = rows.filter((r) => r.kind === kind);
    const met = mine.filter((r) => r.state === "met");
    const missed = mine.filter((r) => r.state === "missed");
    const late = missed.map((r) => (r.latenessMs ?? Math.max(0, end - r.dueAt)) / 60_000).sort((a, b) => a - b);
    const fee = mine.find((r) => r.fee !== null)?.fee ?? null;
    const settled = met.length + missed.length;
    return {
      kind,
      total: mine.length,
      met: met.length,
      missed: missed.length,
      waived: mine.filter((r) => r.state === "waived").length,
      open: mine.filter((r) => r.state === "pending" || r.state === "at_risk").length,
      onTimeRate: settled ? round(met.length / settled, 4) : null,
      medianLatenessMinutes: round(median(late)),
      p95LatenessMinutes: round(percentile(late, 95)),
      feePerIncident: fee,
      finesIncurred: (fee ?? 0) * missed.length,
      finesAvoided: (fee ?? 0) * met.filter((r) => r.wasAtRisk).length,
    };
  });
  const byDoc = new Map<string, { type: string; direction: string; total: number; invalid: number; rejected: number; failed: number }>();
  for (const d of docs) {
    const key = `${d.direction}:${d.type}`;
    const row = byDoc.get(key) ?? { type: d.type, direction: d.direction, total: 0, invalid: 0, rejected: 0, failed: 0 };
    row.total += d.n;
    if (d.status === "invalid") row.invalid += d.n;
    if (d.status === "rejected") row.rejected += d.n;
    if (d.status === "failed") row.failed += d.n;
    byDoc.set(key, row);
  }
  const weeks = new Map<string, { met: number; missed: number }>();
  for (const r of rows) {
    if (r.state !== "met" && r.state !== "missed") continue;
    const w = weekOf(decidedAt(r));
    const cell = weeks.get(w) ?? { met: 0, missed: 0 };
    cell[r.state]++;
    weeks.set(w, cell);
  }
  const met = obligations.reduce((n, k) => n + k.met, 0);
  const missed = obligations.reduce((n, k) => n + k.missed, 0);
  const documents = [...byDoc.values()].sort((a, b) => a.direction.localeCompare(b.direction) || a.type.localeCompare(b.type));
  return {
    partner,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    documents,
    obligations,
    totals: {
      onTimeRate: met + missed ? round(met / (met + missed), 4) : null,
      finesIncurred: obligations.reduce((n, k) => n + k.finesIncurred, 0),
      finesAvoided: obligations.reduce((n, k) => n + k.finesAvoided, 0),
      invalid: documents.reduce((n, d) => n + d.invalid, 0),
      rejected: documents.reduce((n, d) => n + d.rejected, 0),
    },
    weeks: [...weeks.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([week, c]) => ({ week, met: c.met, missed: c.missed, onTimeRate: c.met + c.missed ? round(c.met / (c.met + c.missed), 4) : null })),
  };
}


/** One row per obligation kind, then one per document kind. */
export function scorecardCsv(s: Scorecard): string {
  const lines = [
    ["partner", "from", "to", "kind", "total", "met", "missed", "waived", "open", "on_time_rate", "median_lateness_minutes", "p95_lateness_minutes", "fee_per_incident", "fines_incurred", "fines_avoided"].join(","),
    ...s.obligations.map((k) =>
      [s.partner, s.from, s.to, k.kind, k.total, k.met, k.missed, k.waived, k.open, k.onTimeRate, k.medianLatenessMinutes, k.p95LatenessMinutes, k.feePerIncident, k.finesIncurred, k.finesAvoided].map(csvCell).join(","),
    ),
    "",
    ["partner", "from", "to", "direction", "document_type", "documents", "invalid", "rejected", "failed"].join(","),
    ...s.documents.map((d) => [s.partner, s.from, s.to, d.direction, d.type, d.total, d.invalid, d.rejected, d.failed].map(csvCell).join(",")),
  ];
  return `${lines.join("\r\n")}\r\n`;
}
