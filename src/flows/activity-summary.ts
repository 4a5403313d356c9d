// The planner's view of activity, pure: per partner and item, units sold per week over the reported
// periods, the latest on-hand figure, and weeks of supply at the current rate of sale.

export interface PeriodTotalInput {
  partnerId: string;
  itemKey: string;
  erpItemId: string | null;
  measure: string;
  periodStart: string;
  periodEnd: string;
  quantity: number;
}

export interface ItemSummary {
  partnerId: string;
  /** The ERP item id, or the retailer's code when the item is not mapped. */
  item: string;
  mapped: boolean;
  sold: number;
  /** Weeks covered by the periods that reported sales (a period's days / 7). */
  weeks: number;
  soldPerWeek: number | null;
  onHand: number | null;
  onHandAsOf: string | null;
  /** onHand / soldPerWeek; null when nothing sold or no on-hand figure. */
  weeksOfSupply: number | null;
  /** Sold per reported period, oldest first (the chart). */
  series: { periodStart: string; periodEnd: string; sold: number }[];
}

const DAY_MS = 86_400_000;
function daysInclusive(start: string, end: string): number {
  const d = Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / DAY_MS) + 1;
  return Number.isFinite(d) && d > 0 ? d : 1;
}

const round = (n: number, places = 2) => Math.round(n * 10 ** places) / 10 ** places;

export function summarizeActivity(totals: PeriodTotalInput[]): ItemSummary[] {
  const groups = new Map<string, PeriodTotalInput[]>();
  for (const t of totals) {
    const key = `${t.partnerId}\u0000${t.itemKey}`;
    const list = groups.get(key);
    if (list) list.push(t);
    else groups.set(key, [t]);
  }
  const out: ItemSummary[] = [];
  for (const list of groups.values()) {
    const first = list[0]!;
    const sold = list.filter((t) => t.measure === "sold").sort((a, b) => a.periodStart.localeCompare(b.periodStart));
    const onHand = list.filter((t) => t.measure === "on_hand").sort((a, b) => b.periodEnd.localeCompare(a.periodEnd));
    const soldTotal = sold.reduce((n, t) => n + t.quantity, 0);
    const weeks = sold.reduce((n, t) => n + daysInclusive(t.periodStart, t.periodEnd) / 7, 0);
    const perWeek = weeks > 0 ? soldTotal / weeks : null;
    const latest = onHand[0];
    out.push({
      partnerId: first.partnerId,
      item: first.itemKey,
      mapped: first.erpItemId !== null,
      sold: soldTotal,
      weeks: round(weeks),
      soldPerWeek: perWeek === null ? null : round(perWeek),
      onHand: latest?.quantity ?? null,
      onHandAsOf: latest?.periodEnd ?? null,
      weeksOfSupply: latest && perWeek ? round(latest.quantity / perWeek, 1) : null,
      series: sold.map((t) => ({ periodStart: t.periodStart, periodEnd: t.periodEnd, sold: t.quantity })),
    });
  }
  return out.sort((a, b) => a.partnerId.localeCompare(b.partnerId) || b.sold - a.sold || a.item.localeCompare(b.item));
}
