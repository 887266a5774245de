import { appendAudit } from '../audit/store.ts';
import type { RequestContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import { inTransaction } from '../transaction.ts';
import { listNotifications, markRead } from './store.ts';

function userOf(ctx: RequestContext): string {
  if (!ctx.actor.userId)
    throw new DomainError('forbidden', 'Notifications belong to a user; sign in as one.', [
      { path: 'authorization', message: 'no user behind these credentials' },
    ]);
  return ctx.actor.userId;
}

export function listMyNotifications(
  ctx: RequestContext,
  f: { unread?: boolean | undefined; limit: number; before?: [Date, string] | undefined },
) {
  return listNotifications(ctx, userOf(ctx), f);
}

export function readNotifications(ctx: RequestContext, ids: string[]): Promise<string[]> {
  return inTransaction(ctx, async (tx) => {
    const read = await markRead(tx, userOf(tx), ids, tx.now());
    if (read.length)
      await appendAudit(tx, {
        action: 'notification.read',
        entityType: 'notification',
        entityId: null,
        after: { ids: read },
      });
    return read;
  });
}
