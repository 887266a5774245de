import type { LifecycleDefinition } from '../lifecycle/stages.ts';
import type { RequestContext } from '../platform/context.ts';
import {
  type AffectedItem,
  detectAnomalies,
  detectCapacityOverload,
  detectConversionDrops,
  detectInventoryBuildup,
  detectPipelineHygiene,
  detectSlaBreaches,
  detectSupplyShortage,
  type Finding,
  type RoleLoad,
  rankFindings,
  THRESHOLDS,
} from './bottlenecks.ts';
import { funnelPath, type PeriodReport, shapeFunnel } from './funnel.ts';
import { funnelTotals } from './get-funnel.ts';
import {
  closedByPeriod,
  currentBalances,
  hygieneGroups,
  oldestInStage,
  overdueHandoffs,
  roleCapacity,
} from './metrics-store.ts';
import { periodLabel, periodStart, periodsBetween, previousDay, shiftDay } from './periods.ts';
import { loadReportContext, type ReportContext } from './report-context.ts';
import type { ReportParams } from './report-query.ts';
import { dailyInflows } from './store.ts';
import { newMrrTargetPerMonth } from './targets.ts';

const HANDOFF_STAGE: Record<string, string> = {
  mql: 'mql',
  sql: 'sql',
  won: 'customer',
  expansion: 'customer',
  // A recycled lead that wakes goes back to nurturing and to an SDR to re-approach.
  recycle: 'nurturing',
};
/** The stages whose daily in-flows get control bands. */
const ANOMALY_STAGES = ['lead', 'mql', 'sql'] as const;
const ENTITY: Record<string, AffectedItem['type']> = {
  lead: 'person',
  opportunity: 'opportunity',
  customer: 'account',
};

/**
 * Bottlenecks of the chain (`GET /api/v1/reports/bottlenecks`): the current period (the
 * one holding `to`) against the three before it, ranked by the New MRR at stake.
 */
