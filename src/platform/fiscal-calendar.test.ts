import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fiscalPeriodMonths, fiscalYearOf, monthIndex, monthOf } from './fiscal-calendar.ts';

describe('fiscal calendar', () => {
  it('names fiscal years by their start year (Japan: April)', () => {
    const fy = fiscalPeriodMonths('FY2026', 4);
    expect(fy[0]).toBe('2026-04');
    expect(fy[11]).toBe('2027-03');
    expect(fiscalPeriodMonths('FY2026-Q4', 4)).toEqual(['2027-01', '2027-02', '2027-03']);
    expect(fiscalPeriodMonths('FY2026', 1)[0]).toBe('2026-01');
    expect(fiscalPeriodMonths('2026-07', 4)).toEqual(['2026-07']);
  });

  it('puts every month of a fiscal year back in that year', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2100 }), fc.integer({ min: 1, max: 12 }), (year, start) => {
        for (const m of fiscalPeriodMonths(`FY${year}`, start))
          expect(fiscalYearOf(m, start)).toBe(`FY${year}`);
      }),
    );
    fc.assert(fc.property(fc.integer({ min: 12_000, max: 119_999 }), (i) => monthIndex(monthOf(i)) === i));
  });

  it('refuses what is not a period', () => {
    expect(() => fiscalPeriodMonths('2026', 4)).toThrow(/not a period/);
    expect(() => fiscalPeriodMonths('FY2026-Q5', 4)).toThrow(/not a period/);
    expect(() => fiscalPeriodMonths('2026-13', 4)).toThrow(/not a period/);
  });
});
