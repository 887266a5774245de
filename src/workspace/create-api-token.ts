import { randomUUID } from 'node:crypto';
import { assertCan, recordScope } from '../platform/access.ts';
import { appendAudit } from '../platform/audit/store.ts';
import type { RequestContext } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import { inTransaction } from '../platform/transaction.ts';
import { apiTokens } from './schema.ts';
import { newSecret } from './secrets.ts';
import { insertApiToken, listApiTokens, revokeApiToken, usersStore } from './store.ts';

/** Creates a bearer token for a user; the secret is returned once and only its hash is kept. */
export async function createApiToken(
  ctx: RequestContext,
  input: { userId: string; name: string; expiresAt?: Date | null },
): Promise<{ id: string; token: string; name: string; expiresAt: Date | null }> {
  await assertCan(ctx, 'api_tokens', 'write', input.userId === ctx.actor.userId ? 'any' : 'all');
  return inTransaction(ctx, async (tx) => {
    if (!(await usersStore.get(tx, input.userId))) throw notFound('User', input.userId);
    const { token, hash } = newSecret('baton', ctx.workspaceId);
    const row = await insertApiToken(tx.db, {
      id: randomUUID(),
      workspaceId: ctx.workspaceId,
      userId: input.userId,
      name: input.name,
      tokenHash: hash,
      expiresAt: input.expiresAt ?? null,
    });
    await appendAudit(tx, {
      action: 'api_token.create',
      entityType: 'api_token',
      entityId: row.id,
      after: { name: row.name, userId: row.userId, expiresAt: row.expiresAt },
    });
    return { id: row.id, token, name: row.name, expiresAt: row.expiresAt };
  });
}

export async function revokeToken(ctx: RequestContext, id: string): Promise<void> {
  const scope = await recordScope(ctx, 'api_tokens', 'write', apiTokens.userId);
  await inTransaction(ctx, async (tx) => {
    if (!(await revokeApiToken(tx, id, scope))) throw notFound('API token', id);
    await appendAudit(tx, { action: 'api_token.revoke', entityType: 'api_token', entityId: id });
  });
}

/** Tokens the actor may see: their own, or all of the workspace's for admins. */
export async function listTokens(ctx: RequestContext) {
  return listApiTokens(ctx, await recordScope(ctx, 'api_tokens', 'read', apiTokens.userId));
}
