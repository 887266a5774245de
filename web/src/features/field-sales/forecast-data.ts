import type { buildForecast } from '../../../../src/pipeline/forecast.ts';
import { api } from '../../app/api.ts';

type Built = ReturnType<typeof buildForecast>;
/** The forecast of one fiscal period: the total, per owner and per team. */
export type Forecast = Built & { period: { key: string; startDate: string; endDate: string } };
export type ForecastLine = Built['total'];

export const fetchForecast = (period: string | null) => api<Forecast>('/forecast', { query: { period } });

/** A fiscal period key, parsed: FY2026, FY2026-Q3, FY2026-M07. */
export function parsePeriod(key: string): { year: number; quarter?: number; month?: number } | null {
  const m = /^FY(\d{4})(?:-(?:Q([1-4])|M(\d{2})))?$/.exec(key);
  if (!m) return null;
  return {
    year: Number(m[1]),
    ...(m[2] ? { quarter: Number(m[2]) } : {}),
    ...(m[3] ? { month: Number(m[3]) } : {}),
  };
}

/** The calendar year and month (1–12) of month `m` (1–12) of fiscal year `year`. */
export function calendarMonth(year: number, m: number, startMonth: number): { year: number; month: number } {
  const index = startMonth - 1 + m - 1;
  return { year: year + Math.floor(index / 12), month: (index % 12) + 1 };
}

/**
 * The periods to pick from around the one shown: the fiscal years before and after, their
 * quarters, and the months of the shown year.
 */
export function periodChoices(currentKey: string): { years: string[]; quarters: string[]; months: string[] } {
  const year = parsePeriod(currentKey)?.year;
  if (year === undefined) return { years: [], quarters: [], months: [] };
  const around = [year - 1, year, year + 1];
  return {
    years: around.map((y) => `FY${y}`),
    quarters: around.flatMap((y) => [1, 2, 3, 4].map((q) => `FY${y}-Q${q}`)),
    months: Array.from({ length: 12 }, (_, i) => `FY${year}-M${String(i + 1).padStart(2, '0')}`),
  };
}
