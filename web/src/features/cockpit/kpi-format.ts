import type { Formatters } from '../../app/formatters.ts';

/** How a KPI node's value reads: money (yen), a count, or a rate. */
export type KpiUnit = 'money' | 'count' | 'rate';

const RATES = new Set(['rLeadToMql', 'rMqlToSql', 'rSqlToWon']);

export const unitOf = (key: string): KpiUnit =>
  RATES.has(key) ? 'rate' : key === 'leads' ? 'count' : 'money';

/** The node's value in its unit (money rounded to the currency's unit: MRR per win is a mean). */
export function formatValue(fmt: Formatters, key: string, value: number): string {
  const unit = unitOf(key);
  if (unit === 'rate') return fmt.percent(value);
  if (unit === 'count') return fmt.number(value);
  return fmt.money(Math.round(value));
}

const sign = (n: number) => (n > 0 ? '+' : n < 0 ? '−' : '±');

/** A signed money amount (contributions and changes). */
export const signedMoney = (fmt: Formatters, n: number) => `${sign(n)}${fmt.money(Math.abs(Math.round(n)))}`;

/** The change of a node: money and counts signed; rates in percentage points. */
export function formatChange(fmt: Formatters, key: string, change: number, points: string): string {
  const unit = unitOf(key);
  if (unit === 'rate') {
    return `${sign(change)}${fmt.number(Math.round(Math.abs(change) * 1000) / 10)} ${points}`;
  }
  if (unit === 'count') return `${sign(change)}${fmt.number(Math.abs(change))}`;
  return signedMoney(fmt, change);
}

/** The relative change (+12.3 %), or null when there was nothing before. */
export function relativeChange(fmt: Formatters, value: number, previous: number): string | null {
  if (previous === 0) return null;
  const r = (value - previous) / Math.abs(previous);
  return `${sign(r)}${fmt.percent(Math.abs(r))}`;
}
