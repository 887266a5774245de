import { periodContaining } from '../pipeline/fiscal-periods.ts';
import type { RequestContext } from '../platform/context.ts';
import { zonedTime } from '../platform/zoned-time.ts';
import { quotasOfPeriods } from './metrics-store.ts';
import type { Calendar } from './periods.ts';

export interface QuotaAmount {
  period: string;
  ownerUserId: string | null;
  teamId: string | null;
  amountMrr: number;
}

const MONTHS = { month: 1, quarter: 3, year: 12 } as const;

/** The fiscal month, quarter and year holding a local day, most specific first, with their lengths. */
export function periodsHolding(day: string, cal: Calendar): { key: string; months: number }[] {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const at = zonedTime(y, m, d, cal.timeZone);
  return (['month', 'quarter', 'year'] as const).map((g) => ({
    key: periodContaining(at, cal.fiscalYearStartMonth, cal.timeZone, g).key,
    months: MONTHS[g],
  }));
}

/**
 * The New MRR target of a month from the quotas the sales floor plans with: the most
 * specific fiscal period holding the day that has quotas, its total (the sum of owner
 * quotas, else of team quotas, as the forecast totals them) spread over its months.
 */
export function quotaTargetPerMonth(
  quotas: QuotaAmount[],
  periods: { key: string; months: number }[],
): number | null {
  for (const { key, months } of periods) {
    const rows = quotas.filter((q) => q.period === key);
    const owners = rows.filter((q) => q.ownerUserId);
    const counted = owners.length ? owners : rows.filter((q) => q.teamId);
    if (counted.length) return counted.reduce((s, q) => s + q.amountMrr, 0) / months;
  }
  return null;
}

/** A target set in workspace settings (`analytics.targets.newMrrPerMonth`), if any. */
function settingsTarget(settings: unknown): number | null {
  const t = (settings as { analytics?: { targets?: { newMrrPerMonth?: unknown } } } | null)?.analytics
    ?.targets?.newMrrPerMonth;
  return typeof t === 'number' && t > 0 ? t : null;
}

/**
 * The New MRR target per month at a local day: the workspace setting when a RevOps lead set
 * one, else what the quotas of the period add up to; null when neither exists.
 */
export async function newMrrTargetPerMonth(
  ctx: RequestContext,
  cal: Calendar & { settings: unknown },
  day: string,
): Promise<number | null> {
  const set = settingsTarget(cal.settings);
  if (set !== null) return set;
  const periods = periodsHolding(day, cal);
  return quotaTargetPerMonth(
    await quotasOfPeriods(
      ctx,
      periods.map((p) => p.key),
    ),
    periods,
  );
}
