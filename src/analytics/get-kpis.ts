import type { RequestContext } from '../platform/context.ts';
import { reportMrr } from '../success/report-mrr.ts';
import { funnelTotals } from './get-funnel.ts';
import { buildKpiTree, type KpiInputs, type KpiNode } from './kpi-tree.ts';
import { closedByPeriod } from './metrics-store.ts';
import { type Grain, periodLabel, periodStart, periodsBetween, previousDay } from './periods.ts';
import { loadReportContext, type ReportContext } from './report-context.ts';
import type { ReportParams } from './report-query.ts';

export interface KpiReport {
  by: string;
  /** How contributions were computed: log (LMDI) or sequential substitution; see docs/ANALYTICS.md. */
  periods: { period: string; method: string; counts: KpiCounts; tree: KpiNode }[];
}

/** The period's own counts behind the tree, so a trend needs no rounding back out of the rates. */
export type KpiCounts = Pick<KpiInputs, 'leads' | 'mqls' | 'sqls' | 'wins' | 'newMrr'>;

const MRR_GRAIN: Partial<Record<Grain, 'month' | 'quarter' | 'fiscal_year'>> = {
  month: 'month',
  fiscal_quarter: 'quarter',
  fiscal_year: 'fiscal_year',
};

/**
 * The KPI tree per period (`GET /api/v1/reports/kpis`): New MRR as leads × rates × MRR
 * per win, with the CS movements, each node against the previous period.
 */
export async function getKpis(
  ctx: RequestContext,
  params: ReportParams,
  options: { report?: ReportContext } = {},
): Promise<KpiReport> {
  const { cal, query } = options.report ?? (await loadReportContext(ctx, params));
  const grain = query.grain;
  const first = periodStart(previousDay(periodStart(query.from, grain, cal)), grain, cal);
  // The CS movements are Customer Success's MRR bridge, kept per month, fiscal quarter and year.
  const mrrBy = MRR_GRAIN[grain];
  // Independent reads, started together (separate pooled connections on PostgreSQL).
  const [totals, closed, movements] = await Promise.all([
    funnelTotals(ctx, cal, 'lead', { view: 'period', grain, from: first, to: query.to, slice: query.slice }),
    closedByPeriod(ctx, cal, grain, first, query.to),
    mrrBy ? reportMrr(ctx, { from: first, to: query.to, by: mrrBy }).then((r) => r.periods) : [],
  ]);
  const label = (start: string) => periodLabel(start, grain, cal);
  const wonBy = new Map(closed.map((c) => [label(c.start), c]));
  const csBy = new Map(movements.map((m) => [label(m.from), m]));
  const inputs = (period: string): KpiInputs => {
    const flow = totals.flows[period] ?? {};
    return {
      leads: flow.lead?.inflow ?? 0,
      mqls: flow.mql?.inflow ?? 0,
      sqls: flow.sql?.inflow ?? 0,
      wins: wonBy.get(period)?.wins ?? 0,
      newMrr: wonBy.get(period)?.mrr ?? 0,
      expansionMrr: mrrBy ? (csBy.get(period)?.expansion ?? 0) : null,
      contractionMrr: mrrBy ? (csBy.get(period)?.contraction ?? 0) : null,
      churnMrr: mrrBy ? (csBy.get(period)?.churn ?? 0) : null,
    };
  };
  const all = periodsBetween(first, query.to, grain, cal);
  const periods = all.slice(1).map((period, i) => {
    const current = inputs(period);
    const { method, root } = buildKpiTree(current, inputs(all[i]!));
    const { leads, mqls, sqls, wins, newMrr } = current;
    return { period, method, counts: { leads, mqls, sqls, wins, newMrr }, tree: root };
  });
  return { by: grain, periods };
}
