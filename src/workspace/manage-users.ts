import { assertCan, cannotChange, recordScope } from '../platform/access.ts';
import { appendAudit } from '../platform/audit/store.ts';
import type { RequestContext } from '../platform/context.ts';
import type { ListQuery, Page } from '../platform/db/crud-store.ts';
import { DomainError, notFound, staleVersion } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { inTransaction } from '../platform/transaction.ts';
import { hashPassword } from './passwords.ts';
import { users } from './schema.ts';
import { type MembershipRow, replaceMemberships, rolesOf, type UserRow, usersStore } from './store.ts';
import { type CreateUserInput, createUserSchema, defaultCapacity, type UpdateUserInput } from './users.ts';

/** A user as the API shows it: never the password hash. */
export interface UserView {
  id: string;
  email: string;
  displayName: string;
  locale: string | null;
  status: string;
  roles: { role: string; teamId: string | null; capacity: number | null }[];
  lastLoginAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

function view(user: UserRow, roles: MembershipRow[]): UserView {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    locale: user.locale,
    status: user.status,
    roles: roles
      .filter((r) => r.userId === user.id)
      .map((r) => ({ role: r.role, teamId: r.teamId, capacity: r.capacity })),
    lastLoginAt: user.lastLoginAt,
    version: user.version,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}

function membershipsOf(ctx: RequestContext, roles: NonNullable<UpdateUserInput['roles']>) {
  return roles.map((r) => ({
    id: newId(ctx),
    role: r.role,
    teamId: r.teamId ?? null,
    capacity: r.capacity ?? defaultCapacity(r.role),
  }));
}

function duplicateEmail(err: unknown): boolean {
  const text = String((err as { cause?: unknown })?.cause ?? err);
  return text.includes('users_workspace_email_uq');
}

async function withRoles(ctx: RequestContext, user: UserRow): Promise<UserView> {
  return view(user, await rolesOf(ctx, [user.id]));
}

export async function listUsers(ctx: RequestContext, query: ListQuery): Promise<Page<UserView>> {
  const page = await usersStore.list(ctx, {
    ...query,
    scope: await recordScope(ctx, 'users', 'read', users.id),
  });
  const roles = await rolesOf(
    ctx,
    page.items.map((u) => u.id),
  );
  return { items: page.items.map((u) => view(u, roles)), nextCursor: page.nextCursor };
}

export async function getUser(ctx: RequestContext, id: string): Promise<UserView> {
  const user = await usersStore.get(ctx, id, await recordScope(ctx, 'users', 'read', users.id));
  if (!user) throw notFound('User', id);
  return withRoles(ctx, user);
}

export async function createUser(ctx: RequestContext, raw: CreateUserInput): Promise<UserView> {
  await assertCan(ctx, 'users', 'write', 'all');
  const input = createUserSchema.parse(raw);
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  try {
    return await inTransaction(ctx, async (tx) => {
      const user = await usersStore.insert(tx, {
        id: newId(tx),
        email: input.email,
        displayName: input.displayName,
        locale: input.locale ?? null,
        passwordHash,
      });
      await replaceMemberships(tx, user.id, membershipsOf(tx, input.roles));
      const created = await withRoles(tx, user);
      await appendAudit(tx, { action: 'user.create', entityType: 'user', entityId: user.id, after: created });
      return created;
    });
  } catch (err) {
    if (duplicateEmail(err)) throw conflictEmail(input.email);
    throw err;
  }
}

const conflictEmail = (email: string) =>
  new DomainError('conflict', `A user with the email ${email} already exists in this workspace.`, [
    { path: 'email', message: 'already used; update that user instead' },
  ]);

export async function updateUser(ctx: RequestContext, id: string, input: UpdateUserInput): Promise<UserView> {
  if (input.roles || input.status) await assertCan(ctx, 'users', 'write', 'all');
  const write = await recordScope(ctx, 'users', 'write', users.id);
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  try {
    return await inTransaction(ctx, async (tx) => {
      const current = await usersStore.get(tx, id, await recordScope(tx, 'users', 'read', users.id));
      if (!current) throw notFound('User', id);
      if (write && !(await usersStore.get(tx, id, write))) throw cannotChange(tx, 'users', 'this user');
      const before = await withRoles(tx, current);
      const { version, roles, password: _pw, ...fields } = input;
      const updated = await usersStore.update(tx, id, version, {
        ...fields,
        ...(passwordHash ? { passwordHash } : {}),
      });
      if (!updated) throw staleVersion('User', id, version, current.version);
      if (roles) await replaceMemberships(tx, id, membershipsOf(tx, roles));
      const after = await withRoles(tx, updated);
      await appendAudit(tx, {
        action: 'user.update',
        entityType: 'user',
        entityId: id,
        before,
        after: passwordHash ? { ...after, passwordChanged: true } : after,
      });
      return after;
    });
  } catch (err) {
    if (duplicateEmail(err)) throw conflictEmail(input.email ?? '');
    throw err;
  }
}

export async function deleteUser(ctx: RequestContext, id: string, version: number): Promise<void> {
  await assertCan(ctx, 'users', 'write', 'all');
  if (ctx.actor.userId === id) {
    throw new DomainError('conflict', 'You cannot delete yourself.', [
      { path: 'id', message: 'ask another admin' },
    ]);
  }
  await inTransaction(ctx, async (tx) => {
    const current = await usersStore.getForUpdate(tx, id);
    if (!current) throw notFound('User', id);
    const before = await withRoles(tx, current);
    if (!(await usersStore.remove(tx, id, version))) throw staleVersion('User', id, version, current.version);
    await appendAudit(tx, { action: 'user.delete', entityType: 'user', entityId: id, before });
  });
}
