import type { SQL } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import {
  type AccessAction,
  type AccessPolicy,
  accessSettingsSchema,
  type RecordScope,
  type Resource,
  resolvePolicy,
  scopeFor,
} from './access-policy.ts';
import type { Actor, RequestContext, Role } from './context.ts';
import { queryRows } from './db/query-rows.ts';
import { scopeCondition } from './db/record-scope.ts';
import { DomainError } from './errors.ts';

/** Refuses the action unless the actor holds one of the roles (admins always pass). */
export function assertRole(ctx: RequestContext, roles: Role[], action: string): void {
  if (ctx.actor.roles.includes('admin') || roles.some((r) => ctx.actor.roles.includes(r))) return;
  throw new DomainError('forbidden', `Only ${['admin', ...roles].join(' or ')} may ${action}.`, [
    { path: 'role', message: `your roles: ${ctx.actor.roles.join(', ') || 'none'}` },
  ]);
}

// Keyed by the actor object, which a transaction's context shares with its request's.
const policies = new WeakMap<Actor, Promise<AccessPolicy>>();

/** The workspace's access policy: code defaults with the overrides in workspaces.settings.access. */
export function accessPolicy(ctx: RequestContext): Promise<AccessPolicy> {
  let found = policies.get(ctx.actor);
  if (!found) {
    found = loadPolicy(ctx);
    policies.set(ctx.actor, found);
    found.catch(() => policies.delete(ctx.actor));
  }
  return found;
}

async function loadPolicy(ctx: RequestContext): Promise<AccessPolicy> {
  const [row] = await queryRows<{ access: unknown }>(
    ctx.db,
    sql`select settings->'access' as access from workspaces where id = ${ctx.workspaceId}`,
  );
  const parsed = accessSettingsSchema.safeParse(row?.access ?? {});
  // A stored policy that no longer parses falls back to the defaults rather than opening access.
  return resolvePolicy(parsed.success ? parsed.data : undefined);
}

/** Forgets a cached policy (after the policy is changed within the same request). */
export function forgetPolicy(ctx: RequestContext): void {
  policies.delete(ctx.actor);
}

/** The scopes the actor holds on a resource for an action. */
export async function scopesOf(
  ctx: RequestContext,
  resource: Resource,
  action: AccessAction,
): Promise<RecordScope[]> {
  return scopeFor(await accessPolicy(ctx), ctx.actor.roles, resource, action);
}

const label: Record<AccessAction, string> = { read: 'see', write: 'change' };

function forbidden(ctx: RequestContext, resource: Resource, action: AccessAction, what: string): DomainError {
  return new DomainError(
    'forbidden',
    `Your roles (${ctx.actor.roles.join(', ') || 'none'}) may not ${label[action]} ${what}. Ask an admin to change your roles or the workspace's access policy.`,
    [{ path: 'role', message: `${resource}: ${action} not granted` }],
  );
}

const reaches = (scopes: RecordScope[], need: 'any' | 'all') =>
  need === 'all' ? scopes.includes('all') : !scopes.includes('none');

/**
 * Refuses (403) unless the actor may act on the resource at all (`any`), or on every
 * record of it (`all`: creating users, viewing the audit log).
 */
export async function assertCan(
  ctx: RequestContext,
  resource: Resource,
  action: AccessAction,
  need: 'any' | 'all' = 'any',
): Promise<RecordScope[]> {
  const scopes = await scopesOf(ctx, resource, action);
  if (!reaches(scopes, need))
    throw forbidden(ctx, resource, action, need === 'all' ? `all ${resource}` : resource);
  return scopes;
}

/** One grant an action may rest on: a resource, an action, and whether every record must be reachable. */
export interface Need {
  resource: Resource;
  action: AccessAction;
  need: 'any' | 'all';
}

/** Refuses (403) unless at least one of the grants holds (e.g. a report for managers or for Customer Success). */
export async function assertCanOneOf(ctx: RequestContext, needs: readonly Need[]): Promise<void> {
  for (const n of needs) {
    if (reaches(await scopesOf(ctx, n.resource, n.action), n.need)) return;
  }
  const n = needs[0]!;
  throw forbidden(ctx, n.resource, n.action, needs.map((x) => `${x.need} ${x.resource}`).join(' or '));
}

/** The SQL condition limiting a query to the records the actor may read or write (403 if none). */
export async function recordScope(
  ctx: RequestContext,
  resource: Resource,
  action: AccessAction,
  owner: AnyPgColumn | null,
): Promise<SQL | undefined> {
  const scopes = await assertCan(ctx, resource, action);
  return scopeCondition(ctx, scopes, owner);
}

/**
 * Loads a record to change through `load` (which applies the scope it is given): 404
 * (`missing`) when the actor cannot see it, 403 when it can see but not change it.
 */
export async function loadWritable<R>(
  ctx: RequestContext,
  resource: Resource,
  owner: AnyPgColumn,
  load: (scope: SQL | undefined) => Promise<R | undefined>,
  missing: () => DomainError,
): Promise<R> {
  const row = await load(await recordScope(ctx, resource, 'read', owner));
  if (!row) throw missing();
  const write = await recordScope(ctx, resource, 'write', owner);
  if (write && !(await load(write))) throw cannotChange(ctx, resource, `this ${resource} record`);
  return row;
}

/** 403 for a record the actor can see but not change. */
export function cannotChange(ctx: RequestContext, resource: Resource, what: string): DomainError {
  return forbidden(ctx, resource, 'write', what);
}
