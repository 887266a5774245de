import { DomainError } from '../platform/errors.ts';
import { zonedParts, zonedTime } from '../platform/zoned-time.ts';

/**
 * A fiscal period: FY2026 (the year), FY2026-Q1 … Q4, FY2026-M01 … M12. A fiscal year is
 * named after the calendar year it starts in (2026年度 starts in April 2026 when the
 * start month is 4). Boundaries are local midnights in the workspace's time zone.
 */
export interface FiscalPeriod {
  key: string;
  /** First local day, YYYY-MM-DD, and the first day after the period. */
  startDate: string;
  endDate: string;
  start: Date;
  end: Date;
}

const PATTERN = /^FY(\d{4})(?:-(Q[1-4]|M(?:0[1-9]|1[0-2])))?$/;

const ymd = (y: number, m: number) => {
  const yy = y + Math.floor((m - 1) / 12);
  const mm = ((m - 1) % 12) + 1;
  return { y: yy, m: mm, text: `${yy}-${String(mm).padStart(2, '0')}-01` };
};

export function fiscalPeriod(key: string, startMonth: number, timeZone: string): FiscalPeriod {
  const match = PATTERN.exec(key);
  if (!match) {
    throw new DomainError('invalid_input', `"${key}" is not a fiscal period.`, [
      { path: 'period', message: 'use FY2026, FY2026-Q1 … Q4 or FY2026-M01 … M12' },
    ]);
  }
  const year = Number(match[1]);
  const part = match[2];
  let offset = 0;
  let months = 12;
  if (part?.startsWith('Q')) {
    offset = (Number(part.slice(1)) - 1) * 3;
    months = 3;
  } else if (part?.startsWith('M')) {
    offset = Number(part.slice(1)) - 1;
    months = 1;
  }
  const from = ymd(year, startMonth + offset);
  const to = ymd(year, startMonth + offset + months);
  return {
    key,
    startDate: from.text,
    endDate: to.text,
    start: zonedTime(from.y, from.m, 1, timeZone),
    end: zonedTime(to.y, to.m, 1, timeZone),
  };
}

/** The fiscal quarter (or year / month) containing `at`. */
export function periodContaining(
  at: Date,
  startMonth: number,
  timeZone: string,
  granularity: 'year' | 'quarter' | 'month' = 'quarter',
): FiscalPeriod {
  const p = zonedParts(at, timeZone);
  const monthsIn = (p.month - startMonth + 12) % 12;
  const fy = p.month >= startMonth ? p.year : p.year - 1;
  const key =
    granularity === 'year'
      ? `FY${fy}`
      : granularity === 'quarter'
        ? `FY${fy}-Q${Math.floor(monthsIn / 3) + 1}`
        : `FY${fy}-M${String(monthsIn + 1).padStart(2, '0')}`;
  return fiscalPeriod(key, startMonth, timeZone);
}
