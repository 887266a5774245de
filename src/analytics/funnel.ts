import type { LifecycleDefinition } from '../lifecycle/stages.ts';
import { type Calendar, type Grain, localDay, periodLabel, periodStart, periodsBetween } from './periods.ts';

/** The dimensions a funnel can be sliced by; each record has one value per dimension ('' = none). */
export const SLICE_DIMENSIONS = ['segment', 'pod', 'campaign', 'source', 'owner'] as const;
export type SliceDimension = (typeof SLICE_DIMENSIONS)[number];
export type SliceKeys = Record<SliceDimension, string>;
export const NO_SLICES: SliceKeys = { segment: '', pod: '', campaign: '', source: '', owner: '' };

/** A filter to one value of one dimension, or none. */
export type SliceFilter = { dimension: SliceDimension; value: string } | null;

/** One stage-history row, as analytics reads it. */
export interface HistoryFact {
  entityId: string;
  fromStage: string | null;
  toStage: string;
  at: Date;
  skipped: boolean;
  seq: number;
}

export type FunnelView = 'cohort' | 'period';

export interface FunnelQuery {
  view: FunnelView;
  grain: Grain;
  /** Local days in the workspace zone, inclusive. */
  from: string;
  to: string;
  slice: SliceFilter;
}

/** Per period and stage: in-flow, out-flow by destination, exit dwell histogram. */
export interface StageFlow {
  inflow: number;
  outflow: Record<string, number>;
  dwell: Record<number, number>;
}

/** What both the raw recomputation and the rollups reduce to before a report is shaped. */
export interface FunnelTotals {
  /** Balance of each stage at the end of the day before `from`. */
  opening: Record<string, number>;
  flows: Record<string, Record<string, StageFlow>>;
  /** Cohort view: per cohort period, entities that reached each success-path stage. */
  reached: Record<string, Record<string, number>>;
}

/**
 * Time in stage is kept as a histogram with half-octave buckets: bucket k holds dwell
 * times up to 2^(k/2) − 1 hours, so quantiles are exact to a factor of √2 and a rollup
 * cell per bucket is enough to answer them.
 */
export function dwellBucket(ms: number): number {
  const hours = Math.max(0, ms) / 3_600_000;
  return hours <= 0 ? 0 : Math.ceil(2 * Math.log2(1 + hours));
}

/**
 * The smallest whole millisecond of each dwell bucket from 1 up (to ~35,000 years), found
 * by bisection on dwellBucket itself: SQL then buckets with `width_bucket(ms, starts)`
 * and lands on exactly the same bucket as this code, with no float log in SQL.
 */
export function dwellBucketStarts(): number[] {
  const starts: number[] = [];
  const limit = 2 ** 50;
  for (let k = 1; ; k++) {
    let lo = starts.at(-1) ?? 1;
    let hi = limit;
    if (dwellBucket(hi) < k) return starts;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (dwellBucket(mid) >= k) hi = mid;
      else lo = mid + 1;
    }
    starts.push(lo);
  }
}

export function bucketUpperHours(k: number): number {
  return Math.round((2 ** (k / 2) - 1) * 10) / 10;
}

/** Nearest-rank quantile over a dwell histogram, as the bucket's upper bound in hours. */
export function quantileHours(hist: Record<number, number>, q: number): number | null {
  const keys = Object.keys(hist)
    .map(Number)
    .sort((a, b) => a - b);
  const n = keys.reduce((s, k) => s + (hist[k] ?? 0), 0);
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil(q * n));
  let seen = 0;
  for (const k of keys) {
    seen += hist[k] ?? 0;
    if (seen >= rank) return bucketUpperHours(k);
  }
  return null;
}

/** The success path from the entry stage on, in order: the stages a cohort can reach. */
export function funnelPath(def: LifecycleDefinition): { key: string; order: number }[] {
  const entryOrder = def.stages.find((s) => s.key === def.entry)?.order ?? 0;
  return def.stages
    .filter((s) => s.path === 'success' && s.order >= entryOrder)
    .sort((a, b) => a.order - b.order)
    .map((s) => ({ key: s.key, order: s.order }));
}

export const emptyFlow = (): StageFlow => ({ inflow: 0, outflow: {}, dwell: {} });

function flowOf(totals: FunnelTotals, period: string, stage: string): StageFlow {
  totals.flows[period] ??= {};
  const byStage = totals.flows[period];
  byStage[stage] ??= emptyFlow();
  return byStage[stage];
}

const inRange = (day: string, q: FunnelQuery) => day >= q.from && day <= q.to;

/**
 * The oracle: funnel totals recomputed from raw stage history (every row of every
 * entity of one lifecycle), with the slice each entity belongs to. Its cost grows with
 * history; dashboards read the rollups instead, and tests hold them equal to this.
 */
