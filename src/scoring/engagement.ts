import type { EngagementRule, ScoringRules } from './rules.ts';

/**
 * Engagement with exact, order-free arithmetic. Each event contributes
 * `points · 2^((t − EPOCH) / halfLife)` as a fixed-point integer (SCALE_BITS fraction
 * bits), so a person's engagement is an integer sum kept at the fixed epoch: adding
 * events in any order, one at a time or all at once, gives the same integer, and
 * decaying to an instant T only divides by `2^((T − EPOCH) / halfLife)` when read.
 */
export const SCORE_EPOCH_MS = Date.UTC(2020, 0, 1);
const SCALE_BITS = 32;
const DAY_MS = 86_400_000;

/** An event as scoring sees it. */
export interface ScoredEvent {
  type: string;
  occurredAt: Date;
  properties: Record<string, unknown>;
}

function halfLives(at: Date, halfLifeDays: number): { whole: number; fraction: number } {
  const x = (at.getTime() - SCORE_EPOCH_MS) / (halfLifeDays * DAY_MS);
  const whole = Math.floor(x);
  return { whole, fraction: x - whole };
}

function matches(rule: EngagementRule, event: ScoredEvent): boolean {
  if (rule.eventType !== event.type) return false;
  if (!rule.property) return true;
  const raw = event.properties[rule.property];
  if (typeof raw !== 'string' && typeof raw !== 'number') return false;
  const value = String(raw);
  const expected = rule.value;
  switch (rule.op ?? 'eq') {
    case 'eq':
      return typeof expected === 'string' ? value === expected : false;
    case 'in':
      return Array.isArray(expected) ? expected.includes(value) : value === expected;
    case 'startsWith':
      return Array.isArray(expected)
        ? expected.some((e) => value.startsWith(e))
        : value.startsWith(expected ?? '');
  }
}

/** The first engagement rule that scores this event, if any. */
export function engagementRuleFor(rules: ScoringRules, event: ScoredEvent): EngagementRule | undefined {
  return rules.engagement.find((r) => matches(r, event));
}

/** The fixed-point contribution of `points` earned at `at` (0n for no points). */
export function contribution(points: number, at: Date, halfLifeDays: number): bigint {
  if (points === 0) return 0n;
  const { whole, fraction } = halfLives(at, halfLifeDays);
  const base = BigInt(Math.round(points * 2 ** fraction * 2 ** SCALE_BITS));
  return whole >= 0 ? base << BigInt(whole) : base >> BigInt(-whole);
}

/** The engagement points a fixed-point sum is worth at instant `at`, rounded to 0.01. */
export function engagementAt(raw: bigint, at: Date, halfLifeDays: number): number {
  if (raw === 0n) return 0;
  const { whole, fraction } = halfLives(at, halfLifeDays);
  const shifted = whole >= 0 ? raw >> BigInt(whole) : raw << BigInt(-whole);
  const value = (Number(shifted) / 2 ** SCALE_BITS) * 2 ** -fraction;
  return Math.round(value * 100) / 100;
}

/** What one event adds to a person's score under these rules. */
export interface EventScore {
  rule: EngagementRule | undefined;
  raw: bigint;
  handRaise: boolean;
}

export function scoreEvent(rules: ScoringRules, event: ScoredEvent): EventScore {
  const rule = engagementRuleFor(rules, event);
  if (!rule) return { rule, raw: 0n, handRaise: false };
  return {
    rule,
    raw: contribution(rule.points, event.occurredAt, rules.halfLifeDays),
    handRaise: rule.handRaise === true,
  };
}
