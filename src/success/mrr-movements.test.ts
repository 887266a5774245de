import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDaysToDay, type PeriodGrain, periodsBetween } from './fiscal-periods.ts';
import { computeMrrMovements, type MrrChange, mrrOn } from './mrr-movements.ts';

const day0 = '2024-01-01';

/** Any sequence of subscription changes over two years for a handful of accounts. */
const changeLog = fc.array(
  fc.record({
    account: fc.integer({ min: 0, max: 5 }),
    sub: fc.integer({ min: 0, max: 2 }),
    offset: fc.integer({ min: 0, max: 730 }),
    mrr: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5_000_000 })),
  }),
  { maxLength: 60 },
);

const toChanges = (log: { account: number; sub: number; offset: number; mrr: number }[]): MrrChange[] =>
  log.map((c) => ({
    accountId: `a${c.account}`,
    subscriptionId: `a${c.account}-s${c.sub}`,
    effectiveOn: addDaysToDay(day0, c.offset),
    mrr: c.mrr,
  }));

describe('MRR movements', () => {
  it('property: the bridge holds exactly per period, GRR never exceeds 100 %, periods chain', () => {
    fc.assert(
      fc.property(
        changeLog,
        fc.constantFrom<PeriodGrain>('month', 'quarter', 'fiscal_year'),
        fc.integer({ min: 1, max: 12 }),
        (log, grain, fyStart) => {
          const changes = toChanges(log);
          const periods = periodsBetween('2023-11-15', '2026-02-01', grain, fyStart);
          const rows = computeMrrMovements(changes, periods);
          rows.forEach((r, i) => {
            expect(r.end).toBe(r.start + r.new + r.expansion + r.reactivation - r.contraction - r.churn);
            for (const v of [r.new, r.expansion, r.reactivation, r.contraction, r.churn]) {
              expect(v).toBeGreaterThanOrEqual(0);
            }
            if (r.grr !== null) {
              expect(r.grr).toBeLessThanOrEqual(1);
              expect(r.grr).toBeGreaterThanOrEqual(0);
              expect(r.nrr!).toBeGreaterThanOrEqual(r.grr);
            } else expect(r.start).toBe(0);
            // An independent oracle: the balance on the day before each boundary.
            expect(r.start).toBe(mrrOn(changes, addDaysToDay(r.period.from, -1)));
            expect(r.end).toBe(mrrOn(changes, addDaysToDay(r.period.to, -1)));
            expect(r.arr).toBe(r.end * 12);
            expect(r.logosChurned).toBeLessThanOrEqual(r.logosStart);
            if (i > 0) expect(r.start).toBe(rows[i - 1]!.end);
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('classifies new, expansion, contraction, churn and reactivation (the worked example)', () => {
    const changes: MrrChange[] = [
      { accountId: 'A', subscriptionId: 'A1', effectiveOn: '2025-03-10', mrr: 100_000 },
      { accountId: 'B', subscriptionId: 'B1', effectiveOn: '2025-02-01', mrr: 50_000 },
      { accountId: 'C', subscriptionId: 'C1', effectiveOn: '2025-01-01', mrr: 80_000 },
      { accountId: 'D', subscriptionId: 'D1', effectiveOn: '2024-06-01', mrr: 30_000 },
      { accountId: 'D', subscriptionId: 'D1', effectiveOn: '2024-12-01', mrr: 0 },
      // April: A adds a second plan, B downgrades, C churns, D comes back, E is new.
      { accountId: 'A', subscriptionId: 'A2', effectiveOn: '2025-04-15', mrr: 20_000 },
      { accountId: 'B', subscriptionId: 'B1', effectiveOn: '2025-04-01', mrr: 40_000 },
      { accountId: 'C', subscriptionId: 'C1', effectiveOn: '2025-04-30', mrr: 0 },
      { accountId: 'D', subscriptionId: 'D2', effectiveOn: '2025-04-20', mrr: 35_000 },
      { accountId: 'E', subscriptionId: 'E1', effectiveOn: '2025-04-05', mrr: 60_000 },
    ];
    const [april] = computeMrrMovements(changes, periodsBetween('2025-04-01', '2025-04-30', 'month', 4));
    expect(april).toMatchObject({
      start: 230_000,
      new: 60_000,
      expansion: 20_000,
      reactivation: 35_000,
      contraction: 10_000,
      churn: 80_000,
      end: 255_000,
      logosStart: 3,
      logosChurned: 1,
      logosEnd: 4,
      arr: 3_060_000,
    });
    expect(april!.grr).toBeCloseTo(140_000 / 230_000);
    expect(april!.nrr).toBeCloseTo(160_000 / 230_000);
  });

  it('counts a plan swap on one account as expansion, not churn plus new', () => {
    const changes: MrrChange[] = [
      { accountId: 'A', subscriptionId: 'basic', effectiveOn: '2025-01-01', mrr: 10_000 },
      { accountId: 'A', subscriptionId: 'basic', effectiveOn: '2025-02-10', mrr: 0 },
      { accountId: 'A', subscriptionId: 'pro', effectiveOn: '2025-02-10', mrr: 30_000 },
    ];
    const [feb] = computeMrrMovements(changes, periodsBetween('2025-02-01', '2025-02-01', 'month', 4));
    expect(feb).toMatchObject({ start: 10_000, expansion: 20_000, churn: 0, new: 0, end: 30_000 });
  });

  it('rejects negative MRR', () => {
    expect(() =>
      computeMrrMovements(
        [{ accountId: 'A', subscriptionId: 'x', effectiveOn: '2025-01-01', mrr: -1 }],
        periodsBetween('2025-01-01', '2025-01-01', 'month', 4),
      ),
    ).toThrow(/non-negative/);
  });
});
