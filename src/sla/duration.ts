// ISO 8601 durations as SLA rules give them ("PT30M", "P2D", "P1DT12H", "P1W"): parsed to
// milliseconds. Years and months are refused (their length depends on the calendar); seconds may
// carry a fraction. Every SLA duration is at least one minute.
import { z } from "zod";

const PATTERN = /^P(?!$)(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

export const MINUTE_MS = 60_000;

/** Milliseconds of an ISO 8601 duration of weeks, days, hours, minutes and seconds; undefined if not one. */
export function parseDurationMs(text: string): number | undefined {
  const m = PATTERN.exec(text);
  if (!m) return undefined;
  const [, w, d, h, min, s] = m;
  const ms =
    (Number(w ?? 0) * 7 * 24 + Number(d ?? 0) * 24 + Number(h ?? 0)) * 3_600_000 + Number(min ?? 0) * MINUTE_MS + Math.round(Number(s ?? 0) * 1000);
  return Number.isFinite(ms) ? ms : undefined;
}

/** A duration field of the SLA rules: ISO 8601, at least one minute, at most 90 days. */
export const IsoDuration = z
  .string()
  .max(40)
  .superRefine((v, ctx) => {
    if (/^P[^T]*[YM]/.test(v)) {
      ctx.addIssue({ code: "custom", message: `${v}: years and months are not accepted (their length varies); use days or weeks, e.g. P30D` });
      return;
    }
    const ms = parseDurationMs(v);
    if (ms === undefined) {
      ctx.addIssue({ code: "custom", message: `${JSON.stringify(v)} is not an ISO 8601 duration such as PT30M, PT24H, P2D or P1DT12H` });
      return;
    }
    if (ms < MINUTE_MS) ctx.addIssue({ code: "custom", message: `${v} is shorter than the one-minute minimum` });
    if (ms > 90 * 24 * 3_600_000) ctx.addIssue({ code: "custom", message: `${v} is longer than the 90-day maximum` });
  });

/** "2 h 30 min", "3 d 4 h", "45 s": a lateness or window in words. */
export function describeMs(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < MINUTE_MS) return `${Math.round(abs / 1000)} s`;
  const minutes = Math.round(abs / MINUTE_MS);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  return [d ? `${d} d` : "", h ? `${h} h` : "", m && d === 0 ? `${m} min` : ""].filter(Boolean).join(" ") || "0 min";
}
