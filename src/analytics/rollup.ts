import type { LifecycleDefinition } from '../lifecycle/stages.ts';
import {
  dwellBucket,
  emptyFlow,
  type FunnelQuery,
  type FunnelTotals,
  funnelPath,
  type HistoryFact,
  SLICE_DIMENSIONS,
  type SliceKeys,
} from './funnel.ts';
import {
  type Calendar,
  coverBefore,
  coverRange,
  localDay,
  periodLabel,
  periodStart,
  SPANS,
  type Span,
  type SpanSegment,
  spanStart,
} from './periods.ts';

/**
 * Where a record stands, as the rollups need it: its cohort day, the furthest
 * success-path stage it reached, and the stage it is in since when. One row per record.
 */
export interface EntityProgress {
  entityId: string;
  cohortDay: string;
  maxOrder: number;
  stage: string | null;
  stageAt: Date | null;
  stageSkipped: boolean;
  slices: SliceKeys;
}

export type FlowKind = 'in' | 'out' | 'dwell';

/** One count in the stage rollup: kind `out` names the destination, `dwell` the bucket; `day` starts the span. */
export interface StageCell {
  span: Span;
  day: string;
  stage: string;
  kind: FlowKind;
  detail: string;
  dimension: string;
  value: string;
  n: number;
}

/** One count in the cohort rollup: records of a cohort span that reached a stage. */
export interface CohortCell {
  span: Span;
  day: string;
  stage: string;
  dimension: string;
  value: string;
  n: number;
}

/** Every cell is counted once unsliced (`all`) and once per slice dimension. */
function fanOut(slices: SliceKeys): { dimension: string; value: string }[] {
  return [
    { dimension: 'all', value: '' },
    ...SLICE_DIMENSIONS.map((d) => ({ dimension: d, value: slices[d] })),
  ];
}

const spanMemo = new Map<string, [Span, string][]>();

/** The start day of each span holding a local day (memoised: few distinct days, many rows). */
function spansOf(day: string): [Span, string][] {
  let found = spanMemo.get(day);
  if (!found) {
    found = SPANS.map((span) => [span, spanStart(day, span)]);
    if (spanMemo.size > 50_000) spanMemo.clear();
    spanMemo.set(day, found);
  }
  return found;
}

/** A count before it is fanned out to slice dimensions and spans; `key` names its cell and slices. */
export type Tally<C> = { key: string; cell: C; slices: SliceKeys; n: number };

const sliceKey = (s: SliceKeys) => SLICE_DIMENSIONS.map((d) => s[d]).join('\u0001');

/**
 * Counts one row's cell under its whole slice tuple. Rows are tallied first and fanned out
 * once per distinct tally (fanOutTallies): an import's rows share few days and slices, so
 * that is a few thousand fan-outs instead of eighteen map updates per row.
 */
function tally<C>(map: Map<string, Tally<C>>, key: string, slices: SliceKeys, cell: () => C): void {
  const found = map.get(key);
  if (found) found.n++;
  else map.set(key, { key, cell: cell(), slices, n: 1 });
}

/** Tallies of several batches summed by key (copies: the batches' own tallies stay as they were). */
function mergeTallies<C>(tallies: Tally<C>[]): Map<string, Tally<C>> {
  const merged = new Map<string, Tally<C>>();
  for (const t of tallies) {
    const found = merged.get(t.key);
    if (found) found.n += t.n;
    else merged.set(t.key, { ...t });
  }
  return merged;
}

/** The tallies as cells: once unsliced and per slice dimension, once per span (day, week, month). */
function fanOutTallies<C extends { day: string; dimension: string; value: string }>(
  tallies: Map<string, Tally<Omit<C, 'dimension' | 'value' | 'span' | 'n'>>>,
  keyOf: (c: Omit<C, 'dimension' | 'value' | 'span' | 'n'>) => string,
): (C & { span: Span; n: number })[] {
  const cells = new Map<string, C & { span: Span; n: number }>();
  for (const { cell, slices, n } of tallies.values()) {
    const base = keyOf(cell);
    for (const { dimension, value } of fanOut(slices)) {
      for (const [span, day] of spansOf(cell.day)) {
        const key = `${span}|${day}|${base}|${dimension}|${value}`;
        const found = cells.get(key);
        if (found) found.n += n;
        else cells.set(key, { ...cell, day, span, dimension, value, n } as C & { span: Span; n: number });
      }
    }
  }
  return [...cells.values()];
}

type StageFact = Omit<StageCell, 'dimension' | 'value' | 'span' | 'n'>;
type CohortFact = Omit<CohortCell, 'dimension' | 'value' | 'span' | 'n'>;
export type StageTally = Tally<StageFact>;
export type CohortTally = Tally<CohortFact>;

/** The stage cells of tallies (of one batch or many): summed by key first, then fanned out once. */
export const stageCells = (tallies: StageTally[]): StageCell[] =>
  fanOutTallies<StageCell>(mergeTallies(tallies), (c) => `${c.stage}|${c.kind}|${c.detail}`);

/** The cohort cells of tallies, as `stageCells`. */
export const cohortCells = (tallies: CohortTally[]): CohortCell[] =>
  fanOutTallies<CohortCell>(mergeTallies(tallies), (c) => c.stage);

/**
 * The rollup increments for new history rows (pure): given the records' progress so far,
 * returns the counts to add, as tallies (`stageCells` / `cohortCells` make them cells: a
 * transaction sums its batches' tallies and fans them out once, at commit), and the new
 * progress. Rows of one record must come in order. Records without progress start their
 * cohort with this row.
 */
