import { checkSla } from '../lifecycle/check-sla.ts';
import { wakeRecycles } from '../lifecycle/wake-recycles.ts';
import type { DemoDayStep } from './day-steps.ts';

/**
 * The lifecycle's own jobs through a simulated day. Before the reps start: recycled leads
 * whose re-approach date has come go back to nurturing and into the IS queue. After
 * everyone has worked: hand-offs left unanswered past their SLA are marked stale and their
 * owners and managers notified.
 */
export const simulateRecycleWakeUp: DemoDayStep = async (ctx) => {
  while ((await wakeRecycles(ctx)).more) {}
};

export const simulateSlaChecks: DemoDayStep = async (ctx) => {
  while ((await checkSla(ctx)).more) {}
};
