import { appendAudit } from '../platform/audit/store.ts';
import type { RequestContext } from '../platform/context.ts';
import { DomainError, invalid, staleVersion } from '../platform/errors.ts';
import { inTransaction } from '../platform/transaction.ts';
import { assertMayChangeSubscriptions, lockSubscriptionInScope } from './customer-scope.ts';
import { parseInput } from './parse-input.ts';
import { findOverlapping, insertChanges, type SubscriptionRow, updateSubscription } from './store.ts';
import {
  type Amendment,
  type AmendSubscriptionInput,
  amendSubscriptionSchema,
  overlapError,
} from './subscriptions.ts';

/** Reads a subscription for a change: locked, at the version the caller read, still billing. */
export async function lockForChange(
  tx: RequestContext,
  id: string,
  version: number | undefined,
): Promise<SubscriptionRow> {
  const current = await lockSubscriptionInScope(tx, id);
  if (version !== undefined && current.version !== version) staleThrow(id, version, current.version);
  if (current.status !== 'active') {
    throw new DomainError(
      'conflict',
      `Subscription ${id} is ${current.status}; only an active one can change.`,
      [{ path: 'status', message: `it is ${current.status}` }],
    );
  }
  return current;
}

function staleThrow(id: string, sent: number, current: number): never {
  throw staleVersion('Subscription', id, sent, current);
}

/**
 * Writes one change of a locked subscription: the new columns, the amendment on the
 * record and the MRR change log row, in the caller's transaction.
 */
export async function applyChange(
  tx: RequestContext,
  current: SubscriptionRow,
  change: Omit<Amendment, 'mrrBefore' | 'planBefore'>,
  columns: Partial<SubscriptionRow> = {},
): Promise<SubscriptionRow> {
  const amendment: Amendment = { ...change, mrrBefore: current.mrr, planBefore: current.plan };
  const row = await updateSubscription(tx, current.id, {
    mrr: change.mrrAfter,
    plan: change.plan,
    ...columns,
    amendments: [...(current.amendments as Amendment[]), amendment],
  });
  await insertChanges(tx, [
    {
      subscriptionId: current.id,
      accountId: current.accountId,
      kind: change.kind,
      effectiveOn: change.on,
      plan: change.plan,
      mrrBefore: current.mrr,
      mrrAfter: change.mrrAfter,
      reason: change.reason,
    },
  ]);
  return row;
}

/**
 * An amendment: a new MRR (upsell or downgrade) and/or plan from a day on. The day is on
 * or after the start; a new plan may not overlap another subscription of that plan.
 */
export async function amendSubscription(
  ctx: RequestContext,
  id: string,
  raw: AmendSubscriptionInput & { opportunityId?: string | null },
): Promise<SubscriptionRow> {
  await assertMayChangeSubscriptions(ctx);
  const { opportunityId, ...fields } = raw;
  const input = parseInput(amendSubscriptionSchema, fields, 'The amendment');
  if (input.mrr === undefined && input.plan === undefined)
    throw invalid('mrr', 'Send a new mrr, a new plan, or both.');
  return inTransaction(ctx, async (tx) => {
    const current = await lockForChange(tx, id, input.version);
    if (input.effectiveOn < current.startsOn)
      throw invalid(
        'effectiveOn',
        `The amendment (${input.effectiveOn}) cannot precede the start (${current.startsOn}).`,
      );
    if (current.endsOn && input.effectiveOn >= current.endsOn)
      throw invalid('effectiveOn', `The subscription ends on ${current.endsOn}; amend before that day.`);
    const plan = input.plan ?? current.plan;
    if (plan !== current.plan) {
      const other = await findOverlapping(tx, {
        accountId: current.accountId,
        plan,
        startsOn: input.effectiveOn,
        endsOn: current.endsOn,
        excludeId: current.id,
      });
      if (other) throw overlapError(plan, other);
    }
    const row = await applyChange(tx, current, {
      on: input.effectiveOn,
      kind: 'amend',
      mrrAfter: input.mrr ?? current.mrr,
      plan,
      reason: input.reason ?? null,
      opportunityId: opportunityId ?? null,
    });
    await appendAudit(tx, {
      action: 'subscription.amend',
      entityType: 'subscription',
      entityId: id,
      before: current,
      after: row,
      reason: input.reason ?? null,
    });
    return row;
  });
}
