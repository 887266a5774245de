import { randomUUID } from 'node:crypto';
import { assertCan } from '../platform/access.ts';
import { appendAudit } from '../platform/audit/store.ts';
import type { RequestContext } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import { inTransaction } from '../platform/transaction.ts';
import { insertWriteKey, listWriteKeys, revokeWriteKey, type WriteKeyRow } from './store.ts';
import { newWriteKey } from './tracking.ts';
import { forgetWriteKeys } from './write-key-cache.ts';

/** Creates a write key for the tracking script; the key itself is returned only now. */
export function createWriteKey(
  ctx: RequestContext,
  name: string,
): Promise<WriteKeyRow & { writeKey: string }> {
  return inTransaction(ctx, async (tx) => {
    await assertCan(tx, 'campaigns', 'write', 'all');
    const id = randomUUID();
    const { key, hash, hint } = newWriteKey(tx.workspaceId);
    await insertWriteKey(tx, { id, name, keyHash: hash, keyHint: hint });
    await appendAudit(tx, {
      action: 'write_key.create',
      entityType: 'write_key',
      entityId: id,
      after: { name, keyHint: hint },
    });
    return { id, name, keyHint: hint, createdAt: tx.now(), revokedAt: null, writeKey: key };
  });
}

/** The write keys (hints only): for those who set up tracking, marketing and admins. */
export async function listTrackingWriteKeys(ctx: RequestContext) {
  await assertCan(ctx, 'campaigns', 'write', 'all');
  return listWriteKeys(ctx);
}

/** Revokes a write key: pages still embedding it get 401 from then on. */
export async function revokeTrackingWriteKey(ctx: RequestContext, id: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    await assertCan(tx, 'campaigns', 'write', 'all');
    if (!(await revokeWriteKey(tx, id))) throw notFound('write key', id);
    await appendAudit(tx, { action: 'write_key.revoke', entityType: 'write_key', entityId: id });
  });
  // After the commit: a request verifying the key again now sees it revoked.
  forgetWriteKeys(ctx.workspaceId);
}
