import { peopleUseCases } from '../crm/manage-people.ts';
import { appendAudit } from '../platform/audit/store.ts';
import type { RequestContext } from '../platform/context.ts';
import { inTransaction } from '../platform/transaction.ts';
import { CONSENT_CHANNELS, type ConsentChannel, type ConsentStatus, canContact } from './consent.ts';
import { listConsents, upsertConsent } from './store.ts';

export interface ConsentView {
  channel: ConsentChannel;
  status: ConsentStatus | null;
  source: string | null;
  changedAt: Date | null;
  canContact: boolean;
}

/** Every channel with the recorded answer (or none) and whether Baton may use it now. */
export async function getConsents(ctx: RequestContext, personId: string): Promise<ConsentView[]> {
  const person = await peopleUseCases.get(ctx, personId);
  const rows = await listConsents(ctx, personId);
  return CONSENT_CHANNELS.map((channel) => {
    const row = rows.find((r) => r.channel === channel);
    return {
      channel,
      status: (row?.status as ConsentStatus | undefined) ?? null,
      source: row?.source ?? null,
      changedAt: row?.changedAt ?? null,
      canContact: canContact(rows, channel, Boolean(person.erasedAt)),
    };
  });
}

/** Records a consent answer (or an unsubscribe) for one channel; audited with before and after. */
export async function setConsent(
  ctx: RequestContext,
  personId: string,
  channel: ConsentChannel,
  input: { status: ConsentStatus; source?: string | undefined },
): Promise<ConsentView[]> {
  await inTransaction(ctx, async (tx) => {
    await peopleUseCases.getWritable(tx, personId);
    const before = (await listConsents(tx, personId)).find((c) => c.channel === channel) ?? null;
    const after = await upsertConsent(tx, {
      personId,
      channel,
      status: input.status,
      source: input.source ?? null,
      changedAt: tx.now(),
    });
    await appendAudit(tx, {
      action: input.status === 'unsubscribed' ? 'person.unsubscribe' : 'person.consent',
      entityType: 'person',
      entityId: personId,
      before: before && { consent: before },
      after: { consent: after },
    });
  });
  return getConsents(ctx, personId);
}
