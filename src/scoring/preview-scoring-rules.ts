import { assertCan } from '../platform/access.ts';
import type { RequestContext } from '../platform/context.ts';
import { inTransaction } from '../platform/transaction.ts';
import { emptyTally, outcomeOf, type RuleChangeTally, sortedMoves, tallyPerson } from './rule-change.ts';
import type { ScoringRules } from './rules.ts';
import { ruleProperties, rulesInForce } from './rules-in-force.ts';
import { idRange, loadEventsByPerson, loadSubjects, nextPersonIds } from './store.ts';

export interface ScoringPreview extends RuleChangeTally {
  /** The version the proposal is compared with. */
  baseVersion: number;
  asOf: Date;
}

const BATCH = 1000;

/**
 * What saving `proposed` would do, without writing anything: every person is scored from
 * all their events under the rules in force and under the proposal, with the same pure
 * functions as a recompute, and the differences are counted. The scan reads the whole
 * workspace in batches of people (its cost is that of a recompute without the writes).
 */
export async function previewScoringRules(
  ctx: RequestContext,
  proposed: ScoringRules,
): Promise<ScoringPreview> {
  await assertCan(ctx, 'campaigns', 'write', 'all');
  const { version, rules: current } = await inTransaction(ctx, (tx) => rulesInForce(tx));
  const properties = [...new Set([...ruleProperties(current), ...ruleProperties(proposed)])];
  const at = ctx.now();
  const tally = emptyTally();
  let after: string | null = null;
  for (;;) {
    const ids = await nextPersonIds(ctx, after, BATCH);
    if (ids.length === 0) break;
    after = ids[ids.length - 1]!;
    const range = idRange(ids);
    const [subjects, events] = await Promise.all([
      loadSubjects(ctx, range),
      loadEventsByPerson(ctx, range, properties),
    ]);
    for (const id of ids) {
      const subject = subjects.get(id);
      if (!subject) continue;
      const own = events.get(id) ?? [];
      tallyPerson(
        tally,
        outcomeOf(current, subject, own, at),
        outcomeOf(proposed, subject, own, at),
        subject.lifecycleStage,
      );
    }
  }
  return { ...tally, gradeMoves: sortedMoves(tally.gradeMoves), baseVersion: version, asOf: at };
}
