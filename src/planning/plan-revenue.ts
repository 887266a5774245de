import { assertCan } from '../platform/access.ts';
import type { RequestContext } from '../platform/context.ts';
import { segmentChoices } from '../routing/accounts-in-segment.ts';
import { currentWorkspace } from '../workspace/get-workspace.ts';
import { type Assumptions, STAGES } from './assumptions.ts';
import { capacityPlan } from './capacity.ts';
import { reverseWaterfall } from './funnel-model.ts';
import { rankLevers } from './levers.ts';
import { type Evidence, measureAssumptions } from './measure-assumptions.ts';
import {
  applyOverrides,
  assertPlannable,
  monthlyTargets,
  type PlanRequest,
  planRequestSchema,
} from './plan-request.ts';
import { simulatePlan } from './plan-simulation.ts';

async function prepare(ctx: RequestContext, raw: PlanRequest) {
  await assertCan(ctx, 'planning', 'read', 'all');
  const request = planRequestSchema.parse(raw);
  const workspace = await currentWorkspace(ctx);
  const targets = monthlyTargets(request.period, request.target, workspace.fiscalYearStartMonth);
  const measured = await measureAssumptions(ctx, request.windowMonths, request.slice);
  const assumptions = applyOverrides(measured.assumptions, request.overrides);
  assertPlannable(assumptions, measured.evidence);
  return { request, targets, months: targets.map((t) => t.month), assumptions, evidence: measured.evidence };
}

export interface ReversePlan {
  period: string;
  target: number;
  assumptions: Assumptions;
  evidence: Evidence;
  /** Volume that must enter each stage each month (earlier months included). */
  waterfall: ({ month: string } & Record<(typeof STAGES)[number], number>)[];
  totals: Record<(typeof STAGES)[number], number>;
  capacity: ReturnType<typeof capacityPlan>;
}

/** 逆算: the target → wins, opportunities, SQLs, MQLs and leads by month, and the people it takes. */
export async function planReverse(ctx: RequestContext, raw: PlanRequest): Promise<ReversePlan> {
  const { request, targets, assumptions, evidence } = await prepare(ctx, raw);
  const volumes = reverseWaterfall(targets, assumptions);
  const months = [...new Set(STAGES.flatMap((s) => [...volumes[s].keys()]))].sort();
  const waterfall = months.map((month) => ({
    month,
    ...(Object.fromEntries(STAGES.map((s) => [s, volumes[s].get(month) ?? 0])) as Record<
      (typeof STAGES)[number],
      number
    >),
  }));
  const totals = Object.fromEntries(
    STAGES.map((s) => [s, [...volumes[s].values()].reduce((a, b) => a + b, 0)]),
  ) as Record<(typeof STAGES)[number], number>;
  return {
    period: request.period,
    target: request.target,
    assumptions,
    evidence,
    waterfall,
    totals,
    capacity: capacityPlan(volumes, assumptions),
  };
}

/** P(hit target) and P10/P50/P90 of New MRR over the period, seeded. */
export async function planSimulate(ctx: RequestContext, raw: PlanRequest & { runs?: number; seed?: number }) {
  const { runs, seed, ...rest } = raw;
  const { request, months, assumptions } = await prepare(ctx, rest);
  return {
    period: request.period,
    ...simulatePlan(months, request.target, assumptions, { runs: runs ?? 10_000, seed: seed ?? 1 }),
  };
}

/** The New MRR effect of +fraction on each lever at today's supply and capacity, ranked. */
export async function planLevers(ctx: RequestContext, raw: PlanRequest & { fraction?: number }) {
  const { fraction, ...rest } = raw;
  const { request, months, assumptions } = await prepare(ctx, rest);
  return {
    period: request.period,
    fraction: fraction ?? 0.1,
    ...rankLevers(months, assumptions, fraction ?? 0.1),
  };
}

/** What a plan can be narrowed to: the workspace's segments (tiers) and PODs. */
export async function planSlices(ctx: RequestContext) {
  await assertCan(ctx, 'planning', 'read', 'all');
  return segmentChoices(ctx);
}
