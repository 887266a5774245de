import { engagementAt, type ScoredEvent, scoreEvent } from './engagement.ts';
import { evaluateFit, type FitSubject, gradeAtLeast } from './fit.ts';
import type { Grade, ScoringRules } from './rules.ts';

/** What events add to a person's score; combines the same in any order (a commutative sum). */
export interface EngagementTotals {
  raw: bigint;
  eventCount: number;
  lastEventAt: Date | null;
  handRaisedAt: Date | null;
  handRaiseEventId: string | null;
}

export const NO_ENGAGEMENT: EngagementTotals = {
  raw: 0n,
  eventCount: 0,
  lastEventAt: null,
  handRaisedAt: null,
  handRaiseEventId: null,
};

export interface IdentifiedEvent extends ScoredEvent {
  id: string;
}

/** The earlier hand-raise wins; equal times are broken by event id so the result is order-free. */
function earlierHandRaise(
  a: EngagementTotals,
  b: EngagementTotals,
): Pick<EngagementTotals, 'handRaisedAt' | 'handRaiseEventId'> {
  if (!a.handRaisedAt) return b;
  if (!b.handRaisedAt) return a;
  const d = a.handRaisedAt.getTime() - b.handRaisedAt.getTime();
  if (d < 0 || (d === 0 && (a.handRaiseEventId ?? '') <= (b.handRaiseEventId ?? ''))) return a;
  return b;
}

export function combineTotals(a: EngagementTotals, b: EngagementTotals): EngagementTotals {
  const last =
    !a.lastEventAt || (b.lastEventAt && b.lastEventAt.getTime() > a.lastEventAt.getTime())
      ? b.lastEventAt
      : a.lastEventAt;
  const hand = earlierHandRaise(a, b);
  return {
    raw: a.raw + b.raw,
    eventCount: a.eventCount + b.eventCount,
    lastEventAt: last,
    handRaisedAt: hand.handRaisedAt,
    handRaiseEventId: hand.handRaiseEventId,
  };
}

/**
 * Totals of a set of events under the rules: the same as folding `combineTotals` over
 * one-event totals, without an object per event (a full recompute runs this on millions).
 */
export function totalsOf(rules: ScoringRules, events: IdentifiedEvent[]): EngagementTotals {
  let raw = 0n;
  let last: Date | null = null;
  let handRaisedAt: Date | null = null;
  let handRaiseEventId: string | null = null;
  for (const e of events) {
    const s = scoreEvent(rules, e);
    raw += s.raw;
    const at = e.occurredAt.getTime();
    if (!last || at > last.getTime()) last = e.occurredAt;
    if (s.handRaise) {
      const d = handRaisedAt ? handRaisedAt.getTime() - at : 1;
      if (d > 0 || (d === 0 && e.id < (handRaiseEventId ?? ''))) {
        handRaisedAt = e.occurredAt;
        handRaiseEventId = e.id;
      }
    }
  }
  return { raw, eventCount: events.length, lastEventAt: last, handRaisedAt, handRaiseEventId };
}

/** A person's full score: fit (grade) and engagement totals. */
export interface PersonScore extends EngagementTotals {
  fitPoints: number;
  grade: Grade;
}

export function personScore(rules: ScoringRules, subject: FitSubject, totals: EngagementTotals): PersonScore {
  const fit = evaluateFit(rules, subject);
  return { ...totals, fitPoints: fit.points, grade: fit.grade };
}

/** Stages from which crossing the MQL rule hands the lead to Inside Sales. */
export const MQL_ENTRY_STAGES = new Set(['lead', 'nurturing']);

export type MqlReason = 'hand_raise' | 'score';

/** The MQL rule: a hand-raise, or engagement (decayed to `at`) and grade both high enough. */
export function mqlReason(
  rules: ScoringRules,
  score: Pick<PersonScore, 'raw' | 'grade' | 'handRaisedAt'>,
  at: Date,
): MqlReason | null {
  if (rules.mql.handRaise && score.handRaisedAt) return 'hand_raise';
  if (
    engagementAt(score.raw, at, rules.halfLifeDays) >= rules.mql.minEngagement &&
    gradeAtLeast(score.grade, rules.mql.minGrade)
  )
    return 'score';
  return null;
}
