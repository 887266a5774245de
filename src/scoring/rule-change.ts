import type { FitSubject } from './fit.ts';
import {
  type IdentifiedEvent,
  MQL_ENTRY_STAGES,
  mqlReason,
  NO_ENGAGEMENT,
  personScore,
  totalsOf,
} from './person-score.ts';
import { GRADES, type Grade, type ScoringRules } from './rules.ts';

/** What a set of rules makes of one person at one instant. */
export interface ScoreOutcome {
  grade: Grade;
  meetsMql: boolean;
}

export function outcomeOf(
  rules: ScoringRules,
  subject: FitSubject,
  events: IdentifiedEvent[],
  at: Date,
): ScoreOutcome {
  const score = personScore(rules, subject, events.length ? totalsOf(rules, events) : NO_ENGAGEMENT);
  return { grade: score.grade, meetsMql: mqlReason(rules, score, at) !== null };
}

type GradeCounts = Record<Grade, number>;
const noGrades = (): GradeCounts => ({ A: 0, B: 0, C: 0, D: 0 });

/**
 * How a change of rules would move people: grades before and after, who would newly meet
 * or stop meeting the MQL rule, and how many of the newly meeting would be moved to mql
 * on saving (only people Marketing still holds are promoted; nobody is demoted).
 */
export interface RuleChangeTally {
  people: number;
  gradesBefore: GradeCounts;
  gradesAfter: GradeCounts;
  gradeChanges: number;
  /** `from → to` counts of the people whose grade changes, e.g. `{ from: 'B', to: 'C', people: 4 }`. */
  gradeMoves: { from: Grade; to: Grade; people: number }[];
  meetingBefore: number;
  meetingAfter: number;
  newlyCrossing: number;
  stopCrossing: number;
  wouldPromote: number;
}

export function emptyTally(): RuleChangeTally {
  return {
    people: 0,
    gradesBefore: noGrades(),
    gradesAfter: noGrades(),
    gradeChanges: 0,
    gradeMoves: [],
    meetingBefore: 0,
    meetingAfter: 0,
    newlyCrossing: 0,
    stopCrossing: 0,
    wouldPromote: 0,
  };
}

/** Adds one person to the tally (mutates and returns it, so a scan of many people stays cheap). */
export function tallyPerson(
  tally: RuleChangeTally,
  before: ScoreOutcome,
  after: ScoreOutcome,
  lifecycleStage: string,
): RuleChangeTally {
  tally.people++;
  tally.gradesBefore[before.grade]++;
  tally.gradesAfter[after.grade]++;
  if (before.grade !== after.grade) {
    tally.gradeChanges++;
    const move = tally.gradeMoves.find((m) => m.from === before.grade && m.to === after.grade);
    if (move) move.people++;
    else tally.gradeMoves.push({ from: before.grade, to: after.grade, people: 1 });
  }
  if (before.meetsMql) tally.meetingBefore++;
  if (after.meetsMql) tally.meetingAfter++;
  if (after.meetsMql && !before.meetsMql) {
    tally.newlyCrossing++;
    if (MQL_ENTRY_STAGES.has(lifecycleStage)) tally.wouldPromote++;
  }
  if (before.meetsMql && !after.meetsMql) tally.stopCrossing++;
  return tally;
}

/** Grade moves best-first, so a table of them reads A→B before C→D. */
export function sortedMoves(moves: RuleChangeTally['gradeMoves']): RuleChangeTally['gradeMoves'] {
  const rank = (g: Grade) => GRADES.indexOf(g);
  return [...moves].sort((a, b) => rank(a.from) - rank(b.from) || rank(a.to) - rank(b.to));
}
