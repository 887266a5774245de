import { scoreEvents } from '../scoring/score-events.ts';
import type { DemoDayStep } from './day-steps.ts';

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
    events: day.events.flatMap((e) =>
      e.personId && !arrived.has(e.personId)
        ? [
            {
              id: e.id,
              personId: e.personId,
              type: e.type,
              occurredAt: e.occurredAt,
              properties: e.properties,
            },
          ]
        : [],
    ),
    rescore: [...arrived],
  });
};
