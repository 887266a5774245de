import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cellDeltas,
  type DealState,
  dealCells,
  dealKey,
  type HandoffState,
  handoffCells,
  handoffKey,
} from './outcomes.ts';

const cal = { timeZone: 'Asia/Tokyo', fiscalYearStartMonth: 4 };
const deal = (o: Partial<DealState>): DealState => ({
  type: 'new',
  phase: 'won',
  closedAt: new Date('2026-03-31T15:30:00Z'),
  amountMrr: 100_000,
  ...o,
});

describe('closed-deal cells', () => {
  it('count a won or lost deal once on the local day it closed; an open or undated deal nowhere', () => {
    // 00:30 on 1 April in Tokyo.
    expect(dealCells(deal({}), cal)).toEqual([
      { day: '2026-04-01', type: 'new', outcome: 'won', n: 1, mrr: 100_000 },
    ]);
    expect(dealCells(deal({ phase: 'lost' }), cal)[0]?.outcome).toBe('lost');
    expect(dealCells(deal({ phase: 'negotiation' }), cal)).toEqual([]);
    expect(dealCells(deal({ closedAt: null }), cal)).toEqual([]);
  });

  it('move by the difference of a write: a re-priced win moves only its MRR', () => {
    const before = deal({});
    const after = deal({ amountMrr: 130_000 });
    expect(cellDeltas([before], [after], (d) => dealCells(d, cal), dealKey)).toEqual([
      { day: '2026-04-01', type: 'new', outcome: 'won', n: 0, mrr: 30_000 },
    ]);
    expect(cellDeltas([before], [before], (d) => dealCells(d, cal), dealKey)).toEqual([]);
  });
});

describe('hand-off cells', () => {
  const h = (o: Partial<HandoffState>): HandoffState => ({
    kind: 'mql',
    status: 'open',
    dueAt: new Date('2026-03-02T01:00:00Z'),
    respondedAt: null,
    ...o,
  });
  it('count due on the due day, on time by the due day, and the answer on its own day', () => {
    expect(handoffCells(h({}), cal)).toEqual([{ day: '2026-03-02', kind: 'mql', measure: 'due', n: 1 }]);
    const late = h({ status: 'accepted', respondedAt: new Date('2026-03-03T16:00:00Z') });
    expect(handoffCells(late, cal)).toEqual([
      { day: '2026-03-02', kind: 'mql', measure: 'due', n: 1 },
      { day: '2026-03-04', kind: 'mql', measure: 'accepted', n: 1 },
    ]);
    const onTime = h({ status: 'rejected', respondedAt: new Date('2026-03-02T01:00:00Z') });
    expect(handoffCells(onTime, cal).map((c) => c.measure)).toEqual(['due', 'on_time', 'rejected']);
  });

  it('deltas of any sequence of writes add up to the cells of the last state', () => {
    const state = fc.record({
      kind: fc.constantFrom('mql', 'sql'),
      status: fc.constantFrom('open', 'accepted', 'rejected'),
      dueAt: fc.date({ min: new Date('2025-01-01'), max: new Date('2026-12-31'), noInvalidDate: true }),
      respondedAt: fc.option(
        fc.date({ min: new Date('2025-01-01'), max: new Date('2026-12-31'), noInvalidDate: true }),
        { nil: null },
      ),
    });
    fc.assert(
      fc.property(fc.array(state, { minLength: 1, maxLength: 6 }), (states) => {
        const total = new Map<string, number>();
        let prev: HandoffState[] = [];
        for (const s of states) {
          for (const c of cellDeltas(prev, [s], (x) => handoffCells(x, cal), handoffKey))
            total.set(handoffKey(c), (total.get(handoffKey(c)) ?? 0) + c.n);
          prev = [s];
        }
        const expected = new Map(handoffCells(states.at(-1)!, cal).map((c) => [handoffKey(c), c.n]));
        for (const [k, n] of total) if (n !== 0) expect(expected.get(k)).toBe(n);
        for (const [k, n] of expected) expect(total.get(k)).toBe(n);
      }),
    );
  });
});
