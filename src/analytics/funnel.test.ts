import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LEAD_LIFECYCLE, DEFAULT_OPPORTUNITY_LIFECYCLE } from '../lifecycle/default-stages.ts';
import {
  dwellBucket,
  dwellBucketStarts,
  type FunnelQuery,
  quantileHours,
  type SliceKeys,
  shapeFunnel,
  totalsFromHistory,
} from './funnel.ts';
import { historyOf, lifeArbitrary } from './history-arbitrary.ts';
import type { Calendar } from './periods.ts';
import {
  type CohortCell,
  cohortCells,
  groupCells,
  rollupDeltas,
  type StageCell,
  stageCells,
  totalsFromRollup,
} from './rollup.ts';

const cal: Calendar = { timeZone: 'Asia/Tokyo', fiscalYearStartMonth: 4 };
const lead = DEFAULT_LEAD_LIFECYCLE;
const sliceOf = (id: string): SliceKeys => {
  const n = Number.parseInt(id.slice(-2), 10);
  return {
    segment: n % 2 ? 'enterprise' : 'smb',
    pod: '',
    campaign: `c${n % 3}`,
    source: n % 5 ? 'web' : 'seminar',
    owner: '',
  };
};

describe('funnel oracle', () => {
  const at = (iso: string) => new Date(iso);
  const row = (
    entityId: string,
    fromStage: string | null,
    toStage: string,
    iso: string,
    skipped = false,
    seq = 0,
  ) => ({
    entityId,
    fromStage,
    toStage,
    at: at(iso),
    skipped,
    seq,
  });

  it('counts a lead imported straight into sql as having reached every stage before it', () => {
    const rows = [
      row('a', null, 'lead', '2025-04-10T01:00:00Z', true, 1),
      row('a', 'lead', 'nurturing', '2025-04-10T01:00:00Z', true, 2),
      row('a', 'nurturing', 'mql', '2025-04-10T01:00:00Z', true, 3),
      row('a', 'mql', 'sal', '2025-04-10T01:00:00Z', true, 4),
      row('a', 'sal', 'sql', '2025-04-10T01:00:00Z', false, 5),
      row('b', null, 'lead', '2025-04-30T16:00:00Z', false, 6), // 2025-05-01 in Tokyo
    ];
    const q: FunnelQuery = {
      view: 'cohort',
      grain: 'month',
      from: '2025-04-01',
      to: '2025-05-31',
      slice: null,
    };
    const report = shapeFunnel(
      totalsFromHistory(rows, () => sliceOf('x00'), lead, cal, q),
      lead,
      cal,
      q,
    );
    expect(report).toEqual({
      view: 'cohort',
      periods: [
        {
          period: '2025-04',
          reached: { lead: 1, nurturing: 1, mql: 1, sal: 1, sql: 1, opportunity: 0, customer: 0 },
        },
        {
          period: '2025-05',
          reached: { lead: 1, nurturing: 0, mql: 0, sal: 0, sql: 0, opportunity: 0, customer: 0 },
        },
      ],
      conversion: {
        'lead->nurturing': 0.5,
        'nurturing->mql': 1,
        'mql->sal': 1,
        'sal->sql': 1,
        'sql->opportunity': 0,
        'opportunity->customer': null,
      },
    });
  });

  it('period view: balance, in-flow, out-flow by destination, conversion and velocity', () => {
    const rows = [
      row('a', null, 'lead', '2025-04-01T00:00:00Z'),
      row('a', 'lead', 'nurturing', '2025-04-02T00:00:00Z'),
      row('b', null, 'lead', '2025-04-01T00:00:00Z'),
      row('b', 'lead', 'disqualified', '2025-04-03T00:00:00Z'),
      row('c', null, 'lead', '2025-04-05T00:00:00Z'),
    ];
    const q: FunnelQuery = {
      view: 'period',
      grain: 'month',
      from: '2025-04-01',
      to: '2025-04-30',
      slice: null,
    };
    const report = shapeFunnel(
      totalsFromHistory(rows, () => sliceOf('x00'), lead, cal, q),
      lead,
      cal,
      q,
    );
    if (report.view !== 'period') throw new Error('period view expected');
    const leadStage = report.periods[0]!.stages.lead!;
    expect(leadStage).toMatchObject({
      balance: 1,
      inflow: 3,
      outflow: { nurturing: 1, disqualified: 1 },
      conversion: 0.5,
    });
    expect(leadStage.velocity.exits).toBe(2);
    expect(leadStage.velocity.medianHours).toBeGreaterThanOrEqual(24);
    expect(report.periods[0]!.stages.nurturing!.balance).toBe(1);
  });

  it('period view: an off-ramp has no conversion; the stage before the entry converts to the entry', () => {
    const rows = [
      row('a', null, 'anonymous', '2025-04-01T00:00:00Z'),
      row('a', 'anonymous', 'lead', '2025-04-02T00:00:00Z'),
      row('a', 'lead', 'nurturing', '2025-04-03T00:00:00Z'),
      row('a', 'nurturing', 'mql', '2025-04-04T00:00:00Z'),
      row('a', 'mql', 'recycled', '2025-04-05T00:00:00Z'),
      row('a', 'recycled', 'nurturing', '2025-04-20T00:00:00Z'),
    ];
    const q: FunnelQuery = {
      view: 'period',
      grain: 'month',
      from: '2025-04-01',
      to: '2025-04-30',
      slice: null,
    };
    const report = shapeFunnel(
      totalsFromHistory(rows, () => sliceOf('x00'), lead, cal, q),
      lead,
      cal,
      q,
    );
    if (report.view !== 'period') throw new Error('period view expected');
    const stages = report.periods[0]!.stages;
    expect(stages.recycled).toMatchObject({ outflow: { nurturing: 1 }, conversion: null });
    expect(stages.anonymous).toMatchObject({ outflow: { lead: 1 }, conversion: 1 });
    expect(stages.mql!.conversion).toBe(0);
  });

  it('dwell buckets are half octaves and quantiles answer with the bucket bound', () => {
    expect(dwellBucket(0)).toBe(0);
    const hist: Record<number, number> = {};
    for (const h of [1, 2, 3, 30, 300]) {
      const k = dwellBucket(h * 3_600_000);
      hist[k] = (hist[k] ?? 0) + 1;
    }
    const median = quantileHours(hist, 0.5)!;
    expect(median).toBeGreaterThanOrEqual(2);
    expect(median).toBeLessThanOrEqual(3);
  });
});

