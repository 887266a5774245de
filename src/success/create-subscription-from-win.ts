import type { RequestContext } from '../platform/context.ts';
import { DomainError, invalid, notFound } from '../platform/errors.ts';
import { inTransaction } from '../platform/transaction.ts';
import { amendSubscription } from './amend-subscription.ts';
import { createSubscription, type StartOptions } from './create-subscription.ts';
import { assertCustomerAccess, assertMayChangeSubscriptions } from './customer-scope.ts';
import { dayIn, laterDay } from './fiscal-periods.ts';
import { renewSubscription } from './renew-subscription.ts';
import {
  activeSubscriptions,
  getOpportunity,
  type SubscriptionRow,
  subscriptionsOfOpportunity,
  workspaceCalendar,
} from './store.ts';
import type { Amendment } from './subscriptions.ts';

export interface FromWinOptions extends StartOptions {
  /** The plan sold (default "standard"; a cross-sell defaults to "cross_sell"). */
  plan?: string;
  /** The first billing day (default: the day the deal closed, in the workspace time zone). */
  startsOn?: string;
  termMonths?: number;
}

/**
 * Turns a won opportunity into revenue: a new or cross-sell deal starts a subscription
 * (and onboarding, if the account is new or returning), an expansion deal amends the
 * account's largest subscription by the deal's MRR, a renewal deal renews the subscription
 * renewing first at the deal's MRR. Safe to call twice for the same deal: the second call
 * returns what the first made.
 */
export function createSubscriptionFromWin(
  ctx: RequestContext,
  opportunityId: string,
  options: FromWinOptions = {},
): Promise<SubscriptionRow> {
  return inTransaction(ctx, async (tx) => {
    await assertMayChangeSubscriptions(tx);
    const opp = await getOpportunity(tx, opportunityId);
    if (!opp) throw notFound('Opportunity', opportunityId);
    await assertCustomerAccess(tx, opp.accountId, 'write', () => notFound('Opportunity', opportunityId));
    if (opp.phase !== 'won') {
      throw new DomainError(
        'conflict',
        `Opportunity ${opportunityId} is in "${opp.phase}"; only a won deal starts revenue.`,
        [{ path: 'opportunityId', message: 'the opportunity is not won' }],
      );
    }
    const [made] = await subscriptionsOfOpportunity(tx, opportunityId);
    if (made) return made;
    const active = await activeSubscriptions(tx, opp.accountId);
    const done = active.find((s) =>
      (s.amendments as Amendment[]).some((a) => a.opportunityId === opportunityId),
    );
    if (done) return done;
    const { timeZone } = await workspaceCalendar(tx);
    const day = options.startsOn ?? dayIn(opp.closedAt ?? tx.now(), timeZone);
    if (opp.type === 'expansion' || opp.type === 'renewal') {
      const target =
        opp.type === 'renewal'
          ? [...active].filter((s) => s.renewsOn).sort((a, b) => (a.renewsOn! < b.renewsOn! ? -1 : 1))[0]
          : active[0];
      if (!target) {
        throw invalid(
          'opportunityId',
          `The account has no active subscription for this ${opp.type} deal to change.`,
        );
      }
      if (opp.type === 'renewal') {
        return renewSubscription(tx, target.id, {
          version: target.version,
          ...(opp.amountMrr > 0 ? { mrr: opp.amountMrr } : {}),
          ...(options.termMonths ? { termMonths: options.termMonths } : {}),
          reason: `renewal deal ${opp.name}`,
          opportunityId,
        });
      }
      return amendSubscription(tx, target.id, {
        version: target.version,
        mrr: target.mrr + opp.amountMrr,
        effectiveOn: laterDay(day, target.startsOn),
        reason: `expansion deal ${opp.name}`,
        opportunityId,
      });
    }
    return createSubscription(
      tx,
      {
        accountId: opp.accountId,
        opportunityId,
        plan: options.plan ?? (opp.type === 'cross_sell' ? 'cross_sell' : 'standard'),
        mrr: opp.amountMrr,
        startsOn: day,
        ...(options.termMonths ? { termMonths: options.termMonths } : {}),
      },
      options,
    );
  });
}
