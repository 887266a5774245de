import type { LifecycleDefinition } from '../lifecycle/stages.ts';
import type { RequestContext } from '../platform/context.ts';
import { inTransaction } from '../platform/transaction.ts';
import { NO_SLICES } from './funnel.ts';
import { type CohortCell, rollupDeltas, type StageCell } from './rollup.ts';
import {
  addCohortCells,
  addStageCells,
  clearRollups,
  ENTITY_TYPE_OF,
  latestStages,
  loadHistory,
  lookupSlices,
  saveProgress,
  workspaceCalendar,
} from './store.ts';

function merge<T extends { n: number }>(into: Map<string, T>, cells: T[], key: (c: T) => string): void {
  for (const c of cells) {
    const k = key(c);
    const found = into.get(k);
    if (found) found.n += c.n;
    else into.set(k, { ...c });
  }
}

/**
 * Recomputes a lifecycle's rollups from raw stage history, with each record's slices as
 * they are now: for history written before the rollups existed (bulk loads, upgrades) or
 * after slice attributes were corrected. One transaction; records are read in chunks.
 */
export async function rebuildRollups(
  ctx: RequestContext,
  lifecycle: string,
  onProgress?: (records: number) => void,
  chunk = 20_000,
): Promise<{ records: number; rows: number }> {
  return inTransaction(ctx, async (tx) => {
    const cal = await workspaceCalendar(tx);
    const def = (await latestStages(tx, lifecycle)) as LifecycleDefinition | undefined;
    await clearRollups(tx, lifecycle);
    if (!def) return { records: 0, rows: 0 };
    const stage = new Map<string, StageCell>();
    const cohort = new Map<string, CohortCell>();
    let after: string | null = null;
    let records = 0;
    let rows = 0;
    for (;;) {
      const history = await loadHistory(tx, lifecycle, after, chunk);
      if (history.length === 0) break;
      const ids = [...new Set(history.map((h) => h.entityId))];
      const slices = await lookupSlices(tx, ENTITY_TYPE_OF[lifecycle] ?? 'person', ids);
      const d = rollupDeltas(new Map(), history, def, cal, (id) => slices.get(id) ?? NO_SLICES);
      merge(
        stage,
        d.stage,
        (c) => `${c.span}|${c.day}|${c.stage}|${c.kind}|${c.detail}|${c.dimension}|${c.value}`,
      );
      merge(cohort, d.cohort, (c) => `${c.span}|${c.day}|${c.stage}|${c.dimension}|${c.value}`);
      await saveProgress(tx, lifecycle, d.progress);
      records += ids.length;
      rows += history.length;
      after = ids[ids.length - 1] ?? null;
      onProgress?.(records);
    }
    await addStageCells(tx, lifecycle, [...stage.values()]);
    await addCohortCells(tx, lifecycle, [...cohort.values()]);
    return { records, rows };
  });
}
