import { describe, expect, it } from 'vitest';
import { apiLabel, localToday, periodFromSearch, periodOf, recentPeriods, shiftPeriod } from './period.ts';

const today = '2026-05-14';

describe('cockpit periods', () => {
  it('finds months, fiscal quarters and fiscal years with an April start', () => {
    expect(periodOf('2026-05-14', 'month', 4, today)).toMatchObject({
      start: '2026-05-01',
      end: '2026-05-31',
      to: today,
      current: true,
    });
    const q = periodOf('2026-02-10', 'fiscal_quarter', 4, today);
    expect(q).toMatchObject({ start: '2026-01-01', end: '2026-03-31', to: '2026-03-31', current: false });
    expect(apiLabel(q, 4)).toBe('FY2025-Q4');
    const y = periodOf('2026-05-14', 'fiscal_year', 4, today);
    expect(y).toMatchObject({ start: '2026-04-01', end: '2027-03-31', fiscalYear: 2026 });
    expect(apiLabel(y, 4)).toBe('FY2026');
    expect(apiLabel(periodOf('2026-05-14', 'fiscal_year', 1, today), 1)).toBe('2026');
  });

  it('steps back across year ends', () => {
    const jan = periodOf('2026-01-20', 'month', 4, today);
    expect(shiftPeriod(jan, 1, 4, today).start).toBe('2025-12-01');
    expect(recentPeriods('fiscal_quarter', 4, today, 3).map((p) => apiLabel(p, 4))).toEqual([
      'FY2026-Q1',
      'FY2025-Q4',
      'FY2025-Q3',
    ]);
  });

  it('reads the URL, refusing the future and unknown grains', () => {
    const p = periodFromSearch(new URLSearchParams('by=fiscal_quarter&from=2025-10-01'), 4, today);
    expect(apiLabel(p, 4)).toBe('FY2025-Q3');
    expect(periodFromSearch(new URLSearchParams('by=decade&from=2099-01-01'), 4, today).start).toBe(
      '2026-05-01',
    );
  });

  it('knows today in the workspace zone', () => {
    expect(localToday('Asia/Tokyo', new Date('2026-03-31T16:00:00Z'))).toBe('2026-04-01');
  });
});
