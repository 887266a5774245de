import { z } from 'zod';
import { recordEntry } from '../lifecycle/transition-entity.ts';
import { appendAudit } from '../platform/audit/store.ts';
import type { RequestContext } from '../platform/context.ts';
import { DomainError, invalid, notFound, staleVersion } from '../platform/errors.ts';
import { inTransaction } from '../platform/transaction.ts';
import { assertCustomerAccess, assertMayChangeSubscriptions } from './customer-scope.ts';
import { parseInput } from './parse-input.ts';
import {
  type ExpansionSignalRow,
  getAccount,
  getCustomerAccount,
  holdsRole,
  insertOpportunity,
  insertTasks,
  lockExpansionSignal,
  type OpportunityRow,
  updateExpansionSignal,
} from './store.ts';
import { isoDay, yen } from './subscriptions.ts';

export const acceptSignalSchema = z.strictObject({
  version: z.int().positive(),
  /** The AE or AM who works the deal (default: the account's AM). */
  ownerUserId: z.uuid().optional(),
  amountMrr: yen.default(0),
  closeDate: isoDay.optional(),
  note: z.string().trim().max(1000).optional(),
});
export const dismissSignalSchema = z.strictObject({
  version: z.int().positive(),
  reason: z.string().trim().min(1, 'say why it is not an opportunity').max(500),
});

async function lockOpen(tx: RequestContext, id: string, version: number): Promise<ExpansionSignalRow> {
  const signal = await lockExpansionSignal(tx, id);
  if (!signal) throw notFound('Expansion signal', id);
  await assertCustomerAccess(tx, signal.accountId, 'write', () => notFound('Expansion signal', id));
  if (signal.version !== version) throw staleVersion('Expansion signal', id, version, signal.version);
  if (signal.status !== 'open')
    throw new DomainError('conflict', `Expansion signal ${id} is already ${signal.status}.`, [
      { path: 'status', message: signal.status },
    ]);
  return signal;
}

/**
 * An expansion signal accepted: it becomes an expansion opportunity (type expansion, in
 * qualification) owned by an AE or AM, with a task for that owner.
 */
export async function acceptExpansionSignal(
  ctx: RequestContext,
  id: string,
  raw: z.input<typeof acceptSignalSchema>,
): Promise<{ signal: ExpansionSignalRow; opportunity: OpportunityRow }> {
  const input = parseInput(acceptSignalSchema, raw, 'The acceptance');
  await assertMayChangeSubscriptions(ctx);
  return inTransaction(ctx, async (tx) => {
    const signal = await lockOpen(tx, id, input.version);
    const team = await getCustomerAccount(tx, signal.accountId);
    const account = await getAccount(tx, signal.accountId);
    const ownerUserId = input.ownerUserId ?? team?.amUserId ?? account?.ownerUserId ?? null;
    if (!ownerUserId) throw invalid('ownerUserId', 'Name the AE or AM who will work this expansion.');
    if (!(await holdsRole(tx, ownerUserId, ['ae', 'am'])))
      throw invalid('ownerUserId', `User ${ownerUserId} is neither an AE nor an AM.`);
    const opportunity = await insertOpportunity(tx, {
      accountId: signal.accountId,
      name: `${account?.name ?? ''} アップセル / expansion`,
      type: 'expansion',
      phase: 'qualification',
      phaseEnteredAt: tx.now(),
      amountMrr: input.amountMrr,
      closeDate: input.closeDate ?? null,
      ownerUserId,
      nextStep: input.note ?? null,
    });
    await recordEntry(tx, 'opportunity', opportunity.id, tx.now());
    await insertTasks(tx, [
      {
        kind: 'expansion',
        title: `アップセル商談: ${account?.name ?? ''} / Work the expansion`,
        dueAt: new Date(tx.now().getTime() + 3 * 86_400_000),
        assigneeUserId: ownerUserId,
        accountId: signal.accountId,
        opportunityId: opportunity.id,
        details: { signalId: id, evidence: signal.evidence },
      },
    ]);
    const updated = await updateExpansionSignal(tx, id, {
      status: 'accepted',
      respondedAt: tx.now(),
      respondedBy: tx.actor.userId,
      opportunityId: opportunity.id,
    });
    await appendAudit(tx, {
      action: 'expansion_signal.accept',
      entityType: 'expansion_signal',
      entityId: id,
      before: signal,
      after: { signal: updated, opportunityId: opportunity.id },
    });
    return { signal: updated, opportunity };
  });
}

export async function dismissExpansionSignal(
  ctx: RequestContext,
  id: string,
  raw: z.input<typeof dismissSignalSchema>,
): Promise<ExpansionSignalRow> {
  const input = parseInput(dismissSignalSchema, raw, 'The dismissal');
  await assertMayChangeSubscriptions(ctx);
  return inTransaction(ctx, async (tx) => {
    const signal = await lockOpen(tx, id, input.version);
    const updated = await updateExpansionSignal(tx, id, {
      status: 'dismissed',
      respondedAt: tx.now(),
      respondedBy: tx.actor.userId,
      dismissReason: input.reason,
    });
    await appendAudit(tx, {
      action: 'expansion_signal.dismiss',
      entityType: 'expansion_signal',
      entityId: id,
      before: signal,
      after: updated,
      reason: input.reason,
    });
    return updated;
  });
}
