import type { Actor, RequestContext, Role } from '../platform/context.ts';
import type { Db } from '../platform/db/open-database.ts';
import { hashSecret, workspaceOfSecret } from './secrets.ts';
import { findSessionUser, findTokenUser, rolesOf, touchToken } from './store.ts';

export const SESSION_COOKIE = 'baton_session';

async function contextFor(
  db: Db,
  workspaceId: string,
  userId: string,
  type: Actor['type'],
): Promise<RequestContext> {
  const ctx: RequestContext = { workspaceId, db, now: () => new Date(), actor: { type, userId, roles: [] } };
  const roles = await rolesOf(ctx, [userId]);
  ctx.actor.roles = [...new Set(roles.map((r) => r.role as Role))];
  return ctx;
}

/** A bearer API token → the context of the user who owns it; null when unknown, revoked or expired. */
export async function authenticateToken(
  db: Db,
  token: string,
  now = new Date(),
): Promise<RequestContext | null> {
  const workspaceId = workspaceOfSecret('baton', token);
  if (!workspaceId) return null;
  const found = await findTokenUser(db, workspaceId, hashSecret(token), now);
  if (!found) return null;
  await touchToken(db, workspaceId, found.tokenId, now);
  return contextFor(db, workspaceId, found.user.id, 'token');
}

/** A session cookie → the signed-in user's context; null when unknown or expired. */
export async function authenticateSession(
  db: Db,
  cookie: string,
  now = new Date(),
): Promise<RequestContext | null> {
  const workspaceId = workspaceOfSecret('bsess', cookie);
  if (!workspaceId) return null;
  const found = await findSessionUser(db, workspaceId, hashSecret(cookie), now);
  if (!found) return null;
  return contextFor(db, workspaceId, found.user.id, 'user');
}
