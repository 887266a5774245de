import { peopleUseCases } from '../crm/manage-people.ts';
import { assertCan } from '../platform/access.ts';
import { appendAudit, queryAuditRowsAscending } from '../platform/audit/store.ts';
import type { RequestContext } from '../platform/context.ts';
import { inTransaction } from '../platform/transaction.ts';
import { personFootprint } from './store.ts';

/**
 * Everything Baton holds about one person, as one JSON document (a data-subject access
 * request). The export itself is audited: who pulled whose data, when.
 */
export async function exportPerson(ctx: RequestContext, personId: string) {
  await assertCan(ctx, 'privacy', 'read', 'all');
  const person = await peopleUseCases.get(ctx, personId);
  const footprint = await personFootprint(ctx, personId);
  const audit = await queryAuditRowsAscending(ctx, { entityType: 'person', entityId: personId }, 0, 10_000);
  await inTransaction(ctx, (tx) =>
    appendAudit(tx, { action: 'person.export', entityType: 'person', entityId: personId }),
  );
  return {
    exportedAt: ctx.now(),
    person,
    ...footprint,
    audit: audit.map(({ before, after, at, action, actorType, actorId, reason }) => ({
      at,
      action,
      actorType,
      actorId,
      reason,
      before,
      after,
    })),
  };
}
