import { transitionEntity } from '../lifecycle/transition-entity.ts';
import { appendAudit } from '../platform/audit/store.ts';
import type { RequestContext } from '../platform/context.ts';
import { invalid } from '../platform/errors.ts';
import { inTransaction } from '../platform/transaction.ts';
import { applyChange, lockForChange } from './amend-subscription.ts';
import { assertMayChangeSubscriptions } from './customer-scope.ts';
import { addDaysToDay, dayIn } from './fiscal-periods.ts';
import { parseInput } from './parse-input.ts';
import {
  activeSubscriptions,
  getAccount,
  openOpportunities,
  peopleOfAccount,
  type SubscriptionRow,
  setOpportunityClosed,
  upsertCustomerAccount,
  workspaceCalendar,
} from './store.ts';
import { type ChurnSubscriptionInput, churnSubscriptionSchema } from './subscriptions.ts';

export interface ChurnResult {
  subscription: SubscriptionRow;
  /** True when this was the account's last active subscription: the account churned. */
  accountChurned: boolean;
  recycledPersonIds: string[];
}

/**
 * The lead-lifecycle stages a contact of a churned customer passes on the way to
 * recycled: a customer contact churns, then is recycled; one already churned is recycled.
 * Contacts in any other stage (still a lead elsewhere, disqualified…) are left alone.
 */
const RECYCLE_PATH: Record<string, string[]> = { customer: ['churned', 'recycled'], churned: ['recycled'] };

/**
 * Churn (解約): the subscription ends with its reason and stops billing from `endsOn`.
 * If no other subscription of the account is active, the account leaves the customer
 * lifecycle (churned), its open renewal and expansion deals are lost with the same
 * reason, and its contacts are recycled with a re-approach date — all in one transaction.
 */
export async function churnSubscription(
  ctx: RequestContext,
  id: string,
  raw: ChurnSubscriptionInput,
): Promise<ChurnResult> {
  await assertMayChangeSubscriptions(ctx);
  const input = parseInput(churnSubscriptionSchema, raw, 'The churn');
  return inTransaction(ctx, async (tx) => {
    const current = await lockForChange(tx, id, input.version);
    const { timeZone } = await workspaceCalendar(tx);
    const today = dayIn(tx.now(), timeZone);
    const endsOn = input.endsOn ?? today;
    if (endsOn <= current.startsOn)
      throw invalid('endsOn', `The end (${endsOn}) must be after the start (${current.startsOn}).`);
    const reapproachOn = input.reapproachOn ?? addDaysToDay(today, 180);
    if (reapproachOn <= today)
      throw invalid('reapproachOn', `The re-approach date must be after today (${today}).`);
    const subscription = await applyChange(
      tx,
      current,
      {
        on: endsOn,
        kind: 'churn',
        mrrAfter: 0,
        plan: current.plan,
        reason: input.reason,
        opportunityId: null,
      },
      { status: 'churned', endsOn, renewsOn: null, churnReason: input.reason },
    );
    const stillActive = (await activeSubscriptions(tx, current.accountId)).length > 0;
    const recycledPersonIds: string[] = [];
    const account = await getAccount(tx, current.accountId);
    const accountChurned =
      !stillActive && account?.customerStage != null && account.customerStage !== 'churned';
    if (accountChurned) {
      await transitionEntity(tx, {
        entityType: 'account',
        entityId: current.accountId,
        to: 'churned',
        reason: input.reason,
      });
      for (const type of ['renewal', 'expansion', 'cross_sell']) {
        for (const opp of await openOpportunities(tx, current.accountId, type)) {
          await transitionEntity(tx, {
            entityType: 'opportunity',
            entityId: opp.id,
            to: 'lost',
            reason: input.reason,
          });
          await setOpportunityClosed(tx, opp.id, { lossReason: input.reason });
        }
      }
      const reapproach = new Date(`${reapproachOn}T00:00:00Z`);
      for (const person of await peopleOfAccount(tx, current.accountId)) {
        const path = RECYCLE_PATH[person.lifecycleStage];
        if (!path) continue;
        for (const to of path) {
          await transitionEntity(tx, {
            entityType: 'person',
            entityId: person.id,
            to,
            reason: `account churned: ${input.reason}`,
            reapproachOn: to === 'recycled' ? reapproach : null,
          });
        }
        recycledPersonIds.push(person.id);
      }
      await upsertCustomerAccount(tx, current.accountId, { redSince: null });
    }
    await appendAudit(tx, {
      action: 'subscription.churn',
      entityType: 'subscription',
      entityId: id,
      before: current,
      after: { subscription, accountChurned, recycledPersonIds },
      reason: input.reason,
    });
    return { subscription, accountChurned, recycledPersonIds };
  });
}
