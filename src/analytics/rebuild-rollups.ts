import type { LifecycleDefinition } from '../lifecycle/stages.ts';
import type { RequestContext } from '../platform/context.ts';
import { inTransaction } from '../platform/transaction.ts';
import { dwellBucketStarts, funnelPath } from './funnel.ts';
import {
  addStageDaysFromHistory,
  createStageScratch,
  insertProgressFromHistory,
  progressBoundaries,
  raiseWorkMem,
  rebuildCounts,
  rebuildDealRollup,
  rebuildHandoffRollup,
  writeCohortRollup,
  writeStageRollup,
} from './rebuild-store.ts';
import { clearRollups, ENTITY_TYPE_OF, latestStages, workspaceCalendar } from './store.ts';

/**
 * Recomputes a lifecycle's rollups from raw stage history, with each record's slices as
 * they are now: for history written before the rollups existed (bulk loads, upgrades) or
 * after slice attributes were corrected. One transaction, set-based SQL (rebuild-store.ts):
 * progress first, then the stage day cells for runs of `chunk` records (bounding each
 * statement's sort) into a scratch table, then both rollups at every span.
 */
export async function rebuildRollups(
  ctx: RequestContext,
  lifecycle: string,
  onProgress?: (records: number) => void,
  chunk = 250_000,
): Promise<{ records: number; rows: number }> {
  return inTransaction(ctx, async (tx) => {
    const cal = await workspaceCalendar(tx);
    const def = (await latestStages(tx, lifecycle)) as LifecycleDefinition | undefined;
    await clearRollups(tx, lifecycle);
    if (!def) return { records: 0, rows: 0 };
    await raiseWorkMem(tx);
    const spec = {
      lifecycle,
      entityType: ENTITY_TYPE_OF[lifecycle] ?? 'person',
      path: funnelPath(def),
      bucketStarts: dwellBucketStarts(),
    };
    await insertProgressFromHistory(tx, cal, spec);
    await createStageScratch(tx);
    const bounds = await progressBoundaries(tx, lifecycle, chunk);
    let after: string | null = null;
    for (const [i, upTo] of [...bounds, null].entries()) {
      await addStageDaysFromHistory(tx, cal, spec, after, upTo);
      after = upTo;
      if (upTo) onProgress?.((i + 1) * chunk);
    }
    await writeStageRollup(tx, lifecycle);
    await writeCohortRollup(tx, spec);
    const counts = await rebuildCounts(tx, spec);
    onProgress?.(counts.records);
    return counts;
  });
}

/**
 * Recomputes the closed-deal and hand-off outcome rollups from the deals and hand-offs
 * (after a bulk load or an upgrade), in one transaction; returns the rows written.
 */
export async function rebuildOutcomeRollups(
  ctx: RequestContext,
): Promise<{ deals: number; handoffs: number }> {
  return inTransaction(ctx, async (tx) => {
    const cal = await workspaceCalendar(tx);
    await raiseWorkMem(tx);
    return { deals: await rebuildDealRollup(tx, cal), handoffs: await rebuildHandoffRollup(tx, cal) };
  });
}
