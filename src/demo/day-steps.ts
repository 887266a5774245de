import type { RequestContext } from '../platform/context.ts';
import type { Rng } from '../platform/random.ts';
import type { DemoEvent, DemoMarket, DemoPerson } from './demo-market.ts';
import { simulateRecycleWakeUp, simulateSlaChecks } from './simulate-lifecycle-checks.ts';
import { simulateSalesFloor } from './simulate-sales-floor.ts';
import { simulateScoring } from './simulate-scoring.ts';
import { simulateSuccess } from './simulate-success.ts';

/** What one simulated day brought: the people who arrived and the events that happened. */
export interface DemoDay {
  index: number;
  start: Date;
  end: Date;
  people: DemoPerson[];
  events: DemoEvent[];
  market: DemoMarket;
  /** Team members by demo key (see demo-org.ts) → user id. */
  users: Map<string, string>;
  rng: Rng;
}

/**
 * A step the demo runs at the end of every simulated day, inside that day's transaction,
 * after the day's people and events are written. Each slice adds its own (scoring turns
 * events into scores and MQLs, the sales floor works the queues, …), using the
 * production use cases with `ctx.now()` set to the end of the day.
 */
export type DemoDayStep = (ctx: RequestContext, day: DemoDay) => Promise<void>;

/**
 * In order: upstream departments first, as the baton is passed. Scoring moves the day's
 * MQLs through the production rules; recycled leads due today wake up; the sales floor
 * works the queues with the same use cases a rep would call (answer hand-offs, qualify,
 * open and advance opportunities, win or lose); Customer Success turns the wins into
 * subscriptions, onboards, renews and watches health; the SLA check closes the day.
 */
export const DEMO_DAY_STEPS: DemoDayStep[] = [
  simulateScoring,
  simulateRecycleWakeUp,
  simulateSalesFloor,
  simulateSuccess,
  simulateSlaChecks,
];
