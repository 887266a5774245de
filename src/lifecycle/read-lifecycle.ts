import type { RequestContext } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import { getHandoff, type HandoffFilter, listHandoffs } from './handoff-store.ts';
import { handoffView } from './open-handoff.ts';
import { assertEntityAccess, assertHandoffAccess, handoffScope } from './record-access.ts';
import type { Lifecycle } from './stages.ts';
import { currentDefinition, type EntityType, listHistory, readEntityStage } from './store.ts';

export async function stagesOf(ctx: RequestContext, lifecycle: Lifecycle) {
  const found = await currentDefinition(ctx, lifecycle);
  if (!found) throw notFound(`The ${lifecycle} lifecycle`, 'definition');
  return { lifecycle, version: found.version, definition: found.definition };
}

export async function stageHistoryOf(ctx: RequestContext, type: EntityType, id: string) {
  await assertEntityAccess(ctx, type, id, 'read');
  const rows = await listHistory(ctx, type, id);
  if (rows.length === 0) {
    // An unknown id is a 404; a known record without history has an empty list.
    if (!(await readEntityStage(ctx, type, id))) throw notFound(type, id);
  }
  return rows;
}

export async function listHandoffViews(ctx: RequestContext, f: HandoffFilter) {
  return (await listHandoffs(ctx, { ...f, scope: await handoffScope(ctx, 'read') })).map(handoffView);
}

export async function getHandoffView(ctx: RequestContext, id: string) {
  await assertHandoffAccess(ctx, id, 'read');
  const row = await getHandoff(ctx, id);
  if (!row) throw notFound('Hand-off', id);
  return handoffView(row);
}
