import { TZDate } from '@date-fns/tz';
import { addDays, differenceInCalendarDays } from 'date-fns';
import { zonedDate } from '../platform/zoned-time.ts';

/** The period grains of every report. Fiscal periods follow the workspace's fiscal-year start month. */
export const GRAINS = ['day', 'week', 'month', 'fiscal_quarter', 'fiscal_year'] as const;
export type Grain = (typeof GRAINS)[number];

/** How a workspace counts time: its zone and the month (1-12) its fiscal year starts. */
export interface Calendar {
  timeZone: string;
  fiscalYearStartMonth: number;
}

/** A calendar day in the workspace zone, as `YYYY-MM-DD` (the rollups' bucket). */
export function localDay(at: Date, cal: Calendar): string {
  return zonedDate(at, cal.timeZone);
}

/** The instant a local day starts in the workspace zone. */
export function dayStart(day: string, cal: Calendar): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, 0, 0, 0, cal.timeZone).getTime());
}

function parts(day: string): [number, number, number] {
  return day.split('-').map(Number) as [number, number, number];
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The first day of the period a local day falls in. Weeks start on Monday (ISO); a
 * fiscal year starting in April 2025 is FY2025 and runs to March 2026.
 */
export function periodStart(day: string, grain: Grain, cal: Calendar): string {
  const [y, m, d] = parts(day);
  switch (grain) {
    case 'day':
      return day;
    case 'week': {
      const date = new Date(Date.UTC(y, m - 1, d));
      const back = (date.getUTCDay() + 6) % 7;
      return new Date(date.getTime() - back * 86_400_000).toISOString().slice(0, 10);
    }
    case 'month':
      return `${y}-${pad(m)}-01`;
    case 'fiscal_quarter':
    case 'fiscal_year': {
      const offset = (m - cal.fiscalYearStartMonth + 12) % 12;
      const size = grain === 'fiscal_year' ? 12 : 3;
      const back = offset % size;
      const start = new Date(Date.UTC(y, m - 1 - back, 1));
      return start.toISOString().slice(0, 10);
    }
  }
}

/** The label of a period: `2025-04-07` (day, week start), `2025-04`, `FY2025-Q1`, `FY2025`. */
export function periodLabel(start: string, grain: Grain, cal: Calendar): string {
  const [y, m] = parts(start);
  const fy = m >= cal.fiscalYearStartMonth ? y : y - 1;
  switch (grain) {
    case 'day':
    case 'week':
      return start;
    case 'month':
      return start.slice(0, 7);
    case 'fiscal_quarter': {
      const q = Math.floor(((m - cal.fiscalYearStartMonth + 12) % 12) / 3) + 1;
      return cal.fiscalYearStartMonth === 1 ? `${y}-Q${q}` : `FY${fy}-Q${q}`;
    }
    case 'fiscal_year':
      return cal.fiscalYearStartMonth === 1 ? String(y) : `FY${fy}`;
  }
}

/** The label of the period an instant falls in. */
export function periodOf(at: Date, grain: Grain, cal: Calendar): string {
  return periodLabel(periodStart(localDay(at, cal), grain, cal), grain, cal);
}

/** Every period label from the one holding `fromDay` to the one holding `toDay`, in order. */
export function periodsBetween(fromDay: string, toDay: string, grain: Grain, cal: Calendar): string[] {
  const out: string[] = [];
  const [fy, fm, fd] = parts(fromDay);
  const [ty, tm, td] = parts(toDay);
  const from = new Date(Date.UTC(fy, fm - 1, fd));
  const days = differenceInCalendarDays(new Date(Date.UTC(ty, tm - 1, td)), from);
  let last = '';
  const step = grain === 'day' ? 1 : grain === 'week' ? 7 : 1;
  for (let i = 0; i <= days; i += step) {
    const day = addDays(from, i).toISOString().slice(0, 10);
    const label = periodLabel(periodStart(day, grain, cal), grain, cal);
    if (label !== last) out.push(label);
    last = label;
  }
  if (grain === 'week') {
    const label = periodLabel(periodStart(toDay, grain, cal), grain, cal);
    if (label !== last) out.push(label);
  }
  return out;
}

/** The day before a local day. */
export function previousDay(day: string): string {
  const [y, m, d] = parts(day);
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

/** A local day shifted by whole days. */
export function shiftDay(day: string, days: number): string {
  const [y, m, d] = parts(day);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The spans the rollups are kept at: a cell is counted once per day, ISO week and month. */
export const SPANS = ['day', 'week', 'month'] as const;
export type Span = (typeof SPANS)[number];

/** The first day of the span a local day falls in. */
export function spanStart(day: string, span: Span): string {
  if (span === 'day') return day;
  return periodStart(day, span, { timeZone: 'UTC', fiscalYearStartMonth: 1 });
}

/** The last day of the span starting on `start`. */
export function spanEnd(start: string, span: Span): string {
  if (span === 'day') return start;
  if (span === 'week') return shiftDay(start, 6);
  const [y, m] = parts(start);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** Rollup rows of one span whose start day lies in [from, to]. */
export interface SpanSegment {
  span: Span;
  from: string;
  to: string;
}

/**
 * Which rollup rows cover the local days [from, to] exactly: whole weeks or months
 * inside the range from the coarse rows, the ragged edges from day rows. A report then
 * reads about (months + edge days) rows per stage, however long the history.
 */
export function coverRange(from: string, to: string, grain: Grain): SpanSegment[] {
  const span: Span = grain === 'day' ? 'day' : grain === 'week' ? 'week' : 'month';
  if (span === 'day') return [{ span: 'day', from, to }];
  const firstFull = spanStart(from, span) === from ? from : shiftDay(spanEnd(spanStart(from, span), span), 1);
  const lastStart = spanStart(to, span);
  const lastFull = spanEnd(lastStart, span) === to ? lastStart : spanStart(shiftDay(lastStart, -1), span);
  if (firstFull > lastFull) return [{ span: 'day', from, to }];
  const out: SpanSegment[] = [];
  if (from < firstFull) out.push({ span: 'day', from, to: shiftDay(firstFull, -1) });
  out.push({ span, from: firstFull, to: lastFull });
  const after = shiftDay(spanEnd(lastFull, span), 1);
  if (after <= to) out.push({ span: 'day', from: after, to });
  return out;
}

/** The rollup rows covering every day before `from`: whole months, then the days of from's month. */
export function coverBefore(from: string): SpanSegment[] {
  const month = spanStart(from, 'month');
  const out: SpanSegment[] = [{ span: 'month', from: '0001-01-01', to: shiftDay(month, -1) }];
  if (month < from) out.push({ span: 'day', from: month, to: shiftDay(from, -1) });
  return out;
}
