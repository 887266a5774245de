import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boardColumns } from './board.ts';
import { OPEN_PHASES } from './pipeline-settings.ts';

describe('boardColumns', () => {
  it('lists every phase in order, with zeros where nothing matched', () => {
    const columns = boardColumns([
      { phase: 'evaluation', count: 2, amountMrr: 300_000, amountTimesProbability: 300_000 * 40 },
    ]);
    expect(columns.map((c) => c.phase)).toEqual([...OPEN_PHASES, 'won', 'lost']);
    expect(columns[2]).toEqual({ phase: 'evaluation', count: 2, amountMrr: 300_000, weighted: 120_000 });
    expect(columns[0]).toEqual({ phase: 'qualification', count: 0, amountMrr: 0, weighted: 0 });
  });

  it('never weighs a column above its MRR', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 0, max: 100 }), (mrr, p) => {
        const [col] = boardColumns([
          { phase: 'qualification', count: 1, amountMrr: mrr, amountTimesProbability: mrr * p },
        ]);
        return col!.weighted <= mrr && col!.weighted >= 0;
      }),
    );
  });
});
