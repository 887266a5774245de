import { recordEntry, transitionEntity } from '../lifecycle/transition-entity.ts';
import { assertCan } from '../platform/access.ts';
import { appendAudit } from '../platform/audit/store.ts';
import type { RequestContext } from '../platform/context.ts';
import { inTransaction } from '../platform/transaction.ts';
import { addDaysToDay, dayIn } from './fiscal-periods.ts';
import { successConfigOf } from './load-success-config.ts';
import {
  activeSubscriptions,
  getCustomerAccount,
  insertOpportunity,
  insertTasks,
  subscriptionsRenewingBy,
  workspaceCalendar,
} from './store.ts';

export interface RenewalEntry {
  accountId: string;
  renewsOn: string;
  opportunityId: string;
  taskId: string;
}

/**
 * The customer lifecycle enters renewal `renewalLeadDays` (default 90) before the
 * renewal date: every account in adoption with an active subscription renewing by then
 * moves to renewal, gets a renewal opportunity (current MRR, closing on the renewal
 * date) for its AM or CSM, and a task for its CSM. Idempotent: an account already in
 * renewal is not picked again. Run it daily (a job) or on demand.
 */
export function enterRenewals(ctx: RequestContext): Promise<RenewalEntry[]> {
  return inTransaction(ctx, async (tx) => {
    // A workspace-wide run: it opens renewal deals and tasks on every customer account.
    await assertCan(tx, 'customers', 'write', 'all');
    const { config } = await successConfigOf(tx);
    const { timeZone } = await workspaceCalendar(tx);
    const horizon = addDaysToDay(dayIn(tx.now(), timeZone), config.renewalLeadDays);
    const due = await subscriptionsRenewingBy(tx, horizon, 'adoption');
    const entered: RenewalEntry[] = [];
    const seen = new Set<string>();
    for (const { subscription, accountName, ownerUserId } of due) {
      if (seen.has(subscription.accountId)) continue;
      seen.add(subscription.accountId);
      const renewsOn = subscription.renewsOn!;
      await transitionEntity(tx, {
        entityType: 'account',
        entityId: subscription.accountId,
        to: 'renewal',
        reason: `renews on ${renewsOn}`,
      });
      const mrr = (await activeSubscriptions(tx, subscription.accountId)).reduce((s, x) => s + x.mrr, 0);
      const team = await getCustomerAccount(tx, subscription.accountId);
      const opp = await insertOpportunity(tx, {
        accountId: subscription.accountId,
        name: `${accountName} 契約更新 ${renewsOn}`,
        type: 'renewal',
        phase: 'qualification',
        phaseEnteredAt: tx.now(),
        amountMrr: mrr,
        closeDate: renewsOn,
        ownerUserId: team?.amUserId ?? team?.csmUserId ?? ownerUserId,
      });
      await recordEntry(tx, 'opportunity', opp.id, tx.now());
      const [task] = await insertTasks(tx, [
        {
          kind: 'renewal',
          title: `契約更新の準備 / Prepare the renewal (${renewsOn})`,
          dueAt: new Date(`${renewsOn}T00:00:00Z`),
          assigneeUserId: team?.csmUserId ?? ownerUserId,
          accountId: subscription.accountId,
          opportunityId: opp.id,
          details: { subscriptionId: subscription.id, renewsOn, mrr },
        },
      ]);
      await appendAudit(tx, {
        action: 'account.renewal_entered',
        entityType: 'account',
        entityId: subscription.accountId,
        after: { renewsOn, opportunityId: opp.id, taskId: task!.id, mrr },
      });
      entered.push({ accountId: subscription.accountId, renewsOn, opportunityId: opp.id, taskId: task!.id });
    }
    return entered;
  });
}
