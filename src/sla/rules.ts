// SLA rules: when each document a retailer expects is due. On the partner resource (`sla`), with
// defaults in the tenant's settings (`sla`) and built-in defaults under those. A kind set to null
// on the partner switches it off for that partner.
import { z } from "zod";
import type { ObligationKind } from "../db/schema";
import { isTimeZone, type BusinessCalendar } from "./calendar";
import { IsoDuration, parseDurationMs } from "./duration";

const Within = z.object({ within: IsoDuration }).strict();
const DateQualifier = z.string().regex(/^\d{3}$/, "an RSX DateTimeQualifier, three digits (e.g. 038, 001)");
const Fee = z.number().nonnegative().max(1_000_000);

export const SlaSchema = z
  .object({
    /** 855 due this long after the 850 arrived (only for partners that get 855s). */
    "855": Within.nullable().optional(),
    /** 856 due this long after the ERP shipment was confirmed, and (beforeDelivery, default true) before the requested delivery date (002). */
    "856": Within.extend({ beforeDelivery: z.boolean().optional() }).strict().nullable().optional(),
    /** 810 due this long after the shipment. */
    "810": Within.nullable().optional(),
    /** The order must ship by the first of these 850 dates (default 038 ship-no-later, then 001 cancel-after), at the end of that day. */
    ship: z.object({ dates: z.array(DateQualifier).min(1).max(5) }).strict().nullable().optional(),
    /** An obligation is at risk from this long before its due time (default PT2H, at most half its window). */
    warnBefore: IsoDuration.optional(),
    /** Business days: time on weekends and holidays does not count; dates are read in this time zone. */
    calendar: z
      .object({
        excludeWeekends: z.boolean().optional(),
        timeZone: z
          .string()
          .max(64)
          .refine(isTimeZone, "an IANA time zone such as America/Chicago")
          .optional(),
        holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD")).max(100).optional(),
      })
      .strict()
      .optional(),
    /** The partner's fine per incident, by obligation kind, for the scorecard's fines avoided/incurred. */
    fees: z.object({ "855": Fee.optional(), "856": Fee.optional(), "810": Fee.optional(), ship: Fee.optional() }).strict().optional(),
  })
  .strict();
export type Sla = z.infer<typeof SlaSchema>;

/** Built-in defaults, under the tenant's and the partner's rules. */
export const DEFAULT_SLA = {
  "855": { within: "PT24H" },
  "856": { within: "PT4H", beforeDelivery: true },
  "810": { within: "P2D" },
  ship: { dates: ["038", "001"] },
  warnBefore: "PT2H",
} as const satisfies Sla;

export interface EffectiveSla {
  /** Milliseconds per kind (ship: undefined when off). */
  within: Partial<Record<Exclude<ObligationKind, "ship">, number>>;
  beforeDelivery: boolean;
  shipDates: string[] | undefined;
  warnBeforeMs: number;
  calendar: BusinessCalendar | undefined;
  fees: Partial<Record<ObligationKind, number>>;
}

function pick<K extends keyof Sla>(key: K, partner: Sla | undefined, tenant: Sla | undefined): Sla[K] {
  if (partner && key in partner && partner[key] !== undefined) return partner[key];
  if (tenant && key in tenant && tenant[key] !== undefined) return tenant[key];
  return (DEFAULT_SLA as Sla)[key];
}

/** The rules that apply to one partner: its own, else the tenant's, else the defaults (per key). */
export function effectiveSla(partner: Sla | undefined, tenant: Sla | undefined): EffectiveSla {
  const within: EffectiveSla["within"] = {};
  for (const kind of ["855", "856", "810"] as const) {
    const rule = pick(kind, partner, tenant);
    if (rule) within[kind] = parseDurationMs(rule.within);
  }
  const asn = pick("856", partner, tenant);
  const ship = pick("ship", partner, tenant);
  return {
    within,
    beforeDelivery: asn ? asn.beforeDelivery !== false : false,
    shipDates: ship ? ship.dates : undefined,
    warnBeforeMs: parseDurationMs(pick("warnBefore", partner, tenant) ?? DEFAULT_SLA.warnBefore) ?? 2 * 3_600_000,
    calendar: pick("calendar", partner, tenant),
    fees: { ...(tenant?.fees ?? {}), ...(partner?.fees ?? {}) },
  };
}

/** When an obligation with this window turns at risk: warnBefore ahead of due, never before half the window has passed. */
export function warnTime(startsAt: number, dueAt: number, warnBeforeMs: number): number {
  return Math.max(startsAt + Math.floor((dueAt - startsAt) / 2), dueAt - warnBeforeMs);
}
