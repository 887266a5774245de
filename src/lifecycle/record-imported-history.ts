import type { RequestContext } from '../platform/context.ts';
import { type DatedStage, decideImportedHistory } from './imported-history.ts';
import { appendHistoryBulk, currentDefinition, ENTITY_LIFECYCLE, type EntityType } from './store.ts';

/**
 * Writes the reconstructed stage history of imported records (already inserted in their
 * current stage), set-based, inside the caller's transaction. Returns the rows written.
 */
export async function recordImportedHistories(
  ctx: RequestContext,
  entityType: EntityType,
  entries: {
    entityId: string;
    createdAt: Date;
    dated: DatedStage[];
    current: string;
    reason?: string | null;
  }[],
): Promise<number> {
  if (entries.length === 0) return 0;
  const found = await currentDefinition(ctx, ENTITY_LIFECYCLE[entityType]);
  if (!found)
    throw new Error(`workspace ${ctx.workspaceId} has no ${ENTITY_LIFECYCLE[entityType]} stage definition`);
  const rows = entries.flatMap((e) =>
    decideImportedHistory(found.definition, e.createdAt, e.dated, e.current).map((s) => ({
      entityType,
      entityId: e.entityId,
      fromStage: s.from,
      toStage: s.to,
      at: s.at,
      reason: s.skipped ? null : (e.reason ?? 'import'),
      causeEventId: null,
      definitionVersion: found.version,
      skipped: s.skipped,
      reapproachOn: null,
    })),
  );
  // Imported records are new: their analytics progress need not be looked up.
  await appendHistoryBulk(ctx, rows, { newRecords: true });
  return rows.length;
}
