import type { RequestContext } from '../platform/context.ts';
import type { ListQuery } from '../platform/db/crud-store.ts';
import { notFound } from '../platform/errors.ts';
import { accountTeams, signalAccountCondition } from './customer-list-store.ts';
import { assertCustomerAccess, customerScope } from './customer-scope.ts';
import { expansionSignals, subscriptions } from './schema.ts';
import {
  expansionSignalsStore,
  getAccount,
  getCustomerAccount,
  healthHistory,
  listChangesOf,
  listCustomerSignals,
  subscriptionsStore,
  tasksOfAccount,
} from './store.ts';

/** Subscriptions of the customer accounts the actor may see. */
export const listSubscriptions = async (ctx: RequestContext, q: ListQuery) =>
  subscriptionsStore.list(ctx, {
    ...q,
    scope: await customerScope(ctx, 'read', subscriptions.accountId),
  });

export async function getSubscription(ctx: RequestContext, id: string) {
  const row = await subscriptionsStore.get(
    ctx,
    id,
    await customerScope(ctx, 'read', subscriptions.accountId),
  );
  if (!row) throw notFound('Subscription', id);
  return { ...row, changes: await listChangesOf(ctx, id) };
}

const member = (id: string | null | undefined, displayName: string | null | undefined) =>
  id ? { id, displayName: displayName ?? null } : null;

/** Everything Customer Success knows about one account, for its page. */
export async function customerSuccessView(ctx: RequestContext, accountId: string) {
  await assertCustomerAccess(ctx, accountId, 'read');
  const account = await getAccount(ctx, accountId);
  if (!account) throw notFound('Account', accountId);
  const [team, names, health, subscriptions, signals, tasks] = await Promise.all([
    getCustomerAccount(ctx, accountId),
    accountTeams(ctx, [accountId]),
    healthHistory(ctx, accountId, 30),
    subscriptionsStore.list(ctx, { limit: 100, sort: 'createdAt', filters: { accountId } }),
    listCustomerSignals(ctx, accountId, 50),
    tasksOfAccount(ctx, accountId),
  ]);
  return {
    account,
    customer: team ?? null,
    team: {
      onb: member(team?.onbUserId, names.get(accountId)?.onbName),
      csm: member(team?.csmUserId, names.get(accountId)?.csmName),
      am: member(team?.amUserId, names.get(accountId)?.amName),
    },
    healthHistory: health.map((h) => ({ at: h.computedAt, score: h.score, band: h.band })),
    subscriptions: subscriptions.items,
    signals,
    tasks,
  };
}

/**
 * Expansion signals with the account's name, health, CSM and AM beside each; `q` searches
 * the account's name, `csmUserId` / `amUserId` keep the accounts that member carries.
 */
export async function listExpansionSignals(ctx: RequestContext, q: ListQuery) {
  const { csmUserId, amUserId, ...filters } = q.filters as Record<string, string | undefined>;
  const page = await expansionSignalsStore.list(ctx, {
    ...q,
    q: undefined,
    filters,
    scope: signalAccountCondition(ctx, {
      q: q.q,
      csmUserId,
      amUserId,
      scope: await customerScope(ctx, 'read', expansionSignals.accountId),
    }),
  });
  const teams = await accountTeams(ctx, [...new Set(page.items.map((s) => s.accountId))]);
  return {
    ...page,
    items: page.items.map((s) => {
      const team = teams.get(s.accountId);
      return {
        ...s,
        accountName: team?.accountName ?? null,
        healthScore: team?.healthScore ?? null,
        healthBand: team?.healthBand ?? null,
        csmUserId: team?.csmUserId ?? null,
        csmName: team?.csmName ?? null,
        amUserId: team?.amUserId ?? null,
        amName: team?.amName ?? null,
      };
    }),
  };
}
