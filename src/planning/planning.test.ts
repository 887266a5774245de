import { describe, expect, it } from 'vitest';
import { fiscalPeriodMonths } from '../platform/fiscal-calendar.ts';
import { type Assumptions, assumptionsSchema, lagFromMonths } from './assumptions.ts';
import { capacityPlan } from './capacity.ts';
import { expectedNewMrr, reverseWaterfall } from './funnel-model.ts';
import { constrainedNewMrr, rankLevers } from './levers.ts';
import { histogram, simulatePlan } from './plan-simulation.ts';

const base = (): Assumptions =>
  assumptionsSchema.parse({
    rates: { lead_to_mql: 0.2, mql_to_sql: 0.5, sql_to_opportunity: 0.8, opportunity_to_won: 0.25 },
    lags: {
      lead_to_mql: lagFromMonths(1),
      mql_to_sql: lagFromMonths(0),
      sql_to_opportunity: lagFromMonths(0),
      opportunity_to_won: lagFromMonths(2),
    },
    mrrPerWin: 100_000,
    leadsPerMonth: 1000,
    capacity: {
      is: { headcount: 4, slotsPerWeek: 80, slotsPerMql: 4 },
      ae: { headcount: 5, maxOpenOpportunities: 25 },
      onb: { headcount: 2, maxAccounts: 8, onboardingMonths: 2 },
    },
  });

describe('reverse waterfall', () => {
  it('matches the hand computation with fixed rates and lags', () => {
    // 2,000,000 yen of New MRR in 2026-07 = 20 wins; opportunities 20 / 0.25 = 80 two months
    // earlier (2026-05); SQLs 80 / 0.8 = 100 and MQLs 100 / 0.5 = 200 in 2026-05; leads
    // 200 / 0.2 = 1,000 one month earlier (2026-04).
    const v = reverseWaterfall([{ month: '2026-07', newMrr: 2_000_000 }], base());
    expect(v.won.get('2026-07')).toBeCloseTo(20);
    expect(v.opportunity.get('2026-05')).toBeCloseTo(80);
    expect(v.sql.get('2026-05')).toBeCloseTo(100);
    expect(v.mql.get('2026-05')).toBeCloseTo(200);
    expect(v.lead.get('2026-04')).toBeCloseTo(1000);
    expect([...v.lead.keys()]).toEqual(['2026-04']);
  });

  it('splits a fractional lag over two months without losing volume', () => {
    const a = base();
    a.lags.opportunity_to_won = lagFromMonths(1.5);
    const v = reverseWaterfall([{ month: '2026-07', newMrr: 1_000_000 }], a);
    expect(v.opportunity.get('2026-06')).toBeCloseTo(20);
    expect(v.opportunity.get('2026-05')).toBeCloseTo(20);
  });
});

describe('capacity and headcount', () => {
  it('divides each role’s workload by one member’s capacity and names the binding constraint', () => {
    const a = base();
    const months = fiscalPeriodMonths('FY2026', 4);
    const plan = reverseWaterfall(
      months.map((month) => ({ month, newMrr: 3_000_000 })),
      a,
    );
    const { needs, binding } = capacityPlan(plan, a);
    const is = needs.find((n) => n.role === 'is' && n.month === '2026-04')!;
    // 30 wins → 120 opps → 150 SQLs → 300 MQLs a month; 300 × 4 slots / (80 × 52/12) = 3.46 → 4 people.
    expect(is.workload).toBeCloseTo(300);
    expect(is.needed).toBeCloseTo((300 * 4) / ((80 * 52) / 12));
    expect(is.neededHeadcount).toBe(4);
    const onb = needs.find((n) => n.role === 'onb' && n.month === '2026-07')!;
    // 30 wins × 2 months / 8 accounts = 7.5 → 8 people against 2: the binding constraint.
    expect(onb.needed).toBeCloseTo(7.5);
    expect(onb.gap).toBe(6);
    expect(binding).toBe('onb');
  });

  it('refuses a zero capacity for a role the plan needs, naming it', () => {
    const a = base();
    a.capacity.ae.maxOpenOpportunities = 0;
    expect(() => capacityPlan(reverseWaterfall([{ month: '2026-07', newMrr: 1 }], a), a)).toThrow(/AE/);
  });
});

