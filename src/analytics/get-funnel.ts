import type { LifecycleDefinition } from '../lifecycle/stages.ts';
import type { RequestContext } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import {
  type CohortReport,
  type FunnelQuery,
  type FunnelTotals,
  NO_SLICES,
  type PeriodReport,
  shapeFunnel,
  totalsFromHistory,
} from './funnel.ts';
import { type Calendar, periodLabel } from './periods.ts';
import { loadReportContext, type ReportContext } from './report-context.ts';
import type { ReportParams } from './report-query.ts';
import { totalsFromRollup } from './rollup.ts';
import { listProgress, loadHistory, rollupFlows } from './store.ts';

export type FunnelReport = CohortReport | PeriodReport;

/** Funnel totals from the rollups: the dashboard path, its cost bounded by the days in range. */
export async function funnelTotals(
  ctx: RequestContext,
  cal: Calendar,
  lifecycle: string,
  q: FunnelQuery,
): Promise<FunnelTotals> {
  const r = await rollupFlows(ctx, cal, { lifecycle, ...q });
  const label = (start: string) => periodLabel(start, q.grain, cal);
  return totalsFromRollup(
    r.opening,
    r.flows.map(({ start, ...c }) => ({ ...c, period: label(start) })),
    r.cohorts.map(({ start, ...c }) => ({ ...c, period: label(start) })),
  );
}

/** The oracle path: the same totals recomputed from every raw history row. */
export async function funnelTotalsFromHistory(
  ctx: RequestContext,
  cal: Calendar,
  def: LifecycleDefinition,
  q: FunnelQuery,
): Promise<FunnelTotals> {
  const history = await loadHistory(ctx, def.lifecycle);
  const slices = new Map((await listProgress(ctx, def.lifecycle)).map((p) => [p.entityId, p.slices]));
  return totalsFromHistory(history, (id) => slices.get(id) ?? NO_SLICES, def, cal, q);
}

function onlyStages(report: FunnelReport, stages: string[] | null): FunnelReport {
  if (!stages) return report;
  const keep = <T>(o: Record<string, T>) =>
    Object.fromEntries(Object.entries(o).filter(([k]) => stages.includes(k)));
  const conversion = Object.fromEntries(
    Object.entries(report.conversion).filter(([k]) => stages.some((s) => k.startsWith(`${s}->`))),
  );
  if (report.view === 'cohort') {
    return {
      ...report,
      periods: report.periods.map((p) => ({ ...p, reached: keep(p.reached) })),
      conversion,
    };
  }
  return { ...report, periods: report.periods.map((p) => ({ ...p, stages: keep(p.stages) })), conversion };
}

/**
 * The funnel report (`GET /api/v1/reports/funnel`, `baton report funnel`): cohort or
 * period view, per day … fiscal year, optionally one slice. `source: 'history'` answers
 * from raw history instead of the rollups (the oracle, and the benchmark's yardstick).
 */
export async function getFunnel(
  ctx: RequestContext,
  params: ReportParams,
  options: { source?: 'rollup' | 'history'; report?: ReportContext } = {},
): Promise<FunnelReport & { definitionVersion: number | null }> {
  const { cal, defs, versions, query } = options.report ?? (await loadReportContext(ctx, params));
  const def = defs[query.lifecycle];
  if (!def) throw notFound('stage definition', query.lifecycle);
  const totals =
    options.source === 'history'
      ? await funnelTotalsFromHistory(ctx, cal, def, query)
      : await funnelTotals(ctx, cal, query.lifecycle, query);
  return {
    ...onlyStages(shapeFunnel(totals, def, cal, query), query.stages),
    definitionVersion: versions[query.lifecycle] ?? null,
  };
}
