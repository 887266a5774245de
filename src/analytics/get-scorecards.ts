import type { RequestContext } from '../platform/context.ts';
import { quantileHours } from './funnel.ts';
import { funnelTotals } from './get-funnel.ts';
import { campaignCost, dealStats, handoffStats, insideSalesLoad, retention } from './metrics-store.ts';
import { localDay } from './periods.ts';
import { loadReportContext, type ReportContext } from './report-context.ts';
import type { ReportParams } from './report-query.ts';
import { buildScorecards, type Scorecards } from './scorecards.ts';
import { newMrrTargetPerMonth } from './targets.ts';

/** Department scorecards over the range (`GET /api/v1/reports/scorecards`). */
export async function getScorecards(
  ctx: RequestContext,
  params: ReportParams,
  options: { report?: ReportContext } = {},
): Promise<{ from: string; to: string } & Scorecards> {
  const { cal, query } = options.report ?? (await loadReportContext(ctx, params));
  const { from, to } = query;
  const range = { view: 'period' as const, grain: 'fiscal_year' as const, from, to, slice: query.slice };
  // Independent reads: on PostgreSQL each takes its own pooled connection, so the card
  // waits for the slowest read rather than their sum (PGlite runs them one after another).
  const today = localDay(ctx.now(), cal);
  const [lead, customer, ho, isLoad, deals, ret, cost, target] = await Promise.all([
    funnelTotals(ctx, cal, 'lead', range),
    funnelTotals(ctx, cal, 'customer', range),
    handoffStats(ctx, cal, from, to, today),
    insideSalesLoad(ctx, cal, from, to),
    dealStats(ctx, cal, from, to),
    retention(ctx, from, to),
    campaignCost(ctx, from, to),
    newMrrTargetPerMonth(ctx, cal, to),
  ]);
  const sum = (t: typeof lead, stage: string) =>
    Object.values(t.flows).reduce((s, byStage) => s + (byStage[stage]?.inflow ?? 0), 0);
  const onboarding: Record<number, number> = {};
  for (const byStage of Object.values(customer.flows)) {
    for (const [k, n] of Object.entries(byStage.onboarding?.dwell ?? {}))
      onboarding[Number(k)] = (onboarding[Number(k)] ?? 0) + n;
  }
  const stat = (kind: string) => {
    const r = ho.find((x) => x.kind === kind);
    return {
      accepted: Number(r?.accepted ?? 0),
      rejected: Number(r?.rejected ?? 0),
      due: Number(r?.due ?? 0),
      onTime: Number(r?.on_time ?? 0),
    };
  };
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
  const cards = buildScorecards({
    leads: sum(lead, 'lead'),
    mqls: sum(lead, 'mql'),
    sqls: sum(lead, 'sql'),
    campaignCost: cost,
    handoffs: ho.length ? { mql: stat('mql'), sql: stat('sql') } : null,
    isActivities: isLoad.anyActivity ? isLoad.activities : null,
    isActivityMinutes: isLoad.minutes,
    // IS capacity is half-hour slots a week (DOMAIN.md 1).
    isSlotCapacityMinutes: isLoad.weeklySlots === null ? null : isLoad.weeklySlots * 30 * (days / 7),
    wins: deals.wins,
    losses: deals.losses,
    wonMrr: deals.wonMrr,
    medianCycleDays: deals.medianCycleDays,
    openPipelineMrr: deals.openPipelineMrr,
    targetNewMrr: target === null ? null : target * (days / 30.4),
    onboardingMedianHours: quantileHours(onboarding, 0.5),
    startMrr: ret.subscriptions > 0 ? ret.startMrr : null,
    endMrr: ret.subscriptions > 0 ? ret.endMrr : null,
    keptMrr: ret.subscriptions > 0 ? ret.keptMrr : null,
    amendmentsRecorded: ret.amended > 0,
  });
  return { from, to, ...cards };
}
