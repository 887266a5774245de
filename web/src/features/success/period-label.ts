import type { TFunction } from 'i18next';
import type { MrrGrain } from './api.ts';
import { monthLabel } from './month-label.ts';

/** A report period's key (2026-04, FY2026-Q1, FY2026) as the reader says it. */
export function periodLabel(t: TFunction, locale: string, grain: MrrGrain, key: string): string {
  if (grain === 'month') return monthLabel(locale, key);
  const quarter = /^FY(\d{4})-Q([1-4])$/.exec(key);
  if (quarter) return t('success.mrr.quarterLabel', { year: quarter[1], quarter: quarter[2] });
  const year = /^FY(\d{4})$/.exec(key);
  return year ? t('success.mrr.yearLabel', { year: year[1] }) : key;
}