export function rollupDeltas(
  progress: Map<string, EntityProgress>,
  rows: HistoryFact[],
  def: LifecycleDefinition,
  cal: Calendar,
  slicesOf: (entityId: string) => SliceKeys,
): { stage: StageTally[]; cohort: CohortTally[]; progress: EntityProgress[] } {
  const path = funnelPath(def);
  const orderOf = new Map(path.map((s) => [s.key, s.order]));
  const stageTallies = new Map<string, Tally<StageFact>>();
  const cohortTallies = new Map<string, Tally<CohortFact>>();
  const touched = new Map<string, EntityProgress>();
  const sorted = [...rows].sort((a, b) => a.at.getTime() - b.at.getTime() || a.seq - b.seq);
  for (const r of sorted) {
    let p = touched.get(r.entityId) ?? progress.get(r.entityId);
    if (!p) {
      p = {
        entityId: r.entityId,
        cohortDay: localDay(r.at, cal),
        maxOrder: -1,
        stage: null,
        stageAt: null,
        stageSkipped: false,
        slices: slicesOf(r.entityId),
      };
    } else {
      p = { ...p };
    }
    const day = localDay(r.at, cal);
    const slices = sliceKey(p.slices);
    const stageFact = (stage: string, kind: FlowKind, detail: string) =>
      tally(stageTallies, `${day}|${stage}|${kind}|${detail}|${slices}`, p.slices, () => ({
        day,
        stage,
        kind,
        detail,
      }));
    stageFact(r.toStage, 'in', '');
    if (p.stage !== null) {
      stageFact(p.stage, 'out', r.toStage);
      if (!p.stageSkipped && p.stageAt)
        stageFact(p.stage, 'dwell', String(dwellBucket(r.at.getTime() - p.stageAt.getTime())));
    }
    const order = orderOf.get(r.toStage);
    if (order !== undefined && order > p.maxOrder) {
      const cohortDay = p.cohortDay;
      for (const s of path) {
        if (s.order <= p.maxOrder || s.order > order) continue;
        tally(cohortTallies, `${cohortDay}|${s.key}|${slices}`, p.slices, () => ({
          day: cohortDay,
          stage: s.key,
        }));
      }
      p.maxOrder = order;
    }
    p.stage = r.toStage;
    p.stageAt = r.at;
    p.stageSkipped = r.skipped;
    touched.set(r.entityId, p);
  }
  return {
    stage: [...stageTallies.values()],
    cohort: [...cohortTallies.values()],
    progress: [...touched.values()],
  };
}

/** Rollup cells already grouped by period (as the store returns them). */
export interface PeriodCell {
  period: string;
  stage: string;
  kind: FlowKind;
  detail: string;
  n: number;
}

/** Funnel totals from rollup cells: what a dashboard reads instead of raw history. */
export function totalsFromRollup(
  opening: { stage: string; n: number }[],
  flows: PeriodCell[],
  cohorts: { period: string; stage: string; n: number }[],
): FunnelTotals {
  const totals: FunnelTotals = { opening: {}, flows: {}, reached: {} };
  for (const o of opening) if (o.n !== 0) totals.opening[o.stage] = o.n;
  for (const c of flows) {
    totals.flows[c.period] ??= {};
    const byStage = totals.flows[c.period]!;
    byStage[c.stage] ??= emptyFlow();
    const f = byStage[c.stage]!;
    if (c.kind === 'in') f.inflow += c.n;
    else if (c.kind === 'out') f.outflow[c.detail] = (f.outflow[c.detail] ?? 0) + c.n;
    else f.dwell[Number(c.detail)] = (f.dwell[Number(c.detail)] ?? 0) + c.n;
  }
  for (const c of cohorts) {
    totals.reached[c.period] ??= {};
    totals.reached[c.period]![c.stage] = c.n;
  }
  return totals;
}

/** Groups daily cells into periods in memory (the store does the same in SQL). */
export function groupCells(
  stage: StageCell[],
  cohort: CohortCell[],
  cal: Calendar,
  q: FunnelQuery,
): Parameters<typeof totalsFromRollup> {
  const dim = q.slice ? q.slice.dimension : 'all';
  const val = q.slice ? q.slice.value : '';
  const label = (day: string) => periodLabel(periodStart(day, q.grain, cal), q.grain, cal);
  const opening = new Map<string, number>();
  const flows = new Map<string, PeriodCell>();
  const cohorts = new Map<string, { period: string; stage: string; n: number }>();
  const within = (segs: SpanSegment[], c: { span: Span; day: string }) =>
    segs.some((g) => g.span === c.span && c.day >= g.from && c.day <= g.to);
  const range = coverRange(q.from, q.to, q.grain);
  const before = coverBefore(q.from);
  for (const c of stage) {
    if (c.dimension !== dim || c.value !== val) continue;
    if (within(before, c)) {
      if (c.kind !== 'dwell')
        opening.set(c.stage, (opening.get(c.stage) ?? 0) + (c.kind === 'in' ? c.n : -c.n));
      continue;
    }
    if (!within(range, c)) continue;
    const period = label(c.day);
    const key = `${period}|${c.stage}|${c.kind}|${c.detail}`;
    const found = flows.get(key);
    if (found) found.n += c.n;
    else flows.set(key, { period, stage: c.stage, kind: c.kind, detail: c.detail, n: c.n });
  }
  for (const c of cohort) {
    if (c.dimension !== dim || c.value !== val || !within(range, c)) continue;
    const period = label(c.day);
    const key = `${period}|${c.stage}`;
    const found = cohorts.get(key);
    if (found) found.n += c.n;
    else cohorts.set(key, { period, stage: c.stage, n: c.n });
  }
  return [[...opening].map(([stage, n]) => ({ stage, n })), [...flows.values()], [...cohorts.values()]];
}
