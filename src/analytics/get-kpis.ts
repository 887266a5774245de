import type { RequestContext } from '../platform/context.ts';
import { funnelTotals } from './get-funnel.ts';
import { buildKpiTree, type KpiInputs, type KpiNode } from './kpi-tree.ts';
import { churnByPeriod, closedByPeriod } from './metrics-store.ts';
import { periodLabel, periodStart, periodsBetween, previousDay } from './periods.ts';
import { loadReportContext, type ReportContext } from './report-context.ts';
import type { ReportParams } from './report-query.ts';

export interface KpiReport {
  by: string;
  /** How contributions were computed: log (LMDI) or sequential substitution; see docs/ANALYTICS.md. */
  periods: { period: string; method: string; tree: KpiNode }[];
}

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
  const totals = await funnelTotals(ctx, cal, 'lead', {
    view: 'period',
    grain,
    from: first,
    to: query.to,
    slice: query.slice,
  });
  const closed = await closedByPeriod(ctx, cal, grain, first, query.to);
  const churn = await churnByPeriod(ctx, cal, grain, first, query.to);
  const label = (start: string) => periodLabel(start, grain, cal);
  const wonBy = new Map(closed.map((c) => [label(c.start), c]));
  const churnBy = new Map(churn.rows.map((c) => [label(c.start), c.mrr]));
  const inputs = (period: string): KpiInputs => {
    const flow = totals.flows[period] ?? {};
    return {
      leads: flow.lead?.inflow ?? 0,
      mqls: flow.mql?.inflow ?? 0,
      sqls: flow.sql?.inflow ?? 0,
      wins: wonBy.get(period)?.wins ?? 0,
      newMrr: wonBy.get(period)?.mrr ?? 0,
      expansionMrr: null,
      contractionMrr: null,
      churnMrr: churn.subscriptions > 0 && churn.amended === 0 ? (churnBy.get(period) ?? 0) : null,
    };
  };
  const all = periodsBetween(first, query.to, grain, cal);
  const periods = all.slice(1).map((period, i) => {
    const { method, root } = buildKpiTree(inputs(period), inputs(all[i]!));
    return { period, method, tree: root };
  });
  return { by: grain, periods };
}
