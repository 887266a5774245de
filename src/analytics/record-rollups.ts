import type { LifecycleDefinition } from '../lifecycle/stages.ts';
import { atCommit } from '../platform/commit-writes.ts';
import type { RequestContext } from '../platform/context.ts';
import { NO_SLICES } from './funnel.ts';
import { rollupDeltas } from './rollup.ts';
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
 * progress is saved at once (a later transition in the same transaction reads it).
 */
export async function recordRollups(ctx: RequestContext, rows: WrittenHistoryRow[]): Promise<void> {
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
    const progress = await loadProgress(ctx, lifecycle, ids);
    const fresh = ids.filter((id) => !progress.has(id));
    const slices = await lookupSlices(ctx, list[0]!.entityType, fresh);
    const deltas = rollupDeltas(
      progress,
      list.map((r, seq) => ({ ...r, seq })),
      def,
      cal,
      (id) => slices.get(id) ?? NO_SLICES,
    );
    await saveProgress(ctx, lifecycle, deltas.progress);
    // The counters are shared by every writer of the day: added at commit (commit-writes.ts).
    await atCommit(
      ctx,
      `analytics:stage:${lifecycle}`,
      (c, cells) => addStageCells(c, lifecycle, cells),
      deltas.stage,
    );
    await atCommit(
      ctx,
      `analytics:cohort:${lifecycle}`,
      (c, cells) => addCohortCells(c, lifecycle, cells),
      deltas.cohort,
    );
  }
}