describe('rollups equal the raw-history oracle', () => {
  const queries = fc.record({
    view: fc.constantFrom('cohort' as const, 'period' as const),
    grain: fc.constantFrom(
      'day' as const,
      'week' as const,
      'month' as const,
      'fiscal_quarter' as const,
      'fiscal_year' as const,
    ),
    from: fc.constantFrom('2025-01-01', '2025-03-15', '2025-06-30'),
    to: fc.constantFrom('2025-07-31', '2026-03-31', '2026-12-31'),
    slice: fc.constantFrom(
      null,
      { dimension: 'segment' as const, value: 'smb' },
      { dimension: 'campaign' as const, value: 'c1' },
    ),
  });

  it('for random histories written in random batches (incremental) and any query', () => {
    fc.assert(
      fc.property(
        fc.array(lifeArbitrary, { maxLength: 40 }),
        fc.integer({ min: 1, max: 50 }),
        queries,
        fc.constantFrom(lead, DEFAULT_OPPORTUNITY_LIFECYCLE),
        (lives, batch, q, def) => {
          const history = historyOf(def, lives);
          // Write in time order, in batches, as the lifecycle slice would.
          const ordered = [...history].sort((a, b) => a.at.getTime() - b.at.getTime() || a.seq - b.seq);
          const progress = new Map();
          const stage = [];
          const cohort = [];
          const perBatch: [StageCell[], CohortCell[]] = [[], []];
          for (let i = 0; i < ordered.length; i += batch) {
            const d = rollupDeltas(progress, ordered.slice(i, i + batch), def, cal, sliceOf);
            for (const p of d.progress) progress.set(p.entityId, p);
            stage.push(...d.stage);
            cohort.push(...d.cohort);
            perBatch[0].push(...stageCells(d.stage));
            perBatch[1].push(...cohortCells(d.cohort));
          }
          const fromHistory = shapeFunnel(totalsFromHistory(history, sliceOf, def, cal, q), def, cal, q);
          // The batches' tallies summed and fanned out once, as a transaction does at commit,
          // and each batch fanned out on its own: the same counts.
          for (const [s, c] of [[stageCells(stage), cohortCells(cohort)], perBatch] as const)
            expect(shapeFunnel(totalsFromRollup(...groupCells(s, c, cal, q)), def, cal, q)).toEqual(
              fromHistory,
            );
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('span cover', () => {
  it('covers a range exactly with whole months and edge days', async () => {
    const { coverRange, coverBefore } = await import('./periods.ts');
    expect(coverRange('2025-03-15', '2025-07-10', 'month')).toEqual([
      { span: 'day', from: '2025-03-15', to: '2025-03-31' },
      { span: 'month', from: '2025-04-01', to: '2025-06-01' },
      { span: 'day', from: '2025-07-01', to: '2025-07-10' },
    ]);
    expect(coverRange('2025-04-01', '2025-04-30', 'fiscal_year')).toEqual([
      { span: 'month', from: '2025-04-01', to: '2025-04-01' },
    ]);
    expect(coverRange('2025-04-02', '2025-04-20', 'month')).toEqual([
      { span: 'day', from: '2025-04-02', to: '2025-04-20' },
    ]);
    expect(coverRange('2025-04-01', '2025-04-20', 'week')).toEqual([
      { span: 'day', from: '2025-04-01', to: '2025-04-06' },
      { span: 'week', from: '2025-04-07', to: '2025-04-14' },
    ]);
    expect(coverBefore('2025-04-10')).toEqual([
      { span: 'month', from: '0001-01-01', to: '2025-03-31' },
      { span: 'day', from: '2025-04-01', to: '2025-04-09' },
    ]);
  });
});

describe('dwellBucketStarts', () => {
  it('buckets every millisecond count as dwellBucket does (what SQL width_bucket sees)', () => {
    const starts = dwellBucketStarts();
    const widthBucket = (ms: number) => starts.filter((s) => s <= ms).length;
    for (const s of starts) for (const ms of [s - 1, s, s + 1]) expect(widthBucket(ms)).toBe(dwellBucket(ms));
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 2 ** 45 }), (ms) => {
        expect(widthBucket(ms)).toBe(dwellBucket(ms));
      }),
    );
  });
});
