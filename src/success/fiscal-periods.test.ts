import { describe, expect, it } from 'vitest';
import { dayIn, isIsoDay, periodContaining, periodsBetween } from './fiscal-periods.ts';

describe('fiscal periods', () => {
  it('names fiscal years after the year they start in (April start)', () => {
    expect(periodContaining('2026-03-31', 'fiscal_year', 4)).toMatchObject({
      key: 'FY2025',
      from: '2025-04-01',
      to: '2026-04-01',
    });
    expect(periodContaining('2025-11-02', 'quarter', 4)).toMatchObject({
      key: 'FY2025-Q3',
      from: '2025-10-01',
      to: '2026-01-01',
    });
    expect(periodContaining('2025-02-10', 'quarter', 1)).toMatchObject({ key: 'FY2025-Q1' });
  });

  it('covers a range with consecutive periods', () => {
    const months = periodsBetween('2025-01-15', '2025-04-01', 'month', 4);
    expect(months.map((p) => p.key)).toEqual(['2025-01', '2025-02', '2025-03', '2025-04']);
    expect(months[0]!.to).toBe(months[1]!.from);
  });

  it('takes the calendar day in the workspace time zone', () => {
    expect(dayIn(new Date('2025-03-31T15:30:00Z'), 'Asia/Tokyo')).toBe('2025-04-01');
    expect(dayIn(new Date('2025-03-31T15:30:00Z'), 'UTC')).toBe('2025-03-31');
  });

  it('accepts only real calendar days', () => {
    expect(['2025-02-28', '2024-02-29'].map(isIsoDay)).toEqual([true, true]);
    expect(['2025-02-30', '2025-13-01', '2025-4-1', ''].map(isIsoDay)).toEqual([false, false, false, false]);
  });
});
