import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bandOf, computeHealth, type HealthInputs, hasSustainedGrowth, netPromoterScore } from './health.ts';
import { DEFAULT_SUCCESS_CONFIG, successConfigSchema } from './success-config.ts';

const health = DEFAULT_SUCCESS_CONFIG.health;
const perfect: HealthInputs = {
  usageEvents: 500,
  activeUsers: 10,
  openTickets: 0,
  npsScores: [10, 9, 10],
  engagements: 4,
  daysToRenewal: 300,
};

describe('health factors', () => {
  it('gives each factor its weight times how far its input reaches the target', () => {
    expect(computeHealth(health, perfect).score).toBe(100);
    // Usage at half the target (30 × 0.5 = 15 lost), 2 of 5 tickets open (15 × 0.4 = 6 lost).
    const r = computeHealth(health, { ...perfect, usageEvents: 100, openTickets: 2 });
    expect(r.score).toBe(79);
    expect(r.factors[0]).toMatchObject({ key: 'usage_events', points: 15, measured: 100 });
    expect(r.factors[1]).toMatchObject({ key: 'support_tickets', points: 9 });
    expect(r.summary).toContain('100 usage events');
  });

  it('counts NPS as promoters minus detractors and treats no answers as neutral', () => {
    expect(netPromoterScore([10, 9, 8, 3])).toBe(25);
    expect(netPromoterScore([])).toBeNull();
    const r = computeHealth(health, { ...perfect, npsScores: [] });
    expect(r.factors.find((f) => f.key === 'nps')).toMatchObject({ fraction: 0.5, points: 7.5 });
  });

  it('scores a near renewal lower and a missing renewal date as no risk', () => {
    const near = computeHealth(health, { ...perfect, daysToRenewal: 30 });
    expect(near.factors.find((f) => f.key === 'days_to_renewal')!.points).toBe(2.5);
    expect(computeHealth(health, { ...perfect, daysToRenewal: null }).score).toBe(100);
  });

  it('reports the trend against the previous score', () => {
    expect(computeHealth(health, perfect, 80).trend).toBe(20);
    expect(computeHealth(health, perfect).trend).toBeNull();
  });

  it('property: the score stays within 0…100 and the points add up', () => {
    fc.assert(
      fc.property(
        fc.record({
          usageEvents: fc.nat(10_000),
          activeUsers: fc.nat(100),
          openTickets: fc.nat(50),
          npsScores: fc.array(fc.integer({ min: 0, max: 10 }), { maxLength: 20 }),
          engagements: fc.nat(30),
          daysToRenewal: fc.option(fc.integer({ min: -30, max: 800 })),
        }),
        (inputs) => {
          const r = computeHealth(health, inputs);
          expect(r.score).toBeGreaterThanOrEqual(0);
          expect(r.score).toBeLessThanOrEqual(100);
          const sum = r.factors.reduce((s, f) => s + f.weight * f.fraction, 0);
          expect(r.score).toBe(Math.round(sum));
          expect(r.band).toBe(bandOf(r.score, health));
        },
      ),
    );
  });
});

describe('health thresholds', () => {
  it('0–50 is red, 51–75 yellow, 76–100 green', () => {
    expect([0, 50, 51, 75, 76, 100].map((s) => bandOf(s, health))).toEqual([
      'red',
      'red',
      'yellow',
      'yellow',
      'green',
      'green',
    ]);
  });

  it('refuses factor weights that do not sum to 100, naming the field', () => {
    const result = successConfigSchema.safeParse({
      ...DEFAULT_SUCCESS_CONFIG,
      health: {
        ...health,
        factors: [
          { key: 'nps', weight: 60 },
          { key: 'usage_events', weight: 30 },
        ],
      },
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]).toMatchObject({
      path: ['health', 'factors'],
      message: 'the factor weights must sum to 100; they sum to 90',
    });
  });
});

describe('usage growth signal', () => {
  const growth = DEFAULT_SUCCESS_CONFIG.growth;
  it('needs every recent window up by the minimum growth', () => {
    expect(hasSustainedGrowth([100, 130, 160, 200], growth)).toBe(true);
    expect(hasSustainedGrowth([100, 130, 140, 200], growth)).toBe(false);
    expect(hasSustainedGrowth([10, 13, 16, 20], growth)).toBe(false);
    expect(hasSustainedGrowth([130, 160, 200], growth)).toBe(false);
  });
});
