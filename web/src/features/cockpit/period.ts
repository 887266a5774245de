/** The period grains the cockpit offers (the API's `by`). */
export const GRAINS = ['month', 'fiscal_quarter', 'fiscal_year'] as const;
export type Grain = (typeof GRAINS)[number];

/** One reporting period: its first and last local day, and where its data stops (today while it runs). */
export interface Period {
  grain: Grain;
  start: string;
  end: string;
  /** `to` for the API: the period's last day, or today while the period is running. */
  to: string;
  current: boolean;
  /** The fiscal year (named after the calendar year it starts in) and quarter, for labels. */
  fiscalYear: number;
  quarter: number;
}

const SIZE: Record<Grain, number> = { month: 1, fiscal_quarter: 3, fiscal_year: 12 };
const pad = (n: number) => String(n).padStart(2, '0');

function monthStart(year: number, month0: number): string {
  const d = new Date(Date.UTC(year, month0, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-01`;
}

function lastDay(year: number, month0: number): string {
  return new Date(Date.UTC(year, month0 + 1, 0)).toISOString().slice(0, 10);
}

/** Today as a local day (YYYY-MM-DD) in a time zone. */
export function localToday(timeZone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** The period of a grain holding a local day, in a workspace whose fiscal year starts in `fyStart` (1-12). */
export function periodOf(day: string, grain: Grain, fyStart: number, today: string): Period {
  const [y, m] = day.split('-').map(Number) as [number, number];
  const offset = (m - fyStart + 12) % 12;
  const back = grain === 'month' ? 0 : offset % SIZE[grain];
  const startDate = new Date(Date.UTC(y, m - 1 - back, 1));
  const sy = startDate.getUTCFullYear();
  const sm = startDate.getUTCMonth();
  const start = monthStart(sy, sm);
  const end = lastDay(sy, sm + SIZE[grain] - 1);
  const fiscalYear = sm + 1 >= fyStart ? sy : sy - 1;
  const quarter = Math.floor(((sm + 1 - fyStart + 12) % 12) / 3) + 1;
  const current = start <= today && today <= end;
  return { grain, start, end, to: current ? today : end, current, fiscalYear, quarter };
}

/** The period `n` periods before (negative: after) the one given. */
export function shiftPeriod(p: Period, n: number, fyStart: number, today: string): Period {
  const [y, m] = p.start.split('-').map(Number) as [number, number];
  return periodOf(monthStart(y, m - 1 - n * SIZE[p.grain]), p.grain, fyStart, today);
}

/** The current period and the `count − 1` before it, newest first. */
export function recentPeriods(grain: Grain, fyStart: number, today: string, count: number): Period[] {
  const now = periodOf(today, grain, fyStart, today);
  return Array.from({ length: count }, (_, i) => shiftPeriod(now, i, fyStart, today));
}

/** How many periods of each grain the picker offers. */
export const PICKER_DEPTH: Record<Grain, number> = { month: 12, fiscal_quarter: 8, fiscal_year: 3 };

/** The API's label of a period (`2025-06`, `FY2025-Q1`, `FY2025`; `2025-Q1`, `2025` with a January start). */
export function apiLabel(p: Period, fyStart: number): string {
  if (p.grain === 'month') return p.start.slice(0, 7);
  const fy = fyStart === 1 ? String(p.fiscalYear) : `FY${p.fiscalYear}`;
  return p.grain === 'fiscal_year' ? fy : `${fy}-Q${p.quarter}`;
}

/** Reads `by` and `from` (a period's first day) from the URL; falls back to the current month. */
export function periodFromSearch(params: URLSearchParams, fyStart: number, today: string): Period {
  const by = params.get('by');
  const grain: Grain = (GRAINS as readonly string[]).includes(by ?? '') ? (by as Grain) : 'month';
  const from = params.get('from');
  const day = from && /^\d{4}-\d{2}-\d{2}$/.test(from) && from <= today ? from : today;
  return periodOf(day, grain, fyStart, today);
}
