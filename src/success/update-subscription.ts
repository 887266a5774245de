import { appendAudit } from '../platform/audit/store.ts';
import type { RequestContext } from '../platform/context.ts';
import { invalid, staleVersion } from '../platform/errors.ts';
import { inTransaction } from '../platform/transaction.ts';
import { assertMayChangeSubscriptions, lockSubscriptionInScope } from './customer-scope.ts';
import { parseInput } from './parse-input.ts';
import { type SubscriptionRow, updateSubscription as saveSubscription, subscriptionsStore } from './store.ts';
import { type UpdateSubscriptionInput, updateSubscriptionSchema } from './subscriptions.ts';

/**
 * Edits the terms that do not move MRR (term length, renewal date, the deal it came
 * from). MRR and plan change through amendments; the end through churn.
 */
export async function updateSubscriptionTerms(
  ctx: RequestContext,
  id: string,
  raw: UpdateSubscriptionInput,
): Promise<SubscriptionRow> {
  await assertMayChangeSubscriptions(ctx);
  const input = parseInput(updateSubscriptionSchema, raw, 'The subscription');
  return inTransaction(ctx, async (tx) => {
    const current = await lockSubscriptionInScope(tx, id);
    if (current.version !== input.version)
      throw staleVersion('Subscription', id, input.version, current.version);
    if (input.renewsOn && input.renewsOn <= current.startsOn)
      throw invalid(
        'renewsOn',
        `The renewal date (${input.renewsOn}) must be after the start (${current.startsOn}).`,
      );
    if (input.renewsOn && current.endsOn)
      throw invalid('renewsOn', `This subscription ends on ${current.endsOn}; it does not renew.`);
    const { version: _v, ...fields } = input;
    const row = await saveSubscription(tx, id, fields);
    await appendAudit(tx, {
      action: 'subscription.update',
      entityType: 'subscription',
      entityId: id,
      before: current,
      after: row,
    });
    return row;
  });
}

/**
 * Deletes a subscription entered by mistake, with its change log (MRR history is
 * recomputed without it). A real ending is a churn, which keeps the history.
 */
export async function deleteSubscription(ctx: RequestContext, id: string, version: number): Promise<void> {
  await assertMayChangeSubscriptions(ctx);
  await inTransaction(ctx, async (tx) => {
    const current = await lockSubscriptionInScope(tx, id);
    if (!(await subscriptionsStore.remove(tx, id, version)))
      throw staleVersion('Subscription', id, version, current.version);
    await appendAudit(tx, {
      action: 'subscription.delete',
      entityType: 'subscription',
      entityId: id,
      before: current,
    });
  });
}
