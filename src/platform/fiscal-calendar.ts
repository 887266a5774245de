import { DomainError } from './errors.ts';

/** A calendar month, `YYYY-MM`. */
export type Month = string;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function monthIndex(month: Month): number {
  const m = MONTH.exec(month);
  if (!m)
    throw new DomainError('invalid_input', `"${month}" is not a month.`, [
      { path: 'period', message: 'use YYYY-MM' },
    ]);
  return Number(m[1]) * 12 + Number(m[2]) - 1;
}

export function monthOf(index: number): Month {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * The months of a fiscal period. A fiscal year is named by the calendar year it starts in
 * (FY2026 with an April start is 2026-04 … 2027-03, Japan's 2026年度); quarters are
 * FY2026-Q1 … Q4; a plain month is itself.
 */
export function fiscalPeriodMonths(period: string, fiscalYearStartMonth: number): Month[] {
  const fy = /^FY(\d{4})(?:-Q([1-4]))?$/.exec(period);
  if (fy) {
    const start = Number(fy[1]) * 12 + (fiscalYearStartMonth - 1) + (fy[2] ? (Number(fy[2]) - 1) * 3 : 0);
    const length = fy[2] ? 3 : 12;
    return Array.from({ length }, (_, i) => monthOf(start + i));
  }
  if (MONTH.test(period)) return [period];
  throw new DomainError('invalid_input', `"${period}" is not a period of the fiscal calendar.`, [
    { path: 'period', message: 'use FY2026, FY2026-Q1 or 2026-04' },
  ]);
}

/** The fiscal year a month belongs to, e.g. 2027-03 → FY2026 with an April start. */
export function fiscalYearOf(month: Month, fiscalYearStartMonth: number): string {
  const i = monthIndex(month) - (fiscalYearStartMonth - 1);
  return `FY${Math.floor(i / 12)}`;
}
