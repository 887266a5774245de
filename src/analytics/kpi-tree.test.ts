import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildKpiTree, decomposeProduct, type KpiInputs } from './kpi-tree.ts';

const base: KpiInputs = {
  leads: 1000,
  mqls: 200,
  sqls: 80,
  wins: 20,
  newMrr: 2_000_000,
  expansionMrr: null,
  contractionMrr: null,
  churnMrr: 100_000,
};

describe('KPI tree', () => {
  it('its factors multiply to New MRR and their contributions add up to the change', () => {
    const current = { ...base, leads: 1200, mqls: 180, wins: 24, newMrr: 2_640_000 };
    const { method, root } = buildKpiTree(current, base);
    expect(method).toBe('log');
    const newMrr = root.children!.find((n) => n.key === 'newMrr')!;
    const sum = newMrr.children!.reduce((s, n) => s + n.contribution!, 0);
    expect(sum).toBeCloseTo(640_000, 0);
    expect(newMrr.change).toBe(640_000);
    // Missing CS movements are null with a reason, never zero.
    expect(root.value).toBeNull();
    expect(root.children!.find((n) => n.key === 'expansionMrr')!.reason).toMatch(/not recorded/);
  });

  it('adds the CS movements to New MRR for net new MRR, each signed by its effect on revenue', () => {
    const previous = { ...base, expansionMrr: 50_000, contractionMrr: 10_000, churnMrr: 100_000 };
    const current = { ...base, expansionMrr: 80_000, contractionMrr: 30_000, churnMrr: 40_000 };
    const { root } = buildKpiTree(current, previous);
    expect(root.value).toBe(2_000_000 + 80_000 - 30_000 - 40_000);
    expect(root.change).toBe(root.value! - previous.newMrr - 50_000 + 10_000 + 100_000);
    const by = Object.fromEntries(root.children!.map((n) => [n.key, n.contribution]));
    expect(by).toEqual({ newMrr: 0, expansionMrr: 30_000, contractionMrr: -20_000, churnMrr: 60_000 });
    expect(root.contribution).toBe(root.change);
  });

  it('decomposition is exact for any factors, zeros included (sequential substitution)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(50), { minLength: 5, maxLength: 5 }),
        fc.array(fc.nat(50), { minLength: 5, maxLength: 5 }),
        (a, b) => {
          const { parts } = decomposeProduct(a, b);
          const prod = (xs: number[]) => xs.reduce((p, x) => p * x, 1);
          expect(parts.reduce((s, x) => s + x, 0)).toBeCloseTo(prod(a) - prod(b), 4);
        },
      ),
    );
  });
});
