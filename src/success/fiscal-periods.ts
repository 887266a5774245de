import { TZDate } from '@date-fns/tz';
import { addDays, addMonths, format, isValid, parseISO } from 'date-fns';

/** How MRR movements are grouped: calendar months, fiscal quarters or fiscal years. */
export const PERIOD_GRAINS = ['month', 'quarter', 'fiscal_year'] as const;
export type PeriodGrain = (typeof PERIOD_GRAINS)[number];

/**
 * A period of calendar days in the workspace time zone: `from` included, `to` excluded
 * (both `YYYY-MM-DD`). Fiscal years are named after the calendar year they start in, as
 * Japanese 年度 are (FY2025 = April 2025 – March 2026 with an April start).
 */
export interface Period {
  key: string;
  grain: PeriodGrain;
  from: string;
  to: string;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDay(value: string): boolean {
  if (!ISO_DAY.test(value)) return false;
  const parsed = parseISO(value);
  return isValid(parsed) && format(parsed, 'yyyy-MM-dd') === value;
}

/** The calendar day of an instant in a time zone (`YYYY-MM-DD`). */
export function dayIn(instant: Date, timeZone: string): string {
  return format(new TZDate(instant.getTime(), timeZone), 'yyyy-MM-dd');
}

export function addDaysToDay(day: string, days: number): string {
  return format(addDays(parseISO(day), days), 'yyyy-MM-dd');
}

export function addMonthsToDay(day: string, months: number): string {
  return format(addMonths(parseISO(day), months), 'yyyy-MM-dd');
}

/** The later of two `YYYY-MM-DD` days. */
export function laterDay(a: string, b: string): string {
  return a >= b ? a : b;
}

/** Whole days from `a` to `b` (negative when `b` is earlier). */
export function daysBetween(a: string, b: string): number {
  return Math.round((parseISO(b).getTime() - parseISO(a).getTime()) / 86_400_000);
}

function monthStart(year: number, month: number): string {
  const y = year + Math.floor((month - 1) / 12);
  const m = (((month - 1) % 12) + 12) % 12;
  return `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** The period of one grain that contains `day`. */
export function periodContaining(day: string, grain: PeriodGrain, fiscalYearStartMonth: number): Period {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  if (grain === 'month') {
    return { key: day.slice(0, 7), grain, from: monthStart(year, month), to: monthStart(year, month + 1) };
  }
  const fiscalYear = month >= fiscalYearStartMonth ? year : year - 1;
  const monthsIn = (month - fiscalYearStartMonth + 12) % 12;
  if (grain === 'fiscal_year') {
    return {
      key: `FY${fiscalYear}`,
      grain,
      from: monthStart(fiscalYear, fiscalYearStartMonth),
      to: monthStart(fiscalYear + 1, fiscalYearStartMonth),
    };
  }
  const quarter = Math.floor(monthsIn / 3);
  const firstMonth = fiscalYearStartMonth + quarter * 3;
  return {
    key: `FY${fiscalYear}-Q${quarter + 1}`,
    grain,
    from: monthStart(fiscalYear, firstMonth),
    to: monthStart(fiscalYear, firstMonth + 3),
  };
}

/** The consecutive periods that cover the days `from` … `to` (both included). */
export function periodsBetween(
  from: string,
  to: string,
  grain: PeriodGrain,
  fiscalYearStartMonth: number,
): Period[] {
  const periods: Period[] = [];
  let current = periodContaining(from, grain, fiscalYearStartMonth);
  while (current.from <= to) {
    periods.push(current);
    current = periodContaining(current.to, grain, fiscalYearStartMonth);
  }
  return periods;
}
