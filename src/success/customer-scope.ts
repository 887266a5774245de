import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { accounts } from '../crm/schema.ts';
import { assertCan, assertCanOneOf, cannotChange } from '../platform/access.ts';
import type { AccessAction } from '../platform/access-policy.ts';
import type { RequestContext } from '../platform/context.ts';
import { scopeCondition } from '../platform/db/record-scope.ts';
import { type DomainError, notFound } from '../platform/errors.ts';
import { customerAccounts } from './schema.ts';
import { existingAccountIds, lockSubscription, type SubscriptionRow } from './store.ts';

/**
 * The condition keeping `accountId` (a column or expression naming an account) inside the
 * actor's `customers` scope. A customer account counts as a member's when the member owns
 * the account or carries it as its ONB, CSM or AM. 403 when the actor has no customers grant.
 */
export async function customerScope(
  ctx: RequestContext,
  action: AccessAction,
  accountId: AnyPgColumn | SQL,
): Promise<SQL | undefined> {
  const scopes = await assertCan(ctx, 'customers', action);
  if (scopes.includes('all')) return undefined;
  const owners = [
    accounts.ownerUserId,
    customerAccounts.onbUserId,
    customerAccounts.csmUserId,
    customerAccounts.amUserId,
  ].map((column) => scopeCondition(ctx, scopes, column) ?? sql`true`);
  return sql`${accountId} in (
    select ${accounts.id} from ${accounts}
    left join ${customerAccounts} on ${customerAccounts.workspaceId} = ${accounts.workspaceId}
      and ${customerAccounts.accountId} = ${accounts.id}
    where ${accounts.workspaceId} = ${ctx.workspaceId} and (${sql.join(owners, sql` or `)}))`;
}

/** The ids among these accounts that the actor may read or change as customer accounts. */
export async function accountsInScope(
  ctx: RequestContext,
  ids: string[],
  action: AccessAction,
): Promise<Set<string>> {
  return existingAccountIds(ctx, ids, await customerScope(ctx, action, accounts.id));
}

const inScope = async (ctx: RequestContext, id: string, action: AccessAction) =>
  (await accountsInScope(ctx, [id], action)).has(id);

/**
 * Refuses a customer account the actor may not reach: 404 when it cannot see it (no
 * existence leak), 403 when it can see but not change it.
 */
export async function assertCustomerAccess(
  ctx: RequestContext,
  accountId: string,
  action: AccessAction,
  missing: () => DomainError = () => notFound('Account', accountId),
): Promise<void> {
  if (!(await inScope(ctx, accountId, 'read'))) throw missing();
  if (action === 'write' && !(await inScope(ctx, accountId, 'write')))
    throw cannotChange(ctx, 'customers', 'this customer account');
}

/** Who may change subscriptions at all: a `customers` write grant (Field Sales, Customer Success, managers). */
export async function assertMayChangeSubscriptions(ctx: RequestContext): Promise<void> {
  await assertCan(ctx, 'customers', 'write');
}

/** Locks a subscription the actor may change: 404 out of sight, 403 when read-only to it. */
export async function lockSubscriptionInScope(tx: RequestContext, id: string): Promise<SubscriptionRow> {
  const missing = () => notFound('Subscription', id);
  const current = await lockSubscription(tx, id);
  if (!current) throw missing();
  await assertCustomerAccess(tx, current.accountId, 'write', missing);
  return current;
}

/** Workspace-wide revenue reports (MRR, onboarding): report readers, or Customer Success reading every customer. */
export function assertMayReadRevenue(ctx: RequestContext): Promise<void> {
  return assertCanOneOf(ctx, [
    { resource: 'reports', action: 'read', need: 'all' },
    { resource: 'customers', action: 'read', need: 'all' },
  ]);
}
