// Business time for due dates: when a partner's calendar excludes weekends (and holidays), the time
// on those days does not count, in the partner's time zone. Without a calendar, wall-clock time.
//   addBusinessTime(Fri 16:00, 24 h, weekends excluded) = Mon 16:00 (the clock stops at Sat 00:00
//   and restarts Mon 00:00); a clock that starts on a Sunday starts counting Monday 00:00.

export interface BusinessCalendar {
  excludeWeekends?: boolean | undefined;
  /** IANA time zone of the partner's days (default UTC). */
  timeZone?: string | undefined;
  /** YYYY-MM-DD days that do not count either. */
  holidays?: string[] | undefined;
}

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when the runtime knows the time zone. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface LocalParts {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
}

function localParts(t: number, timeZone: string): LocalParts {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(t))) if (p.type !== "literal") parts[p.type] = Number(p.value);
  return { y: parts.year!, mo: parts.month!, d: parts.day!, h: parts.hour! % 24, mi: parts.minute!, s: parts.second! };
}

/** The zone's offset from UTC at instant t (ms, local − UTC). */
function offsetAt(t: number, timeZone: string): number {
  const p = localParts(t, timeZone);
  return Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s) - Math.floor(t / 1000) * 1000;
}

/** YYYY-MM-DD of instant t in the zone. */
export function localDate(t: number, timeZone = "UTC"): string {
  const p = localParts(t, timeZone);
  return `${p.y}-${String(p.mo).padStart(2, "0")}-${String(p.d).padStart(2, "0")}`;
}

/** The instant a local date-time (YYYY-MM-DD, hh:mm) begins in the zone. */
export function instantOf(date: string, timeZone = "UTC", hour = 0, minute = 0): number {
  const [y, mo, d] = date.split("-").map(Number) as [number, number, number];
  const wall = Date.UTC(y, mo - 1, d, hour, minute);
  let t = wall - offsetAt(wall, timeZone);
  t = wall - offsetAt(t, timeZone);
  return t;
}

function nextLocalMidnight(t: number, timeZone: string): number {
  const p = localParts(t, timeZone);
  const next = new Date(Date.UTC(p.y, p.mo - 1, p.d) + DAY_MS).toISOString().slice(0, 10);
  const m = instantOf(next, timeZone);
  return m > t ? m : t + DAY_MS;
}

function isBusinessDay(t: number, cal: BusinessCalendar, timeZone: string): boolean {
  const date = localDate(t, timeZone);
  if (cal.holidays?.includes(date)) return false;
  if (!cal.excludeWeekends) return true;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** start + ms of business time. */
export function addBusinessTime(start: number, ms: number, cal: BusinessCalendar | undefined): number {
  if (!cal || (!cal.excludeWeekends && !cal.holidays?.length)) return start + ms;
  const timeZone = cal.timeZone ?? "UTC";
  let t = start;
  let remaining = ms;
  // At most a year of days: a calendar with no business day at all cannot loop for ever.
  for (let i = 0; i < 400; i++) {
    const midnight = nextLocalMidnight(t, timeZone);
    if (isBusinessDay(t, cal, timeZone)) {
      if (remaining <= midnight - t) return t + remaining;
      remaining -= midnight - t;
    }
    t = midnight;
  }
  return t + remaining;
}
