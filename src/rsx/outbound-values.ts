// Value rules shared by the outbound builders: RSX dates are YYYY-MM-DD and times HH:MM:SS (sps-commerce.md
// §3.1), money is rounded to cents, and dates move by whole days without any clock.
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;

export function isRsxDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

export function isRsxTime(value: string): boolean {
  return TIME.test(value);
}

/** Collects "field: must be a date" style reasons for optional date/time inputs. */
export function checkDateTimes(checks: Array<[label: string, value: string | undefined, kind: "date" | "time"]>, reasons: string[]): void {
  for (const [label, value, kind] of checks) {
    if (value === undefined) continue;
    if (kind === "date" && !isRsxDate(value)) reasons.push(`${label} "${value}" is not a date in YYYY-MM-DD form.`);
    if (kind === "time" && !isRsxTime(value)) reasons.push(`${label} "${value}" is not a time in HH:MM:SS form.`);
  }
}

/** YYYY-MM-DD plus whole days (the date must be valid). */
export function addDays(date: string, days: number): string {
  const m = DATE.exec(date);
  if (!m || !isRsxDate(date)) throw new Error(`addDays: "${date}" is not a YYYY-MM-DD date`);
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days));
  return d.toISOString().slice(0, 10);
}

/** Rounds an amount to cents, half away from zero, without binary-float surprises (1.005 → 1.01). */
export function roundMoney(amount: number): number {
  const sign = amount < 0 ? -1 : 1;
  return (sign * Math.round(Number(`${Math.abs(amount)}e2`))) / 100;
}

export function isPositiveQuantity(value: number): boolean {
  return Number.isFinite(value) && value > 0;
}
