import { type ReversePlan, STAGES, type Stage } from './api.ts';

/**
 * Volumes below what one decimal shows are the far tails of a lag distribution (a
 * ten-thousandth of a lead two years ahead): shown as empty, and the months holding
 * nothing else are left out.
 */
export const SHOWN = 0.05;

export function shownRows(plan: ReversePlan): ReversePlan['waterfall'] {
  const first = plan.waterfall.findIndex((r) => STAGES.some((s) => r[s] >= SHOWN));
  return first < 0 ? plan.waterfall : plan.waterfall.slice(first);
}

/** The first month a stage must take in a visible volume: when that part of the funnel starts. */
export function firstMonth(plan: ReversePlan, stage: Stage): string | undefined {
  return plan.waterfall.find((r) => r[stage] >= SHOWN)?.month;
}
