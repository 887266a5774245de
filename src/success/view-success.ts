import type { RequestContext } from '../platform/context.ts';
import type { ListQuery } from '../platform/db/crud-store.ts';
import { notFound } from '../platform/errors.ts';
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

export const listSubscriptions = (ctx: RequestContext, q: ListQuery) => subscriptionsStore.list(ctx, q);
export const listExpansionSignals = (ctx: RequestContext, q: ListQuery) => expansionSignalsStore.list(ctx, q);

export async function getSubscription(ctx: RequestContext, id: string) {
  const row = await subscriptionsStore.get(ctx, id);
  if (!row) throw notFound('Subscription', id);
  return { ...row, changes: await listChangesOf(ctx, id) };
}

/** Everything Customer Success knows about one account, for its page. */
export async function customerSuccessView(ctx: RequestContext, accountId: string) {
  const account = await getAccount(ctx, accountId);
  if (!account) throw notFound('Account', accountId);
  const [team, health, subscriptions, signals, tasks] = await Promise.all([
    getCustomerAccount(ctx, accountId),
    healthHistory(ctx, accountId, 30),
    subscriptionsStore.list(ctx, { limit: 100, sort: 'createdAt', filters: { accountId } }),
    listCustomerSignals(ctx, accountId, 50),
    tasksOfAccount(ctx, accountId),
  ]);
  return {
    account,
    customer: team ?? null,
    healthHistory: health.map((h) => ({ at: h.computedAt, score: h.score, band: h.band })),
    subscriptions: subscriptions.items,
    signals,
    tasks,
  };
}
