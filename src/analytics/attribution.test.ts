import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Conversion, creditConversions, MODELS, shapeAttribution, type Touch } from './attribution.ts';

const t = (personId: string, campaignId: string, day: number): Touch => ({
  personId,
  campaignId,
  at: new Date(Date.UTC(2025, 3, day)),
});
const c = (personId: string, outcome: Conversion['outcome'], day: number, amount = 1): Conversion => ({
  personId,
  outcome,
  at: new Date(Date.UTC(2025, 3, day)),
  amount,
});

describe('attribution', () => {
  it('credits first touch, last touch and linear over the touches before the conversion', () => {
    const credit = creditConversions(
      [c('p', 'leads', 5), c('p', 'wonMrr', 20, 90_000), c('q', 'leads', 1)],
      [t('p', 'ads', 1), t('p', 'seminar', 3), t('p', 'email', 10), t('q', 'ads', 2)],
    );
    expect(credit.ads!.leads).toEqual({ firstTouch: 1, lastTouch: 0, linear: 0.5 });
    expect(credit.seminar!.leads).toEqual({ firstTouch: 0, lastTouch: 1, linear: 0.5 });
    expect(credit.email!.wonMrr).toEqual({ firstTouch: 0, lastTouch: 90_000, linear: 30_000 });
    // q converted before any touch: unattributed, not spread.
    expect(credit['']!.leads.linear).toBe(1);
    const shaped = shapeAttribution(credit, [
      { id: 'email', name: 'メール', channel: 'email', cost: 100_000 },
    ]);
    expect(shaped.campaigns[0]!.roi.lastTouch).toBe(9.8);
  });

  it('every model hands out exactly the converted total', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ p: fc.nat(5), k: fc.nat(4), d: fc.nat(30) })),
        fc.array(fc.record({ p: fc.nat(5), d: fc.nat(30), a: fc.nat(1000) })),
        (touches, convs) => {
          const credit = creditConversions(
            convs.map((x) => c(`p${x.p}`, 'wonMrr', x.d, x.a)),
            touches.map((x) => t(`p${x.p}`, `c${x.k}`, x.d)),
          );
          const total = convs.reduce((s, x) => s + x.a, 0);
          for (const m of MODELS) {
            const sum = Object.values(credit).reduce((s, k) => s + k.wonMrr[m], 0);
            expect(sum).toBeCloseTo(total, 6);
          }
        },
      ),
    );
  });
});
