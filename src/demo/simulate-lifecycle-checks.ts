import { checkSla } from '../lifecycle/check-sla.ts';
import { wakeRecycles } from '../lifecycle/wake-recycles.ts';
import type { DemoDayStep } from './day-steps.ts';

/**
 * What the jobs runner does through a real day, run at the day's end: hand-offs left
 * unanswered past their SLA are marked stale (their owners and managers notified), and
 * recycled leads whose re-approach date has come go back to nurturing and the IS queue.
 */
export const simulateLifecycleChecks: DemoDayStep = async (ctx) => {
  while ((await checkSla(ctx)).more) {}
  while ((await wakeRecycles(ctx)).more) {}
};
