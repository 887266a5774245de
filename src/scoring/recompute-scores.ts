import type { RequestContext } from '../platform/context.ts';
import { type Progress, silentProgress } from '../platform/progress.ts';
import { inTransaction } from '../platform/transaction.ts';
import { NO_ENGAGEMENT, personScore, totalsOf } from './person-score.ts';
import { ruleProperties, rulesInForce } from './rules-in-force.ts';
import { decayExponent, promoteToMql } from './score-events.ts';
import {
  countPeople,
  loadEventsOfPeople,
  loadSubjects,
  lockScores,
  nextPersonIds,
  type PersonEvent,
  writeScores,
} from './store.ts';

/** Where a recompute stands: resume from here after a restart. */
export interface RecomputeCursor {
  afterPersonId: string | null;
  done: number;
}

export interface RecomputeOptions {
  progress?: Progress;
  cursor?: RecomputeCursor;
  batchSize?: number;
  /** Called after each committed batch (a job stores the cursor here). */
  onBatch?: (cursor: RecomputeCursor) => Promise<void> | void;
  /** Move people who now meet the MQL rule to mql (default true). */
  promote?: boolean;
  /** Stop after this many batches (a job runs one chunk per claim and resumes from the cursor). */
  maxBatches?: number;
}

export interface RecomputeResult {
  ruleVersion: number;
  people: number;
  mqls: number;
  cursor: RecomputeCursor;
  /** False when `maxBatches` stopped it before the last person. */
  finished: boolean;
}

/**
 * Recomputes every person's score from all their events under the rules in force, in
 * batches of people, each batch its own transaction. It is resumable: pass the last
 * cursor to continue. The result equals what incremental scoring produced (same pure
 * functions, exact integer sums), which the property test checks.
 */
export async function recomputeScores(
  ctx: RequestContext,
  options: RecomputeOptions = {},
): Promise<RecomputeResult> {
  const progress = options.progress ?? silentProgress;
  const batchSize = options.batchSize ?? 2000;
  const { version, rules } = await inTransaction(ctx, (tx) => rulesInForce(tx));
  const properties = ruleProperties(rules);
  let cursor: RecomputeCursor = options.cursor ?? { afterPersonId: null, done: 0 };
  let mqls = 0;
  let batches = 0;
  let finished = false;
  progress.start('Recomputing scores', await countPeople(ctx));
  progress.update(cursor.done);
  while (options.maxBatches === undefined || batches < options.maxBatches) {
    const batch = await inTransaction(ctx, async (tx) => {
      const ids = await nextPersonIds(tx, cursor.afterPersonId, batchSize);
      if (ids.length === 0) return null;
      await lockScores(tx, ids, version);
      const [subjects, events] = await Promise.all([
        loadSubjects(tx, ids),
        loadEventsOfPeople(tx, ids, properties),
      ]);
      const grouped = new Map<string, PersonEvent[]>();
      for (const e of events) {
        let list = grouped.get(e.personId);
        if (!list) {
          list = [];
          grouped.set(e.personId, list);
        }
        list.push(e);
      }
      const rows = ids.flatMap((personId) => {
        const subject = subjects.get(personId);
        if (!subject) return [];
        const own = grouped.get(personId);
        return [{ personId, ...personScore(rules, subject, own ? totalsOf(rules, own) : NO_ENGAGEMENT) }];
      });
      const stored = await writeScores(tx, 'set', rows, version, decayExponent(rules, tx.now()));
      if (options.promote !== false) {
        const cause = new Map<string, string>();
        for (const [id, list] of grouped) {
          let last: PersonEvent | undefined;
          for (const e of list) if (!last || e.occurredAt >= last.occurredAt) last = e;
          if (last) cause.set(id, last.id);
        }
        mqls += (await promoteToMql(tx, rules, version, stored, subjects, cause)).length;
      }
      return ids;
    });
    if (!batch) {
      finished = true;
      break;
    }
    batches++;
    cursor = { afterPersonId: batch[batch.length - 1]!, done: cursor.done + batch.length };
    progress.update(cursor.done);
    await options.onBatch?.(cursor);
  }
  progress.stop();
  return { ruleVersion: version, people: cursor.done, mqls, cursor, finished };
}
