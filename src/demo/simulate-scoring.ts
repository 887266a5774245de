import { scoreEvents } from '../scoring/score-events.ts';
import type { DemoDayStep } from './day-steps.ts';
import type { DemoEvent } from './demo-market.ts';

/**
 * Marketing's day: the day's events are scored with the production rules in the day's
 * transaction, so form fills, seminars and email engagement raise real scores and the
 * people who cross the MQL rule (or raise a hand) become MQLs. People who arrived today
 * are scored from their whole history, which includes the anonymous browsing merged
 * into them when they identified.
 */
export const simulateScoring: DemoDayStep = async (ctx, day) => {
  const arrived = new Set(day.people.map((p) => p.id));
  await scoreEvents(ctx, {
    // The market's events as they are (scoring reads their id, type, time and properties).
    events: day.events.filter(
      (e): e is DemoEvent & { personId: string } => e.personId !== null && !arrived.has(e.personId),
    ),
    rescore: [...arrived],
  });
};
