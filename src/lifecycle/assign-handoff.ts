import { appendAudit } from '../platform/audit/store.ts';
import type { RequestContext } from '../platform/context.ts';
import { DomainError, notFound } from '../platform/errors.ts';
import { insertNotifications } from '../platform/notifications/store.ts';
import { inTransaction } from '../platform/transaction.ts';
import { type HandoffRow, lockHandoff, updateHandoff } from './handoff-store.ts';
import { assertHandoffAccess } from './record-access.ts';

/**
 * Names the user (and team) who receives an open hand-off. Routing decides who; this
 * records it and tells that person.
 */
export function assignHandoff(
  ctx: RequestContext,
  handoffId: string,
  to: { userId: string | null; teamId?: string | null },
): Promise<HandoffRow> {
  return inTransaction(ctx, async (tx) => {
    await assertHandoffAccess(tx, handoffId, 'write');
    const h = await lockHandoff(tx, handoffId);
    if (!h) throw notFound('Hand-off', handoffId);
    if (h.status !== 'open') {
      throw new DomainError('conflict', `Hand-off ${h.id} is already ${h.status}.`, [
        { path: 'status', message: 'only an open hand-off can be assigned' },
      ]);
    }
    const row = await updateHandoff(tx, h.id, { toUserId: to.userId, toTeamId: to.teamId ?? h.toTeamId });
    await appendAudit(tx, {
      action: 'handoff.assign',
      entityType: 'handoff',
      entityId: h.id,
      before: { toUserId: h.toUserId, toTeamId: h.toTeamId },
      after: { toUserId: row.toUserId, toTeamId: row.toTeamId },
    });
    if (to.userId) {
      await insertNotifications(tx, [
        {
          userId: to.userId,
          kind: 'handoff.assigned',
          title: `New ${h.kind.toUpperCase()} hand-off, due ${h.dueAt.toISOString()}`,
          entityType: 'handoff',
          entityId: h.id,
          data: { kind: h.kind, dueAt: h.dueAt, personId: h.personId, accountId: h.accountId },
          dedupeKey: `handoff.assigned:${h.id}:${to.userId}`,
        },
      ]);
    }
    return row;
  });
}
