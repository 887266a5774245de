import type { RequestContext } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import { type HandoffListFilter, listHandoffsWithSubjects } from './handoff-list-store.ts';
import { getHandoff } from './handoff-store.ts';
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

/** Hand-offs the actor may read, each with the person's name and email and the account's name. */
export async function listHandoffViews(ctx: RequestContext, f: HandoffListFilter) {
  const rows = await listHandoffsWithSubjects(ctx, { ...f, scope: await handoffScope(ctx, 'read') });
  return rows.map((r) => ({
    ...handoffView(r),
    personName: r.personName,
    personEmail: r.personEmail,
    accountName: r.accountName,
  }));
}

export async function getHandoffView(ctx: RequestContext, id: string) {
  await assertHandoffAccess(ctx, id, 'read');
  const row = await getHandoff(ctx, id);
  if (!row) throw notFound('Hand-off', id);
  return handoffView(row);
}
