import { z } from 'zod';
import type { RequestContext } from '../platform/context.ts';
import { invalid } from '../platform/errors.ts';
import { assertMayReadRevenue } from './customer-scope.ts';
import {
  addDaysToDay,
  addMonthsToDay,
  dayIn,
  PERIOD_GRAINS,
  type PeriodGrain,
  periodContaining,
  periodsBetween,
} from './fiscal-periods.ts';
import { computeMrrMovements, type MrrPeriod } from './mrr-movements.ts';
import { parseInput } from './parse-input.ts';
import { listMrrChanges, workspaceCalendar } from './store.ts';
import { isoDay } from './subscriptions.ts';

export const mrrReportQuerySchema = z.strictObject({
  from: isoDay.optional(),
  to: isoDay.optional(),
  by: z.enum(PERIOD_GRAINS).default('month'),
});
export type MrrReportQuery = z.input<typeof mrrReportQuerySchema>;

export interface MrrReport {
  by: PeriodGrain;
  timeZone: string;
  fiscalYearStartMonth: number;
  currency: 'JPY';
  periods: (Omit<MrrPeriod, 'period'> & { period: string; from: string; to: string })[];
}

const DEFAULT_SPAN: Record<PeriodGrain, number> = { month: 11, quarter: 9, fiscal_year: 24 };

/**
 * The MRR bridge per month, fiscal quarter or fiscal year in the workspace's time zone
 * and fiscal calendar (default: the last 12 months, 4 quarters or 3 fiscal years up to
 * today). `to` in each period is its last day.
 */
export async function reportMrr(ctx: RequestContext, raw: MrrReportQuery = {}): Promise<MrrReport> {
  const q = parseInput(mrrReportQuerySchema, raw, 'The report query');
  await assertMayReadRevenue(ctx);
  const { timeZone, fiscalYearStartMonth } = await workspaceCalendar(ctx);
  const to = q.to ?? dayIn(ctx.now(), timeZone);
  const from =
    q.from ?? periodContaining(addMonthsToDay(to, -DEFAULT_SPAN[q.by]), q.by, fiscalYearStartMonth).from;
  if (from > to) throw invalid('to', `The end (${to}) is before the start (${from}).`);
  const periods = periodsBetween(from, to, q.by, fiscalYearStartMonth);
  if (periods.length > 240) throw invalid('from', `That is ${periods.length} periods; ask for 240 or fewer.`);
  const changes = await listMrrChanges(ctx, periods.at(-1)!.to);
  return {
    by: q.by,
    timeZone,
    fiscalYearStartMonth,
    currency: 'JPY',
    periods: computeMrrMovements(changes, periods).map(({ period, ...row }) => ({
      period: period.key,
      from: period.from,
      to: addDaysToDay(period.to, -1),
      ...row,
    })),
  };
}
