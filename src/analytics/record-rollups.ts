import type { LifecycleDefinition } from '../lifecycle/stages.ts';
import { atCommit } from '../platform/commit-writes.ts';
import type { RequestContext } from '../platform/context.ts';
import { memoInTransaction } from '../platform/transaction-memo.ts';
import { NO_SLICES } from './funnel.ts';
import { cohortCells, type EntityProgress, rollupDeltas, stageCells } from './rollup.ts';
import {
  addCohortCells,
  addStageCells,
  loadProgress,
  lookupSlices,
  reportSetup,
  saveProgress,
} from './store.ts';

/** A stage-history row as it is written (appendHistory / appendHistoryBulk). */
export interface WrittenHistoryRow {
  entityType: string;
  entityId: string;
  lifecycle: string;
  fromStage: string | null;
  toStage: string;
  at: Date;
  skipped: boolean;
}

/**
 * Moves the analytics rollups with newly written stage history. Call in the transaction
 * that appends the rows, with the rows in the order they were written: the rollups then
 * never disagree with history, and a dashboard reads days instead of rows. Each record's
 * progress is written at commit too; a later transition in the same transaction reads the
 * queued value (see `progressOf`).
 */
export async function recordRollups(
  ctx: RequestContext,
  rows: WrittenHistoryRow[],
  /** The rows are the first history of records created in this transaction (an import): none has progress yet. */
  options: { newRecords?: boolean } = {},
): Promise<void> {
  if (rows.length === 0) return;
  const { definitions, versions: _v, ...cal } = await reportSetup(ctx);
  const byLifecycle = new Map<string, WrittenHistoryRow[]>();
  for (const r of rows) {
    const list = byLifecycle.get(r.lifecycle);
    if (list) list.push(r);
    else byLifecycle.set(r.lifecycle, [r]);
  }
  for (const [lifecycle, list] of byLifecycle) {
    const def = definitions[lifecycle] as LifecycleDefinition | undefined;
    if (!def) continue;
    const ids = [...new Set(list.map((r) => r.entityId))];
    const progress = options.newRecords
      ? new Map<string, EntityProgress>()
      : await progressOf(ctx, lifecycle, ids);
    const fresh = ids.filter((id) => !progress.has(id));
    const slices = await lookupSlices(ctx, list[0]!.entityType, fresh);
    const deltas = rollupDeltas(
      progress,
      list.map((r, seq) => ({ ...r, seq })),
      def,
      cal,
      (id) => slices.get(id) ?? NO_SLICES,
    );
    // One upsert per transaction instead of one per batch of moves: a simulated week or an
    // import makes thousands of small batches.
    await atCommit(
      ctx,
      progressKey(lifecycle),
      (c, rows) => saveProgress(c, lifecycle, latestPerEntity(rows)),
      deltas.progress,
    );
    // Progress rows are each record's own, not shared: a long import writes them as it goes.
    if ((ctx.commitWrites?.pending(progressKey(lifecycle)).length ?? 0) >= progressQueue.limit) {
      const written = await ctx.commitWrites!.flushNow<EntityProgress>(ctx, progressKey(lifecycle));
      // The table has them now; a row read before they were queued would be stale.
      if (written) {
        const read = await progressRead(ctx, lifecycle);
        for (const p of written) read.delete(p.entityId);
      }
    }
    // The counters are shared by every writer of the day: added at commit (commit-writes.ts),
    // the transaction's tallies summed first, so each is fanned out to its cells once.
    await atCommit(
      ctx,
      `analytics:stage:${lifecycle}`,
      (c, tallies) => addStageCells(c, lifecycle, stageCells(tallies)),
      deltas.stage,
    );
    await atCommit(
      ctx,
      `analytics:cohort:${lifecycle}`,
      (c, tallies) => addCohortCells(c, lifecycle, cohortCells(tallies)),
      deltas.cohort,
    );
  }
}

const progressKey = (lifecycle: string) => `analytics:progress:${lifecycle}`;
/** Progress rows this transaction has read from the table, by record id. */
const progressRead = (ctx: RequestContext, lifecycle: string) =>
  memoInTransaction(ctx, progressKey(lifecycle), async () => new Map<string, EntityProgress>());

/** How many progress rows a transaction queues before writing them (tests lower it). */
export const progressQueue = { limit: 20_000 };

/**
 * The records' progress as this transaction sees it: the value queued for commit, else the
 * row read earlier in the transaction, else the row in the table. A record being moved is
 * locked by the move until commit, so a row read once stays right for the transaction;
 * a rolled-back savepoint drops its queued values with it (commit-writes.ts).
 */
async function progressOf(
  ctx: RequestContext,
  lifecycle: string,
  ids: string[],
): Promise<Map<string, EntityProgress>> {
  const read = await progressRead(ctx, lifecycle);
  const wanted = new Set(ids);
  const progress = new Map<string, EntityProgress>();
  for (const id of ids) {
    const row = read.get(id);
    if (row) progress.set(id, row);
  }
  for (const p of ctx.commitWrites?.pending<EntityProgress>(progressKey(lifecycle)) ?? [])
    if (wanted.has(p.entityId)) progress.set(p.entityId, p);
  const missing = ids.filter((id) => !progress.has(id));
  for (const [id, row] of await loadProgress(ctx, lifecycle, missing)) {
    read.set(id, row);
    progress.set(id, row);
  }
  return progress;
}

/** The last queued progress of each record (one upsert may not touch a row twice). */
function latestPerEntity(rows: EntityProgress[]): EntityProgress[] {
  return [...new Map(rows.map((r) => [r.entityId, r])).values()];
}
