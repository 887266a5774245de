import type { RequestContext } from '../platform/context.ts';
import { accountsInSegment, type SegmentOrPod } from '../routing/accounts-in-segment.ts';
import { type Assumptions, assumptionsSchema, type Step } from './assumptions.ts';
import { measureStep, measureWins, roleCapacities } from './store.ts';

const DAY = 86_400_000;

/** How each assumption was measured, so a plan can show its evidence. */
export interface Evidence {
  window: { from: string; to: string };
  steps: Record<Step, { entered: number; reached: number }>;
  wins: { won: number; lost: number };
  headcount: Record<string, number>;
  /** The segment or POD the plan is for (all records when absent). */
  slice?: SegmentOrPod & { label: string };
  /** Whose headcount the capacity plan counts: everyone, one POD, or the PODs that worked a segment. */
  capacityScope: { kind: 'workspace' | 'pods'; teamIds: string[] };
}

const LATER: Record<Exclude<Step, 'opportunity_to_won'>, { from: string; to: string[] }> = {
  lead_to_mql: { from: 'lead', to: ['mql', 'sal', 'sql', 'opportunity', 'customer'] },
  mql_to_sql: { from: 'mql', to: ['sql', 'opportunity', 'customer'] },
  sql_to_opportunity: { from: 'sql', to: ['opportunity', 'customer'] },
};

function pmf(histogram: Map<number, number>): number[] {
  const total = [...histogram.values()].reduce((s, n) => s + n, 0);
  if (total === 0) return [1];
  const longest = Math.min(35, Math.max(...histogram.keys()));
  const out = Array.from({ length: longest + 1 }, () => 0);
  for (const [lag, n] of histogram) out[Math.min(longest, lag)]! += n / total;
  return out;
}

/**
 * The workspace's own numbers (not benchmarks) over a measurement window: cohort
 * conversion and lag of each step from stage history, win rate and MRR per win from
 * closed opportunities, lead supply, and headcount and capacity from memberships.
 */
export async function measureAssumptions(
  ctx: RequestContext,
  windowMonths = 12,
  requested?: SegmentOrPod,
): Promise<{ assumptions: Assumptions; evidence: Evidence }> {
  const found = requested ? await accountsInSegment(ctx, requested) : undefined;
  const scope = found ? { accountIds: found.accountIds } : undefined;
  const slice = found ? { dimension: found.dimension, value: found.value, label: found.label } : undefined;
  // A segment that no POD owns (Islands, Assembly Line) shares the whole floor's capacity.
  const teamIds = found?.podIds.length ? found.podIds : undefined;
  const to = ctx.now();
  const from = new Date(to.getTime() - windowMonths * 30.44 * DAY);
  const steps = {} as Evidence['steps'];
  const rates = {} as Record<Step, number>;
  const lags = {} as Record<Step, number[]>;
  for (const [step, q] of Object.entries(LATER) as [
    Exclude<Step, 'opportunity_to_won'>,
    { from: string; to: string[] },
  ][]) {
    const m = await measureStep(ctx, {
      lifecycle: 'lead',
      fromStage: q.from,
      toStages: q.to,
      from,
      to,
      scope,
    });
    steps[step] = { entered: m.entered, reached: m.reached };
    rates[step] = m.entered > 0 ? m.reached / m.entered : 0;
    lags[step] = pmf(m.lagMonths);
  }
  const opp = await measureStep(ctx, {
    lifecycle: 'opportunity',
    fromStage: 'qualification',
    toStages: ['won'],
    from,
    to,
    scope,
  });
  const wins = await measureWins(ctx, from, to, scope);
  steps.opportunity_to_won = { entered: opp.entered, reached: opp.reached };
  // Win rate over decided deals: open ones have not had their chance yet.
  rates.opportunity_to_won = wins.won + wins.lost > 0 ? wins.won / (wins.won + wins.lost) : 0;
  lags.opportunity_to_won = pmf(opp.lagMonths);
  const leadEntries = await measureStep(ctx, {
    lifecycle: 'lead',
    fromStage: 'lead',
    toStages: ['lead'],
    from,
    to,
    scope,
  });

  const caps = await roleCapacities(ctx, teamIds);
  const members = (roles: string[]) =>
    caps.filter((c) => roles.includes(c.role)).reduce((s, c) => s + c.members, 0);
  const meanCap = (role: string, fallback: number) =>
    caps.find((c) => c.role === role)?.mean_capacity ?? fallback;
  const assumptions = assumptionsSchema.parse({
    rates,
    lags,
    mrrPerWin: wins.meanMrr && wins.meanMrr > 0 ? wins.meanMrr : 1,
    mrrPerWinSigma: Math.min(3, wins.logSd ?? 0),
    leadsPerMonth: leadEntries.entered / windowMonths,
    capacity: {
      is: { headcount: members(['mdr', 'sdr']), slotsPerWeek: meanCap('mdr', 80), slotsPerMql: 4 },
      ae: { headcount: members(['ae']), maxOpenOpportunities: meanCap('ae', 25) },
      onb: { headcount: members(['onb']), maxAccounts: meanCap('onb', 8), onboardingMonths: 1.5 },
    },
  });
  return {
    assumptions,
    evidence: {
      window: { from: from.toISOString(), to: to.toISOString() },
      steps,
      wins: { won: wins.won, lost: wins.lost },
      headcount: Object.fromEntries(caps.map((c) => [c.role, c.members])),
      ...(slice ? { slice } : {}),
      capacityScope: teamIds ? { kind: 'pods', teamIds } : { kind: 'workspace', teamIds: [] },
    },
  };
}
