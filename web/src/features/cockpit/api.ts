import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../app/api.ts';
import type { Grain } from './period.ts';

/** A node of the KPI tree (`GET /reports/kpis`): value against the previous period and its share of the revenue change. */
export interface KpiNode {
  key: string;
  formula: string;
  value: number | null;
  previous: number | null;
  change: number | null;
  contribution: number | null;
  reason?: string;
  children?: KpiNode[];
}

export interface KpiCounts {
  leads: number;
  mqls: number;
  sqls: number;
  wins: number;
  newMrr: number;
}

export interface KpiPeriod {
  period: string;
  method: string;
  counts: KpiCounts;
  tree: KpiNode;
}

export interface KpiReport {
  by: string;
  periods: KpiPeriod[];
}

export interface StagePeriod {
  balance: number;
  inflow: number;
  outflow: Record<string, number>;
  conversion: number | null;
  velocity: { exits: number; medianHours: number | null; p90Hours: number | null };
}

export interface PeriodFunnel {
  view: 'period';
  periods: { period: string; stages: Record<string, StagePeriod> }[];
  conversion: Record<string, number | null>;
  /** The stage definition version that shaped the report. */
  definitionVersion: number | null;
}

export interface CohortFunnel {
  view: 'cohort';
  periods: { period: string; reached: Record<string, number> }[];
  conversion: Record<string, number | null>;
  definitionVersion: number | null;
}

export type FunnelView = 'period' | 'cohort';
export const LIFECYCLES = ['lead', 'opportunity', 'customer'] as const;
export type Lifecycle = (typeof LIFECYCLES)[number];

export type AffectedType = 'person' | 'opportunity' | 'account' | 'handoff' | 'user' | 'stage' | 'day';

export const BOTTLENECK_KINDS = [
  'conversion_drop',
  'inventory_buildup',
  'capacity_overload',
  'supply_shortage',
  'sla_breach',
  'pipeline_hygiene',
  'anomaly',
] as const;
export type BottleneckKind = (typeof BOTTLENECK_KINDS)[number];

export interface Finding {
  kind: BottleneckKind;
  title: string;
  owningRole: string | null;
  stage: string | null;
  revenueAtStake: number | null;
  evidence: Record<string, unknown>;
  affected: { type: AffectedType; id: string }[];
}

export interface BottleneckReport {
  period: string;
  baseline: string[];
  mrrPerWin: number | null;
  findings: Finding[];
  notEvaluated: { kind: string; reason: string }[];
}

/** A stage of a lifecycle definition (`GET /stages/:lifecycle`). */
export interface StageDefinition {
  key: string;
  labelJa: string;
  labelEn: string;
  order: number;
  path: 'success' | 'off_ramp';
  owningRole: string | null;
}

export interface LifecycleDefinition {
  lifecycle: Lifecycle;
  version: number;
  definition: { initial: string; entry: string; stages: StageDefinition[] };
}

/** Where a report reads: a period grain and its local days. */
export interface ReportRange {
  by: Grain | 'month';
  from: string;
  to: string;
}

const report = <T>(kind: string, query: Record<string, string>) => api<T>(`/reports/${kind}`, { query });

// Reports are recomputed from rollups on each call; a minute of caching keeps toggling instant.
const STALE = 60_000;

export const kpisQuery = (range: ReportRange) =>
  queryOptions({
    queryKey: ['reports', 'kpis', range],
    queryFn: () => report<KpiReport>('kpis', { ...range }),
    staleTime: STALE,
  });

export const funnelQuery = <V extends FunnelView>(range: ReportRange, view: V, lifecycle: Lifecycle) =>
  queryOptions({
    queryKey: ['reports', 'funnel', range, view, lifecycle],
    queryFn: () =>
      report<V extends 'period' ? PeriodFunnel : CohortFunnel>('funnel', { ...range, view, lifecycle }),
    staleTime: STALE,
  });

export const stagesQuery = (lifecycle: Lifecycle) =>
  queryOptions({
    queryKey: ['stages', lifecycle],
    queryFn: () => api<LifecycleDefinition>(`/stages/${lifecycle}`),
    staleTime: 600_000,
  });

export function useKpis(range: ReportRange, enabled = true) {
  return useQuery({ ...kpisQuery(range), enabled, placeholderData: keepPreviousData });
}

export function useFunnel<V extends FunnelView>(
  range: ReportRange,
  view: V,
  lifecycle: Lifecycle,
  enabled = true,
) {
  return useQuery({ ...funnelQuery(range, view, lifecycle), enabled });
}

export function useBottlenecks(by: Grain, to: string, enabled = true) {
  return useQuery({
    queryKey: ['reports', 'bottlenecks', by, to],
    queryFn: () => report<BottleneckReport>('bottlenecks', { by, to }),
    staleTime: STALE,
    enabled,
  });
}

export function useStages(lifecycle: Lifecycle) {
  return useQuery(stagesQuery(lifecycle));
}
