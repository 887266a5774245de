import { moveEntities, type TransitionInput } from '../lifecycle/move-entities.ts';
import type { RequestContext } from '../platform/context.ts';
import { engagementAt, SCORE_EPOCH_MS } from './engagement.ts';
import { MQL_ENTRY_STAGES, mqlReason, NO_ENGAGEMENT, personScore, totalsOf } from './person-score.ts';
import type { ScoringRules } from './rules.ts';
import { type RulesInForce, ruleProperties, rulesInForce } from './rules-in-force.ts';
import {
  loadEventsByPerson,
  loadSubjectsAndRuleVersion,
  lockScores,
  type MqlCandidates,
  type PersonEvent,
  type ScoreWrite,
  type ScoringSubject,
  type StoredScore,
  writeScores,
} from './store.ts';

/** The divisor exponent that turns a raw sum into engagement at `at` (see engagement.ts). */
export function decayExponent(rules: ScoringRules, at: Date): number {
  return (at.getTime() - SCORE_EPOCH_MS) / (rules.halfLifeDays * 86_400_000) + 32;
}

export interface ScoreEventsInput {
  /** Newly stored events of known people: their points are added to the scores. */
  events: PersonEvent[];
  /** People whose whole history changed (identified visitors, merges): rescored from all their events. */
  rescore?: string[];
  rules?: RulesInForce;
}

export interface ScoreEventsResult {
  scored: number;
  mqls: { personId: string; reason: string; causeEventId: string | null }[];
}

/**
 * Brings the scores of the people these events belong to up to date, inside the
 * caller's transaction (the one that stored the events), and moves a lead or nurturing
 * person who now meets the MQL rule to mql, naming the event that caused it.
 */
export async function scoreEvents(ctx: RequestContext, input: ScoreEventsInput): Promise<ScoreEventsResult> {
  const rescore = new Set(input.rescore ?? []);
  const byPerson = new Map<string, PersonEvent[]>();
  for (const e of input.events) {
    if (rescore.has(e.personId)) continue;
    let list = byPerson.get(e.personId);
    if (!list) {
      list = [];
      byPerson.set(e.personId, list);
    }
    list.push(e);
  }
  const ids = [...new Set([...byPerson.keys(), ...rescore])];
  if (ids.length === 0) return { scored: 0, mqls: [] };
  const { subjects, ruleVersion } = await loadSubjectsAndRuleVersion(ctx, ids);
  const { version, rules } = input.rules ?? (await rulesInForce(ctx, ruleVersion));
  const exponent = decayExponent(rules, ctx.now());

  const increments: ScoreWrite[] = [];
  for (const [personId, events] of byPerson) {
    const subject = subjects.get(personId);
    if (subject) increments.push({ personId, ...personScore(rules, subject, totalsOf(rules, events)) });
  }
  const candidates = mqlCandidates(rules, subjects, ids);
  const stored = await writeScores(ctx, 'add', increments, version, exponent, candidates);

  const rescoreIds = [...rescore].filter((id) => subjects.has(id));
  const cause = new Map<string, string>();
  if (rescoreIds.length > 0) {
    await lockScores(ctx, rescoreIds, version);
    const grouped = await loadEventsByPerson(ctx, rescoreIds, ruleProperties(rules));
    const full = rescoreIds.map((personId) => {
      const own = grouped.get(personId);
      return {
        personId,
        ...personScore(rules, subjects.get(personId)!, own ? totalsOf(rules, own) : NO_ENGAGEMENT),
      };
    });
    stored.push(...(await writeScores(ctx, 'set', full, version, exponent, candidates)));
    for (const [id, events] of grouped) {
      const last = latestEventId(events);
      if (last) cause.set(id, last);
    }
  }
  for (const [id, events] of byPerson) {
    const last = latestEventId(events);
    if (last) cause.set(id, last);
  }
  const mqls = await promoteToMql(ctx, rules, version, stored, subjects, cause);
  return { scored: increments.length + rescoreIds.length, mqls };
}

/**
 * The written scores `promoteToMql` can act on: people still Marketing's, with a hand-raise
 * or engagement near the bar. The margin covers the stored engagement being rounded to six
 * places where `engagementAt` rounds to two; `mqlReason` then decides exactly.
 */
export function mqlCandidates(
  rules: ScoringRules,
  subjects: Map<string, ScoringSubject>,
  ids: string[],
): MqlCandidates {
  return {
    personIds: ids.filter((id) => MQL_ENTRY_STAGES.has(subjects.get(id)?.lifecycleStage ?? '')),
    minEngagement: rules.mql.minEngagement - 0.01,
  };
}

/** The id of the newest event (the greater id on a tie, whatever the order): what a score MQL names as its cause. */
export function latestEventId(events: PersonEvent[]): string | null {
  let best: PersonEvent | null = null;
  for (const e of events) {
    const d = best ? e.occurredAt.getTime() - best.occurredAt.getTime() : 1;
    if (d > 0 || (d === 0 && e.id > best!.id)) best = e;
  }
  return best?.id ?? null;
}

/**
 * Moves people who meet the MQL rule (and are still Marketing's) to mql, with the score as
 * context, in one batch of moves (a day of events can raise hundreds).
 */
export async function promoteToMql(
  ctx: RequestContext,
  rules: ScoringRules,
  version: number,
  scores: StoredScore[],
  subjects: Map<string, ScoringSubject>,
  cause: Map<string, string>,
): Promise<ScoreEventsResult['mqls']> {
  const now = ctx.now();
  const crossing: (ScoreEventsResult['mqls'][number] & { input: TransitionInput })[] = [];
  const seen = new Set<string>();
  for (const s of scores) {
    const subject = subjects.get(s.personId);
    if (!subject || !MQL_ENTRY_STAGES.has(subject.lifecycleStage) || seen.has(s.personId)) continue;
    const reason = mqlReason(rules, s, now);
    if (!reason) continue;
    seen.add(s.personId);
    const causeEventId = reason === 'hand_raise' ? s.handRaiseEventId : (cause.get(s.personId) ?? null);
    const engagement = engagementAt(s.raw, now, rules.halfLifeDays);
    crossing.push({
      personId: s.personId,
      reason,
      causeEventId,
      input: {
        entityType: 'person',
        entityId: s.personId,
        to: 'mql',
        reason: reason === 'hand_raise' ? 'hand-raise' : `score ${engagement} / grade ${s.grade}`,
        causeEventId,
        context: {
          score: {
            ruleVersion: version,
            reason,
            engagement,
            grade: s.grade,
            fitPoints: s.fitPoints,
            handRaisedAt: s.handRaisedAt,
          },
        },
      },
    });
  }
  if (crossing.length === 0) return [];
  // In person order: the order the score writes return rows in is the plan's, and the
  // moves' order decides who a round robin serves first.
  crossing.sort((a, b) => (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0));
  const outcomes = await moveEntities(
    ctx,
    crossing.map((c) => c.input),
  );
  const out: ScoreEventsResult['mqls'] = [];
  outcomes.forEach((o, i) => {
    const { input: _input, ...mql } = crossing[i]!;
    if (o.ok) {
      subjects.get(mql.personId)!.lifecycleStage = 'mql';
      out.push(mql);
    } else if (o.error.code !== 'conflict') {
      // Someone moved the person on meanwhile (e.g. to sal) is a conflict: the hand-off is no longer Marketing's.
      throw o.error;
    }
  });
  return out;
}
