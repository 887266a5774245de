import { randomUUID } from 'node:crypto';
import { appendAudit } from '../platform/audit/store.ts';
import type { RequestContext } from '../platform/context.ts';
import type { Db } from '../platform/db/open-database.ts';
import { DomainError } from '../platform/errors.ts';
import { inTransaction } from '../platform/transaction.ts';
import { verifyPassword } from './passwords.ts';
import { hashSecret, newSecret, workspaceOfSecret } from './secrets.ts';
import {
  deleteSession,
  findActiveUsersByEmail,
  findSessionUser,
  getWorkspace,
  insertSession,
  setLastLogin,
  type UserRow,
} from './store.ts';

export const SESSION_DAYS = 14;

const badLogin = () =>
  new DomainError('unauthenticated', 'The email or password is wrong.', [
    { path: 'password', message: 'check both and try again' },
  ]);

/**
 * Email + password → a session in the workspace. With one email in several workspaces,
 * `workspaceId` picks one; without it the oldest matching workspace is used.
 */
export async function login(
  db: Db,
  input: { email: string; password: string; workspaceId?: string | undefined },
  now = new Date(),
): Promise<{ token: string; user: UserRow; expiresAt: Date }> {
  const candidates = (await findActiveUsersByEmail(db, input.email))
    .filter((u) => !input.workspaceId || u.workspaceId === input.workspaceId)
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  let user: UserRow | undefined;
  for (const candidate of candidates) {
    if (candidate.passwordHash && (await verifyPassword(candidate.passwordHash, input.password))) {
      user = candidate;
      break;
    }
  }
  if (!user) throw badLogin();
  if (!(await getWorkspace(db, user.workspaceId))) throw badLogin();
  const { token, hash } = newSecret('bsess', user.workspaceId);
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
  const signedIn = user;
  const ctx: RequestContext = {
    workspaceId: signedIn.workspaceId,
    db,
    now: () => now,
    actor: { type: 'user', userId: signedIn.id, roles: [] },
  };
  await inTransaction(ctx, async (tx) => {
    await insertSession(tx.db, {
      id: randomUUID(),
      workspaceId: signedIn.workspaceId,
      userId: signedIn.id,
      tokenHash: hash,
      expiresAt,
    });
    await setLastLogin(tx.db, signedIn.workspaceId, signedIn.id, now);
    await appendAudit(tx, { action: 'user.login', entityType: 'user', entityId: signedIn.id });
  });
  return { token, user: signedIn, expiresAt };
}

export async function logout(db: Db, cookie: string, now = new Date()): Promise<void> {
  const workspaceId = workspaceOfSecret('bsess', cookie);
  if (!workspaceId) return;
  const found = await findSessionUser(db, workspaceId, hashSecret(cookie), now);
  if (!found) return;
  const ctx: RequestContext = {
    workspaceId,
    db,
    now: () => now,
    actor: { type: 'user', userId: found.user.id, roles: [] },
  };
  await inTransaction(ctx, async (tx) => {
    await deleteSession(tx.db, workspaceId, hashSecret(cookie));
    await appendAudit(tx, { action: 'user.logout', entityType: 'user', entityId: found.user.id });
  });
}
