import { transitionEntity } from '../lifecycle/transition-entity.ts';
import { appendAudit } from '../platform/audit/store.ts';
import type { RequestContext } from '../platform/context.ts';
import { DomainError } from '../platform/errors.ts';
import { inTransaction } from '../platform/transaction.ts';
import { applyChange, lockForChange } from './amend-subscription.ts';
import { assertMayChangeSubscriptions } from './customer-scope.ts';
import { addMonthsToDay } from './fiscal-periods.ts';
import { parseInput } from './parse-input.ts';
import { getAccount, openOpportunities, type SubscriptionRow, setOpportunityClosed } from './store.ts';
import { type RenewSubscriptionInput, renewSubscriptionSchema } from './subscriptions.ts';

/**
 * The customer renewed (契約更新): the renewal date moves one term on, the MRR of the new
 * term applies from the old renewal date, the open renewal deal is won and the account
 * goes back from renewal to adoption.
 */
export async function renewSubscription(
  ctx: RequestContext,
  id: string,
  raw: RenewSubscriptionInput & { opportunityId?: string | null },
): Promise<SubscriptionRow> {
  await assertMayChangeSubscriptions(ctx);
  const { opportunityId, ...fields } = raw;
  const input = parseInput(renewSubscriptionSchema, fields, 'The renewal');
  return inTransaction(ctx, async (tx) => {
    const current = await lockForChange(tx, id, input.version);
    if (!current.renewsOn) {
      throw new DomainError(
        'conflict',
        `Subscription ${id} has a fixed end (${current.endsOn}) and does not renew.`,
        [{ path: 'renewsOn', message: 'no renewal date' }],
      );
    }
    const termMonths = input.termMonths ?? current.termMonths;
    // The renewal deal this closes is named on the amendment, so the won deal is not taken up twice.
    const deals = await openOpportunities(tx, current.accountId, 'renewal');
    const row = await applyChange(
      tx,
      current,
      {
        on: current.renewsOn,
        kind: 'renew',
        mrrAfter: input.mrr ?? current.mrr,
        plan: current.plan,
        reason: input.reason ?? null,
        opportunityId: opportunityId ?? deals[0]?.id ?? null,
      },
      { termMonths, renewsOn: addMonthsToDay(current.renewsOn, termMonths) },
    );
    for (const opp of deals) {
      await transitionEntity(tx, { entityType: 'opportunity', entityId: opp.id, to: 'won' });
      await setOpportunityClosed(tx, opp.id, {});
    }
    const account = await getAccount(tx, current.accountId);
    if (account?.customerStage === 'renewal')
      await transitionEntity(tx, {
        entityType: 'account',
        entityId: current.accountId,
        to: 'adoption',
        reason: 'renewed',
      });
    await appendAudit(tx, {
      action: 'subscription.renew',
      entityType: 'subscription',
      entityId: id,
      before: current,
      after: row,
      reason: input.reason ?? null,
    });
    return row;
  });
}