export function totalsFromHistory(
  rows: HistoryFact[],
  slices: (entityId: string) => SliceKeys,
  def: LifecycleDefinition,
  cal: Calendar,
  q: FunnelQuery,
): FunnelTotals {
  const totals: FunnelTotals = { opening: {}, flows: {}, reached: {} };
  const byEntity = new Map<string, HistoryFact[]>();
  for (const r of rows) {
    if (q.slice && slices(r.entityId)[q.slice.dimension] !== q.slice.value) continue;
    const list = byEntity.get(r.entityId) ?? [];
    list.push(r);
    byEntity.set(r.entityId, list);
  }
  const path = funnelPath(def);
  const label = (at: Date) => periodLabel(periodStart(localDay(at, cal), q.grain, cal), q.grain, cal);
  for (const list of byEntity.values()) {
    list.sort((a, b) => a.at.getTime() - b.at.getTime() || a.seq - b.seq);
    // Balance before the range: the stage of the last row before `from`.
    const before = list.filter((r) => localDay(r.at, cal) < q.from).at(-1);
    if (before) totals.opening[before.toStage] = (totals.opening[before.toStage] ?? 0) + 1;
    list.forEach((r, i) => {
      const day = localDay(r.at, cal);
      if (!inRange(day, q)) return;
      const period = label(r.at);
      flowOf(totals, period, r.toStage).inflow++;
      const prev = list[i - 1];
      if (r.fromStage !== null && prev) {
        const out = flowOf(totals, period, r.fromStage);
        out.outflow[r.toStage] = (out.outflow[r.toStage] ?? 0) + 1;
        if (!prev.skipped) {
          const k = dwellBucket(r.at.getTime() - prev.at.getTime());
          out.dwell[k] = (out.dwell[k] ?? 0) + 1;
        }
      }
    });
    const first = list[0];
    if (!first || !inRange(localDay(first.at, cal), q)) continue;
    const cohort = label(first.at);
    const entered = new Set(list.map((r) => r.toStage));
    const furthest = Math.max(-1, ...path.filter((s) => entered.has(s.key)).map((s) => s.order));
    totals.reached[cohort] ??= {};
    const reached = totals.reached[cohort];
    for (const s of path) if (s.order <= furthest) reached[s.key] = (reached[s.key] ?? 0) + 1;
  }
  return totals;
}

export interface StagePeriod {
  balance: number;
  inflow: number;
  outflow: Record<string, number>;
  /** Share of exits that moved to the next success-path stage (null without exits). */
  conversion: number | null;
  velocity: { exits: number; medianHours: number | null; p90Hours: number | null };
}

export interface CohortReport {
  view: 'cohort';
  periods: { period: string; reached: Record<string, number> }[];
  conversion: Record<string, number | null>;
}

export interface PeriodReport {
  view: 'period';
  periods: { period: string; stages: Record<string, StagePeriod> }[];
  conversion: Record<string, number | null>;
}

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10_000) / 10_000 : null);

/** Shapes totals into the report scripts read (`--json`); the same for oracle and rollups. */
export function shapeFunnel(
  totals: FunnelTotals,
  def: LifecycleDefinition,
  cal: Calendar,
  q: FunnelQuery,
): CohortReport | PeriodReport {
  const pathStages = funnelPath(def);
  const path = pathStages.map((s) => s.key);
  const periods = periodsBetween(q.from, q.to, q.grain, cal);
  if (q.view === 'cohort') {
    const all: Record<string, number> = Object.fromEntries(path.map((k) => [k, 0]));
    const out = periods.map((period) => {
      const reached = Object.fromEntries(path.map((k) => [k, totals.reached[period]?.[k] ?? 0]));
      for (const k of path) all[k] = (all[k] ?? 0) + (reached[k] ?? 0);
      return { period, reached };
    });
    const conversion: Record<string, number | null> = {};
    for (let i = 0; i + 1 < path.length; i++) {
      conversion[`${path[i]}->${path[i + 1]}`] = ratio(all[path[i + 1]!] ?? 0, all[path[i]!] ?? 0);
    }
    return { view: 'cohort', periods: out, conversion };
  }
  const stages = [...def.stages].sort((a, b) => a.order - b.order).map((s) => s.key);
  // The next success-path stage after a success-path stage (anonymous → lead included); none after an off-ramp.
  const stageOf = new Map(def.stages.map((s) => [s.key, s]));
  const next = (k: string) => {
    const s = stageOf.get(k);
    if (s?.path !== 'success') return undefined;
    return pathStages.find((p) => p.order > s.order)?.key;
  };
  const balance: Record<string, number> = { ...totals.opening };
  const sumOut: Record<string, number> = {};
  const sumNext: Record<string, number> = {};
  const out = periods.map((period) => {
    const byStage: Record<string, StagePeriod> = {};
    for (const key of stages) {
      const f = totals.flows[period]?.[key] ?? emptyFlow();
      const exits = Object.values(f.outflow).reduce((s, n) => s + n, 0);
      const n = next(key);
      const forward = n ? (f.outflow[n] ?? 0) : 0;
      balance[key] = (balance[key] ?? 0) + f.inflow - exits;
      sumOut[key] = (sumOut[key] ?? 0) + exits;
      sumNext[key] = (sumNext[key] ?? 0) + forward;
      byStage[key] = {
        balance: balance[key] ?? 0,
        inflow: f.inflow,
        outflow: f.outflow,
        conversion: n ? ratio(forward, exits) : null,
        velocity: {
          exits: Object.values(f.dwell).reduce((s, x) => s + x, 0),
          medianHours: quantileHours(f.dwell, 0.5),
          p90Hours: quantileHours(f.dwell, 0.9),
        },
      };
    }
    return { period, stages: byStage };
  });
  const conversion: Record<string, number | null> = {};
  for (let i = 0; i + 1 < path.length; i++) {
    const k = path[i]!;
    conversion[`${k}->${path[i + 1]}`] = ratio(sumNext[k] ?? 0, sumOut[k] ?? 0);
  }
  return { view: 'period', periods: out, conversion };
}
