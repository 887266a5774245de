import type { RequestContext } from '../platform/context.ts';
import { type Progress, silentProgress } from '../platform/progress.ts';
import { inTransaction } from '../platform/transaction.ts';
import { NO_ENGAGEMENT, personScore, totalsOf } from './person-score.ts';
import { ruleProperties, rulesInForce } from './rules-in-force.ts';
import { decayExponent, latestEventId, mqlCandidates, promoteToMql } from './score-events.ts';
import {
  countPeople,
  idRange,
  loadEventsByPerson,
  loadSubjects,
  lockScores,
  nextPersonIds,
  type ScoreWrite,
  withoutJit,
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
  /**
   * Start no new batch once this many milliseconds have passed (a job runs a slice per
   * claim, so its progress commits, and resumes from the cursor). At least one batch runs.
   */
  budgetMs?: number;
  /** Batches in flight at once (default 2: one computes while the other reads or writes). */
  concurrency?: number;
}

export interface RecomputeResult {
  ruleVersion: number;
  people: number;
  mqls: number;
  cursor: RecomputeCursor;
  /** False when `budgetMs` stopped it before the last person. */
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
  // Inside a caller's transaction (a job) batches are savepoints on one connection: one at a time.
  const concurrency = ctx.commitWrites ? 1 : Math.max(1, options.concurrency ?? 2);
  let cursor: RecomputeCursor = options.cursor ?? { afterPersonId: null, done: 0 };
  let mqls = 0;
  let finished = false;
  const started = performance.now();
  const overBudget = () => options.budgetMs !== undefined && performance.now() - started >= options.budgetMs;
  progress.start('Recomputing scores', options.progress ? await countPeople(ctx) : 0);
  progress.update(cursor.done);

  const scoreBatch = (ids: string[]) =>
    inTransaction(ctx, async (tx) => {
      const range = idRange(ids);
      await withoutJit(tx);
      await lockScores(tx, ids, version, range);
      const [subjects, events] = await Promise.all([
        loadSubjects(tx, range),
        loadEventsByPerson(tx, range, properties),
      ]);
      const rows: ScoreWrite[] = [];
      const cause = new Map<string, string>();
      for (const personId of ids) {
        const subject = subjects.get(personId);
        if (!subject) continue;
        const own = events.get(personId);
        rows.push({ personId, ...personScore(rules, subject, own ? totalsOf(rules, own) : NO_ENGAGEMENT) });
        const last = own && latestEventId(own);
        if (last) cause.set(personId, last);
      }
      const promote = options.promote !== false;
      const stored = await writeScores(
        tx,
        'set',
        rows,
        version,
        decayExponent(rules, tx.now()),
        mqlCandidates(rules, subjects, promote ? ids : []),
      );
      if (!promote) return 0;
      return (await promoteToMql(tx, rules, version, stored, subjects, cause)).length;
    });

  // Batches overlap (one computes in JS while another reads or writes), but the cursor only
  // moves past a batch once every batch before it has committed, so a resume never skips
  // anyone; a batch done twice after a failure is rewritten to the same values.
  const inFlight: { ids: string[]; result: Promise<number> }[] = [];
  const settleOldest = async () => {
    const { ids, result } = inFlight.shift()!;
    mqls += await result;
    cursor = { afterPersonId: ids[ids.length - 1]!, done: cursor.done + ids.length };
    progress.update(cursor.done);
    await options.onBatch?.(cursor);
  };
  try {
    let after = cursor.afterPersonId;
    while (!overBudget()) {
      const ids = await nextPersonIds(ctx, after, batchSize);
      if (ids.length === 0) {
        finished = true;
        break;
      }
      after = ids[ids.length - 1]!;
      const result = scoreBatch(ids);
      result.catch(() => {}); // awaited in order by settleOldest; this only keeps it "handled"
      inFlight.push({ ids, result });
      if (inFlight.length >= concurrency) await settleOldest();
    }
    while (inFlight.length > 0) await settleOldest();
  } catch (err) {
    await Promise.allSettled(inFlight.map((b) => b.result));
    throw err;
  }
  progress.stop();
  return { ruleVersion: version, people: cursor.done, mqls, cursor, finished };
}
