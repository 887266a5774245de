import type { RequestContext } from '../platform/context.ts';
import { DomainError, notFound } from '../platform/errors.ts';
import { inTransaction } from '../platform/transaction.ts';
import { entityLinks, type HandoffRow } from './handoff-store.ts';
import { openingFor } from './handoffs.ts';
import { type HandoffContext, openHandoff } from './open-handoff.ts';
import { assertEntityAccess } from './record-access.ts';
import { calendarOf, lockEntityStage } from './store.ts';

/** Customer Success hands an upsell to Field Sales (ae) or the account manager (am). */
export interface ExpansionInput {
  accountId: string;
  opportunityId?: string | null | undefined;
  toRole: 'ae' | 'am';
  fromRole?: 'csm' | 'onb' | 'am' | 'adr' | undefined;
  slaBusinessHours?: number | undefined;
  context?: HandoffContext | undefined;
}

export function openExpansionHandoff(ctx: RequestContext, input: ExpansionInput): Promise<HandoffRow> {
  return inTransaction(ctx, async (tx) => {
    await assertEntityAccess(tx, 'account', input.accountId, 'write');
    const account = await lockEntityStage(tx, 'account', input.accountId);
    if (!account) throw notFound('Account', input.accountId);
    if (account.stage === null || account.stage === 'churned') {
      throw new DomainError('conflict', 'An expansion hand-off needs a running customer account.', [
        { path: 'accountId', message: `the account is ${account.stage ?? 'not a customer yet'}` },
      ]);
    }
    const links = await entityLinks(tx, 'account', input.accountId);
    const opening = openingFor(
      {
        kind: 'expansion',
        fromRole: input.fromRole ?? 'csm',
        toRole: input.toRole,
        toRoleBySource: {},
        slaBusinessHours: input.slaBusinessHours ?? 18,
      },
      // No stage: the upsell runs beside the customer lifecycle, not in one of its stages.
      null,
      null,
      tx.now(),
      await calendarOf(tx),
    );
    const row = await openHandoff(
      tx,
      {
        type: 'account',
        id: input.accountId,
        links: { ...links, opportunityId: input.opportunityId ?? null },
      },
      opening,
      input.context,
    );
    return row!;
  });
}
