import { describe, expect, it } from 'vitest';
import { periodsHolding, quotaTargetPerMonth } from './targets.ts';

const cal = { timeZone: 'Asia/Tokyo', fiscalYearStartMonth: 4 };
const q = (period: string, amountMrr: number, who: 'owner' | 'team' = 'owner') => ({
  period,
  ownerUserId: who === 'owner' ? `u-${period}-${amountMrr}` : null,
  teamId: who === 'team' ? `t-${period}-${amountMrr}` : null,
  amountMrr,
});

describe('the New MRR target from quotas', () => {
  it('names the fiscal month, quarter and year of a local day (April start)', () => {
    expect(periodsHolding('2026-12-02', cal)).toEqual([
      { key: 'FY2026-M09', months: 1 },
      { key: 'FY2026-Q3', months: 3 },
      { key: 'FY2026', months: 12 },
    ]);
    expect(periodsHolding('2027-03-31', cal)[1]).toEqual({ key: 'FY2026-Q4', months: 3 });
  });

  it('spreads the most specific period with quotas over its months, owners before teams', () => {
    const periods = periodsHolding('2026-12-02', cal);
    // Five AEs' quarter quotas: 2 × 1.8M + 3 × 0.7M = 5.7M a quarter → 1.9M a month.
    const quarter = [
      q('FY2026-Q3', 1_800_000),
      q('FY2026-Q3', 1_800_000),
      ...[1, 2, 3].map(() => q('FY2026-Q3', 700_000)),
    ];
    expect(quotaTargetPerMonth(quarter, periods)).toBeCloseTo(1_900_000);
    // Team quotas count only when no owner has one; a month quota beats the quarter.
    expect(quotaTargetPerMonth([q('FY2026-Q3', 900_000, 'team')], periods)).toBe(300_000);
    expect(quotaTargetPerMonth([...quarter, q('FY2026-Q3', 9_000_000, 'team')], periods)).toBeCloseTo(
      1_900_000,
    );
    expect(quotaTargetPerMonth([...quarter, q('FY2026-M09', 2_500_000)], periods)).toBe(2_500_000);
    expect(quotaTargetPerMonth([q('FY2026', 24_000_000, 'team')], periods)).toBe(2_000_000);
    expect(quotaTargetPerMonth([q('FY2025-Q3', 1_000_000)], periods)).toBeNull();
  });
});