export async function getBottlenecks(
  ctx: RequestContext,
  params: ReportParams,
  options: { report?: ReportContext } = {},
) {
  const { cal, defs, query, today } = options.report ?? (await loadReportContext(ctx, params));
  const def = defs.lead as LifecycleDefinition;
  const grain = query.grain;
  const current = periodStart(query.to, grain, cal);
  let start = current;
  for (let i = 0; i < THRESHOLDS.buildupPeriods; i++) start = periodStart(previousDay(start), grain, cal);
  const labels = periodsBetween(start, query.to, grain, cal);
  // Control bands over daily in-flows: the current week against the four weeks before it.
  const dayFrom = shiftDay(query.to, -(THRESHOLDS.anomalyBaselineDays + 7) + 1);
  // Independent reads, started together: on PostgreSQL each takes its own pooled
  // connection, so the report waits for the slowest rather than their sum.
  const [periodTotals, closed, capacity, opps, accounts, overdue, hygiene, daily, target] = await Promise.all(
    [
      funnelTotals(ctx, cal, 'lead', {
        view: 'period',
        grain,
        from: start,
        to: query.to,
        slice: query.slice,
      }),
      closedByPeriod(ctx, cal, grain, start, query.to),
      roleCapacity(ctx),
      currentBalances(ctx, 'opportunity'),
      currentBalances(ctx, 'customer'),
      overdueHandoffs(ctx),
      hygieneGroups(ctx, today, THRESHOLDS.staleDays, THRESHOLDS.maxAffected),
      dailyInflows(ctx, {
        lifecycle: 'lead',
        stages: [...ANOMALY_STAGES],
        from: dayFrom,
        to: query.to,
        slice: query.slice,
      }),
      newMrrTargetPerMonth(ctx, cal, query.to),
    ],
  );
  const funnel = shapeFunnel(periodTotals, def, cal, {
    view: 'period',
    grain,
    from: start,
    to: query.to,
    slice: query.slice,
  }) as PeriodReport;
  const now = funnel.periods.at(-1)!;
  const base = funnel.periods.slice(0, -1);
  const path = funnelPath(def).map((s) => s.key);
  const role = (k: string) => def.stages.find((s) => s.key === k)?.owningRole ?? null;
  const sumBase = (k: string, f: (p: (typeof base)[number]['stages'][string]) => number) =>
    base.reduce((s, p) => s + (p.stages[k] ? f(p.stages[k]) : 0), 0);

  // What one record at a stage is worth: P(reaching a win) × MRR per win, at baseline rates.
  const wins = closed.reduce((s, c) => s + c.wins, 0);
  const lost = closed.reduce((s, c) => s + c.lost, 0);
  const mrrPerWin = wins > 0 ? closed.reduce((s, c) => s + c.mrr, 0) / wins : null;
  const sqls = funnel.periods.reduce((s, p) => s + (p.stages.sql?.inflow ?? 0), 0);
  const sqlToWon = sqls > 0 ? Math.min(1, wins / sqls) : null;
  const rate = (k: string) => {
    const n = path[path.indexOf(k) + 1];
    const exits = sumBase(k, (x) => Object.values(x.outflow).reduce((a, b) => a + b, 0));
    return n && exits > 0 ? sumBase(k, (x) => x.outflow[n] ?? 0) / exits : null;
  };
  const toWon = (k: string): number | null => {
    const i = path.indexOf(k);
    const sqlAt = path.indexOf('sql');
    if (i < 0 || sqlToWon === null) return null;
    if (i >= sqlAt) return i === sqlAt ? sqlToWon : 1;
    let p = sqlToWon;
    for (const s of path.slice(i, sqlAt)) {
      const r = rate(s);
      if (r === null) return null;
      p *= r;
    }
    return p;
  };
  const stageValue = (k: string) => {
    const p = toWon(k);
    return p === null || mrrPerWin === null ? null : p * mrrPerWin;
  };

  const findings: Finding[] = [];
  findings.push(
    ...detectConversionDrops(
      path.slice(0, -1).map((k) => {
        const n = path[path.indexOf(k) + 1]!;
        const exits = (x: { outflow: Record<string, number> }) =>
          Object.values(x.outflow).reduce((a, b) => a + b, 0);
        return {
          stage: k,
          next: n,
          owningRole: role(k),
          current: {
            forward: now.stages[k]?.outflow[n] ?? 0,
            exits: now.stages[k] ? exits(now.stages[k]) : 0,
          },
          baseline: { forward: sumBase(k, (x) => x.outflow[n] ?? 0), exits: sumBase(k, exits) },
        };
      }),
      stageValue,
    ),
  );
  const series = path.slice(0, -1).map((k) => ({
    stage: k,
    owningRole: role(k),
    periods: labels,
    balance: funnel.periods.map((p) => p.stages[k]?.balance ?? 0),
    outflow: funnel.periods.map((p) => Object.values(p.stages[k]?.outflow ?? {}).reduce((a, b) => a + b, 0)),
    medianDwellHours: funnel.periods.map((p) => p.stages[k]?.velocity.medianHours ?? null),
    oldest: [] as AffectedItem[],
  }));
  const buildups = detectInventoryBuildup(series, stageValue);
  for (const f of buildups) {
    const ids = await oldestInStage(ctx, 'lead', f.stage!, THRESHOLDS.maxAffected);
    f.affected = ids.map((id) => ({ type: ENTITY.lead!, id }));
  }
  findings.push(...buildups);

  const days = Math.max(1, (Date.parse(query.to) - Date.parse(current)) / 86_400_000 + 1);
  const openDeals = [...opps].filter(([s]) => s !== 'won' && s !== 'lost').reduce((a, [, n]) => a + n, 0);
  const members = (r: string) => (capacity.get(r)?.users ?? []).map((id) => ({ type: 'user' as const, id }));
  const loads: RoleLoad[] = [
    // IS capacity is half-hour slots a week; each new MQL takes at least one.
    {
      role: 'mdr',
      stage: 'mql',
      demand: ((now.stages.mql?.inflow ?? 0) / days) * 7,
      capacity: capacity.get('mdr')?.capacity ?? null,
      unit: 'MQLs a week vs IS slots a week',
      members: members('mdr'),
    },
    {
      role: 'ae',
      stage: 'opportunity',
      demand: openDeals,
      capacity: capacity.get('ae')?.capacity ?? null,
      unit: 'open deals vs AE open-deal limit',
      members: members('ae'),
    },
    {
      role: 'onb',
      stage: 'customer',
      demand: accounts.get('onboarding') ?? 0,
      capacity: capacity.get('onb')?.capacity ?? null,
      unit: 'accounts onboarding vs ONB capacity',
      members: members('onb'),
    },
  ];
  findings.push(...detectCapacityOverload(loads, stageValue));

  // The plan's conversion, measured as planning measures it (cohorts, not exits): of the
  // records of the baseline cohorts that reached MQL, the share that reached SQL, times
  // SQL → won. MQLs left waiting in a queue count against it, as they do against the plan.
  const reachedIn = (k: string) =>
    labels.slice(0, -1).reduce((n, l) => n + (periodTotals.reached[l]?.[k] ?? 0), 0);
  const mqlCohort = reachedIn('mql');
  const mqlToWon = mqlCohort > 0 && sqlToWon !== null ? (reachedIn('sql') / mqlCohort) * sqlToWon : null;
  findings.push(
    ...detectSupplyShortage({
      targetNewMrr: target === null ? null : target * (days / 30.4),
      mqls: now.stages.mql?.inflow ?? 0,
      mqlToWon,
      mrrPerWin,
      period: now.period,
    }),
  );
  findings.push(
    ...detectSlaBreaches(
      overdue.map((h) => ({ ...h, stage: HANDOFF_STAGE[h.kind] ?? h.kind })),
      stageValue,
    ),
  );
  findings.push(...detectPipelineHygiene(hygiene, wins + lost > 0 ? wins / (wins + lost) : null));

  const dayList = periodsBetween(dayFrom, query.to, 'day', cal);
  const inflow = new Map(daily.map((x) => [`${periodLabel(x.day, 'day', cal)}|${x.stage}`, x.n]));
  const anomalySeries = ANOMALY_STAGES.map((k) => ({
    kpi: `${k} in-flow per day`,
    stage: k,
    owningRole: role(k),
    days: dayList,
    values: dayList.map((d) => inflow.get(`${periodLabel(d, 'day', cal)}|${k}`) ?? 0),
  }));
  findings.push(...detectAnomalies(anomalySeries, 7, stageValue));

  const notEvaluated = [
    ...(target === null
      ? [
          {
            kind: 'supply_shortage',
            reason:
              'no New MRR target: no quotas for the period and no analytics.targets.newMrrPerMonth setting',
          },
        ]
      : []),
    ...(mrrPerWin === null
      ? [
          {
            kind: 'revenue_at_stake',
            reason: 'no new-business wins in the window: findings cannot be valued yet',
          },
        ]
      : []),
    ...loads
      .filter((l) => l.capacity === null)
      .map((l) => ({ kind: 'capacity_overload', reason: `no capacity recorded for role ${l.role}` })),
  ];
  return {
    period: now.period,
    baseline: labels.slice(0, -1),
    mrrPerWin: mrrPerWin === null ? null : Math.round(mrrPerWin),
    findings: rankFindings(findings),
    notEvaluated,
  };
}
