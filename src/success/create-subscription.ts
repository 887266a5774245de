import { recordEntry } from '../lifecycle/transition-entity.ts';
import { appendAudit } from '../platform/audit/store.ts';
import type { RequestContext } from '../platform/context.ts';
import { invalid } from '../platform/errors.ts';
import { inTransaction } from '../platform/transaction.ts';
import { assertCustomerAccess, assertMayChangeSubscriptions } from './customer-scope.ts';
import { successConfigOf } from './load-success-config.ts';
import { parseInput } from './parse-input.ts';
import { startOnboarding } from './start-onboarding.ts';
import {
  findOverlapping,
  getAccount,
  insertChanges,
  insertSubscription,
  type SubscriptionRow,
} from './store.ts';
import {
  assertSubscriptionWindow,
  type CreateSubscriptionInput,
  createSubscriptionSchema,
  firstRenewal,
  overlapError,
} from './subscriptions.ts';

export interface StartOptions {
  onbUserId?: string | null;
  csmUserId?: string | null;
  amUserId?: string | null;
}

/**
 * A new subscription: validated (no negative MRR, end after start, no overlap with the
 * same plan on the account), logged as a `start` change (and an `end` change when it has
 * a fixed end). An account that is not a customer yet, or churned, enters the customer
 * lifecycle at onboarding and gets the plan's checklist.
 */
export async function createSubscription(
  ctx: RequestContext,
  raw: CreateSubscriptionInput,
  options: StartOptions = {},
): Promise<SubscriptionRow> {
  await assertMayChangeSubscriptions(ctx);
  const input = parseInput(createSubscriptionSchema, raw, 'The subscription');
  assertSubscriptionWindow(input);
  return inTransaction(ctx, async (tx) => {
    const missing = () => invalid('accountId', `Account ${input.accountId} was not found in this workspace.`);
    const account = await getAccount(tx, input.accountId);
    if (!account) throw missing();
    await assertCustomerAccess(tx, input.accountId, 'write', missing);
    const endsOn = input.endsOn ?? null;
    const other = await findOverlapping(tx, { ...input, endsOn });
    if (other) throw overlapError(input.plan, other);
    const row = await insertSubscription(tx, {
      accountId: input.accountId,
      opportunityId: input.opportunityId ?? null,
      plan: input.plan,
      mrr: input.mrr,
      startsOn: input.startsOn,
      termMonths: input.termMonths,
      renewsOn: firstRenewal(input.startsOn, input.termMonths, endsOn),
      endsOn,
      status: 'active',
    });
    const base = { subscriptionId: row.id, accountId: row.accountId, plan: row.plan, reason: null };
    await insertChanges(tx, [
      { ...base, kind: 'start', effectiveOn: row.startsOn, mrrBefore: 0, mrrAfter: row.mrr },
      ...(endsOn ? [{ ...base, kind: 'end', effectiveOn: endsOn, mrrBefore: row.mrr, mrrAfter: 0 }] : []),
    ]);
    if (account.customerStage === null || account.customerStage === 'churned') {
      const at = tx.now();
      await recordEntry(tx, 'account', account.id, at);
      const { config } = await successConfigOf(tx);
      await startOnboarding(tx, config, { accountId: account.id, plan: row.plan, at, ...options });
    }
    await appendAudit(tx, {
      action: 'subscription.create',
      entityType: 'subscription',
      entityId: row.id,
      after: row,
    });
    return row;
  });
}