describe('levers', () => {
  it('ranks the binding capacity first when a role is saturated', () => {
    const months = fiscalPeriodMonths('FY2026', 4);
    const a = base();
    a.capacity.onb.headcount = 1; // 4 onboardings a month while 10 wins would come
    const { baseline, levers } = rankLevers(months, a);
    expect(baseline).toBeCloseTo(12 * 4 * 100_000);
    // Only what acts after the saturated onboarding moves New MRR: its capacity and the deal size.
    expect(
      levers
        .slice(0, 2)
        .map((l) => l.lever)
        .sort(),
    ).toEqual(['mrr_per_win', 'onb_capacity']);
    expect(levers[0]!.changeRatio).toBeCloseTo(0.1);
    expect(levers.find((l) => l.lever === 'leads')!.change).toBeCloseTo(0);
  });

  it('moves New MRR in proportion to a rate when nothing is saturated', () => {
    const months = fiscalPeriodMonths('FY2026', 4);
    const a = base();
    a.capacity = {
      is: { headcount: 99, slotsPerWeek: 80, slotsPerMql: 1 },
      ae: { headcount: 99, maxOpenOpportunities: 99 },
      onb: { headcount: 99, maxAccounts: 99, onboardingMonths: 1 },
    };
    const { baseline, levers } = rankLevers(months, a);
    expect(baseline).toBeCloseTo(expectedNewMrr(months, a));
    expect(levers.find((l) => l.lever === 'mql_to_sql')!.changeRatio).toBeCloseTo(0.1);
    expect(constrainedNewMrr(months, a)).toBeCloseTo(12 * 1000 * 0.2 * 0.5 * 0.8 * 0.25 * 100_000);
  });
});

describe('probability of plan', () => {
  it('is reproducible with a seed', () => {
    const months = fiscalPeriodMonths('FY2026', 4);
    const a = base();
    const x = simulatePlan(months, 20_000_000, a, { runs: 500, seed: 9 });
    const y = simulatePlan(months, 20_000_000, a, { runs: 500, seed: 9 });
    expect(x).toEqual(y);
    expect(x.p10).toBeLessThanOrEqual(x.p50);
    expect(x.p50).toBeLessThanOrEqual(x.p90);
  });

  it('returns the distribution as contiguous bins that hold every run', () => {
    const sim = simulatePlan(fiscalPeriodMonths('FY2026-Q1', 4), 5_000_000, base(), { runs: 2000, seed: 3 });
    expect(sim.histogram.reduce((s, b) => s + b.count, 0)).toBe(2000);
    sim.histogram.slice(1).forEach((b, i) => {
      expect(b.from).toBeCloseTo(sim.histogram[i]!.to);
    });
    expect(histogram([7, 7, 7])).toEqual([{ from: 7, to: 7, count: 3 }]);
    expect(histogram([0, 1, 2, 3], 2)).toEqual([
      { from: 0, to: 1.5, count: 2 },
      { from: 1.5, to: 3, count: 2 },
    ]);
    expect(histogram([])).toEqual([]);
  });

  it('converges to the analytic expectation within 1 % at 100,000 runs', () => {
    const months = fiscalPeriodMonths('FY2026-Q2', 4);
    const a = base();
    a.lags.opportunity_to_won = [0.2, 0.5, 0.3];
    a.mrrPerWinSigma = 0.6;
    const expected = expectedNewMrr(months, a);
    const sim = simulatePlan(months, expected, a, { runs: 100_000, seed: 2026 });
    expect(Math.abs(sim.mean - expected) / expected).toBeLessThan(0.01);
    // A target at the expectation is hit about half the time.
    expect(sim.probabilityOfHit).toBeGreaterThan(0.35);
    expect(sim.probabilityOfHit).toBeLessThan(0.65);
  });
});

describe('assumptions', () => {
  it('refuse rates outside 0–1 and lag distributions that do not sum to 1, naming the field', () => {
    const bad = assumptionsSchema.safeParse({ ...base(), rates: { ...base().rates, mql_to_sql: 1.2 } });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.path).toEqual(['rates', 'mql_to_sql']);
    const lag = assumptionsSchema.safeParse({ ...base(), lags: { ...base().lags, lead_to_mql: [0.5, 0.4] } });
    expect(lag.error!.issues[0]!.path).toEqual(['lags', 'lead_to_mql']);
  });
});
