import { describe, expect, it } from 'vitest';
import {
  detectAnomalies,
  detectCapacityOverload,
  detectConversionDrops,
  detectInventoryBuildup,
  detectPipelineHygiene,
  detectSlaBreaches,
  detectSupplyShortage,
  groupHygiene,
  rankFindings,
  twoProportionZ,
} from './bottlenecks.ts';

const value = (stage: string) =>
  ({ lead: 100, mql: 1000, sal: 2000, sql: 5000, opportunity: 20_000 })[stage] ?? null;

describe('bottleneck detectors', () => {
  it('conversion drop: significant with enough sample, silent on noise and small samples', () => {
    const row = (forward: number, exits: number) => ({
      stage: 'mql',
      next: 'sal',
      owningRole: 'mdr',
      current: { forward, exits },
      baseline: { forward: 300, exits: 500 },
    });
    const [drop] = detectConversionDrops([row(20, 100)], value);
    expect(drop?.kind).toBe('conversion_drop');
    expect(drop?.evidence.z as number).toBeLessThan(-1.645);
    expect(drop?.revenueAtStake).toBe(Math.round((0.6 - 0.2) * 100 * 2000));
    expect(detectConversionDrops([row(58, 100)], value)).toEqual([]);
    expect(detectConversionDrops([row(2, 10)], value)).toEqual([]);
    expect(twoProportionZ(50, 100, 50, 100)).toBe(0);
  });

  it('inventory build-up: rising balance with flat out-flow, not when out-flow rises too', () => {
    const s = {
      stage: 'sal',
      owningRole: 'mdr',
      periods: ['2025-04', '2025-05', '2025-06'],
      balance: [40, 55, 80],
      outflow: [30, 30, 28],
      medianDwellHours: [24, 48, 96],
      oldest: [{ type: 'person' as const, id: 'p1' }],
    };
    const [f] = detectInventoryBuildup([s], value);
    expect(f?.revenueAtStake).toBe(40 * 2000);
    expect(f?.affected).toEqual([{ type: 'person', id: 'p1' }]);
    expect(detectInventoryBuildup([{ ...s, outflow: [30, 45, 60] }], value)).toEqual([]);
  });

  it('capacity overload: demand above capacity only', () => {
    const load = {
      role: 'mdr',
      stage: 'mql',
      demand: 120,
      capacity: 80,
      unit: 'MQLs/week vs slots/week',
      members: [],
    };
    expect(detectCapacityOverload([load], value)[0]?.revenueAtStake).toBe(40 * 1000);
    expect(detectCapacityOverload([{ ...load, demand: 60 }], value)).toEqual([]);
    expect(detectCapacityOverload([{ ...load, capacity: null }], value)).toEqual([]);
  });

  it('supply shortage against the plan', () => {
    const [f] = detectSupplyShortage({
      targetNewMrr: 1_000_000,
      mqls: 100,
      mqlToWon: 0.05,
      mrrPerWin: 100_000,
      period: '2025-06',
    });
    expect(f?.evidence.mqlsNeeded).toBe(200);
    expect(f?.revenueAtStake).toBe(500_000);
    expect(
      detectSupplyShortage({ targetNewMrr: null, mqls: 1, mqlToWon: 0.1, mrrPerWin: 1, period: 'x' }),
    ).toEqual([]);
  });

  it('SLA breaches grouped by hand-off kind, most overdue first', () => {
    const [f] = detectSlaBreaches(
      [
        { id: 'h1', kind: 'mql', toRole: 'mdr', stage: 'mql', hoursOverdue: 3 },
        { id: 'h2', kind: 'mql', toRole: 'mdr', stage: 'mql', hoursOverdue: 30 },
      ],
      value,
    );
    expect(f?.affected.map((a) => a.id)).toEqual(['h2', 'h1']);
    expect(f?.revenueAtStake).toBe(2000);
    expect(f?.evidence).toEqual({ handoffKind: 'mql', count: 2, maxHoursOverdue: 30 });
  });

  it('pipeline hygiene by rule', () => {
    const deals = [
      { id: 'o1', amountMrr: 100_000, closeDatePassed: true, daysSinceUpdate: 2, hasNextStep: true },
      { id: 'o2', amountMrr: 50_000, closeDatePassed: false, daysSinceUpdate: 45, hasNextStep: false },
    ];
    const found = detectPipelineHygiene(groupHygiene(deals), 0.25);
    expect(found.map((f) => f.evidence.rule)).toEqual([
      'close date passed',
      'not updated in 30 days',
      'no next step',
    ]);
    expect(found[0]?.revenueAtStake).toBe(25_000);
  });

  it('anomalies outside the control band, and ranking by revenue at stake', () => {
    const values = [...Array.from({ length: 28 }, (_, i) => 50 + (i % 5)), 52, 5, 51];
    const days = values.map((_, i) => `d${i}`);
    const [a] = detectAnomalies(
      [{ kpi: 'leads per day', stage: 'lead', owningRole: 'marketing', days, values }],
      3,
      value,
    );
    expect(a?.affected).toEqual([{ type: 'day', id: 'd29' }]);
    expect(a?.evidence.series).toEqual({ days, values });
    const ranked = rankFindings([
      { ...a!, revenueAtStake: null },
      { ...a!, revenueAtStake: 10 },
      { ...a!, revenueAtStake: 1000 },
    ]);
    expect(ranked.map((f) => f.revenueAtStake)).toEqual([1000, 10, null]);
  });
});
