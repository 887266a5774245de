import { and, asc, eq, gt, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { RequestContext, Role } from '../platform/context.ts';
import { makeCrudStore } from '../platform/db/crud-store.ts';
import type { Db } from '../platform/db/open-database.ts';
import { memoInTransaction } from '../platform/transaction-memo.ts';
import { apiTokens, memberships, sessions, users, workspaces } from './schema.ts';

export type WorkspaceRow = typeof workspaces.$inferSelect;
export type UserRow = typeof users.$inferSelect;
export type MembershipRow = typeof memberships.$inferSelect;

export const usersStore = makeCrudStore({
  table: users,
  sortable: { createdAt: users.createdAt, email: users.email, displayName: users.displayName },
  searchable: [users.email, users.displayName],
  filterable: { status: users.status },
});

export async function insertWorkspace(db: Db, values: typeof workspaces.$inferInsert): Promise<WorkspaceRow> {
  const [row] = await db.insert(workspaces).values(values).returning();
  return row!;
}

export async function getWorkspace(db: Db, id: string): Promise<WorkspaceRow | undefined> {
  const [row] = await db.select().from(workspaces).where(eq(workspaces.id, id));
  return row;
}

export async function updateWorkspaceSettings(
  db: Db,
  id: string,
  settings: unknown,
  at: Date,
): Promise<void> {
  await db
    .update(workspaces)
    .set({ settings, updatedAt: at, version: sql`${workspaces.version} + 1` })
    .where(eq(workspaces.id, id));
}

export function listWorkspaces(db: Db): Promise<WorkspaceRow[]> {
  return db.select().from(workspaces).orderBy(asc(workspaces.createdAt));
}

export async function getWorkspaceBySlug(db: Db, slug: string): Promise<WorkspaceRow | undefined> {
  const [row] = await db.select().from(workspaces).where(eq(workspaces.slug, slug));
  return row;
}

/** The workspaces where this email is an active user, oldest first (the workspace switcher). */
export function findWorkspacesOfEmail(
  db: Db,
  email: string,
): Promise<Pick<WorkspaceRow, 'id' | 'name' | 'slug'>[]> {
  return db
    .select({ id: workspaces.id, name: workspaces.name, slug: workspaces.slug })
    .from(users)
    .innerJoin(workspaces, eq(workspaces.id, users.workspaceId))
    .where(and(sql`lower(${users.email}) = ${email.toLowerCase()}`, eq(users.status, 'active')))
    .orderBy(asc(workspaces.createdAt), asc(workspaces.id));
}

/** Active users with this email in any workspace (login happens before a workspace is known). */
export function findActiveUsersByEmail(db: Db, email: string): Promise<UserRow[]> {
  return db
    .select()
    .from(users)
    .where(and(sql`lower(${users.email}) = ${email.toLowerCase()}`, eq(users.status, 'active')));
}

export async function rolesOf(ctx: RequestContext, userIds: string[]): Promise<MembershipRow[]> {
  if (userIds.length === 0) return [];
  return ctx.db
    .select()
    .from(memberships)
    .where(and(eq(memberships.workspaceId, ctx.workspaceId), inArray(memberships.userId, userIds)))
    .orderBy(asc(memberships.createdAt), asc(memberships.role));
}

export async function replaceMemberships(
  ctx: RequestContext,
  userId: string,
  rows: { id: string; role: Role; teamId: string | null; capacity: number | null }[],
): Promise<void> {
  await ctx.db
    .delete(memberships)
    .where(and(eq(memberships.workspaceId, ctx.workspaceId), eq(memberships.userId, userId)));
  if (rows.length > 0) {
    await ctx.db
      .insert(memberships)
      .values(rows.map((r) => ({ ...r, userId, workspaceId: ctx.workspaceId, createdAt: ctx.now() })));
  }
}

export async function setLastLogin(db: Db, workspaceId: string, userId: string, at: Date): Promise<void> {
  await db
    .update(users)
    .set({ lastLoginAt: at })
    .where(and(eq(users.workspaceId, workspaceId), eq(users.id, userId)));
}

export async function insertSession(db: Db, values: typeof sessions.$inferInsert): Promise<void> {
  await db.insert(sessions).values(values);
}

export async function findSessionUser(db: Db, workspaceId: string, tokenHash: string, now: Date) {
  const [row] = await db
    .select({ sessionId: sessions.id, user: users })
    .from(sessions)
    .innerJoin(users, and(eq(users.workspaceId, sessions.workspaceId), eq(users.id, sessions.userId)))
    .where(
      and(
        eq(sessions.workspaceId, workspaceId),
        eq(sessions.tokenHash, tokenHash),
        gt(sessions.expiresAt, now),
        eq(users.status, 'active'),
      ),
    );
  return row;
}

export async function deleteSession(db: Db, workspaceId: string, tokenHash: string): Promise<void> {
  await db
    .delete(sessions)
    .where(and(eq(sessions.workspaceId, workspaceId), eq(sessions.tokenHash, tokenHash)));
}

export async function insertApiToken(db: Db, values: typeof apiTokens.$inferInsert) {
  const [row] = await db.insert(apiTokens).values(values).returning();
  return row!;
}

export async function findTokenUser(db: Db, workspaceId: string, tokenHash: string, now: Date) {
  const [row] = await db
    .select({ tokenId: apiTokens.id, user: users })
    .from(apiTokens)
    .innerJoin(users, and(eq(users.workspaceId, apiTokens.workspaceId), eq(users.id, apiTokens.userId)))
    .where(
      and(
        eq(apiTokens.workspaceId, workspaceId),
        eq(apiTokens.tokenHash, tokenHash),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
        eq(users.status, 'active'),
      ),
    );
  return row;
}

export async function touchToken(db: Db, workspaceId: string, tokenId: string, at: Date): Promise<void> {
  await db
    .update(apiTokens)
    .set({ lastUsedAt: at })
    .where(and(eq(apiTokens.workspaceId, workspaceId), eq(apiTokens.id, tokenId)));
}

export function listApiTokens(ctx: RequestContext, scope?: SQL) {
  return ctx.db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      userId: apiTokens.userId,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      expiresAt: apiTokens.expiresAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(and(eq(apiTokens.workspaceId, ctx.workspaceId), scope))
    .orderBy(asc(apiTokens.createdAt));
}

export async function revokeApiToken(ctx: RequestContext, id: string, scope?: SQL): Promise<boolean> {
  const rows = await ctx.db
    .update(apiTokens)
    .set({ revokedAt: ctx.now() })
    .where(
      and(
        eq(apiTokens.workspaceId, ctx.workspaceId),
        eq(apiTokens.id, id),
        isNull(apiTokens.revokedAt),
        scope,
      ),
    )
    .returning({ id: apiTokens.id });
  return rows.length > 0;
}

/** Org model, calendar and settings of the workspace, read once per transaction. */
export function getWorkspaceConfig(ctx: RequestContext) {
  return memoInTransaction(ctx, 'workspaceConfig', async () => {
    const [row] = await ctx.db
      .select({
        orgModel: workspaces.orgModel,
        timeZone: workspaces.timeZone,
        fiscalYearStartMonth: workspaces.fiscalYearStartMonth,
        settings: workspaces.settings,
        version: workspaces.version,
      })
      .from(workspaces)
      .where(eq(workspaces.id, ctx.workspaceId));
    if (!row) throw new Error(`workspace ${ctx.workspaceId} is missing`);
    return { ...row, settings: (row.settings ?? {}) as Record<string, unknown> };
  });
}
