import { accountUseCases } from '../crm/manage-accounts.ts';
import { peopleUseCases } from '../crm/manage-people.ts';
import { getWritableOpportunity } from '../pipeline/manage-opportunities.ts';
import { assertRole } from '../platform/access.ts';
import { appendAudit } from '../platform/audit/store.ts';
import type { RequestContext } from '../platform/context.ts';
import { DomainError, invalid } from '../platform/errors.ts';
import { inTransaction } from '../platform/transaction.ts';
import { exitCadences } from './exit-cadences.ts';
import { type ActivityRow, insertActivity, personInfo } from './work-store.ts';
import { DEFAULT_MINUTES, type LogActivityInput, REPLY_OUTCOMES } from './workbench.ts';

/**
 * An activity is work on its records: the actor must be allowed to change the person,
 * account and opportunity it names (404 out of sight, 403 read-only), and logging for
 * someone else is a manager's correction.
 */
async function assertMayLog(tx: RequestContext, input: LogActivityInput, userId: string | null) {
  if (userId !== tx.actor.userId) assertRole(tx, ['manager'], "log another member's activity");
  if (input.personId) await peopleUseCases.getWritable(tx, input.personId);
  if (input.accountId) await accountUseCases.getWritable(tx, input.accountId);
  if (input.opportunityId) await getWritableOpportunity(tx, input.opportunityId);
}

/**
 * Logs a call, email, meeting or note with its outcome. A reply (outcome replied or
 * inbound_email) ends the lead's cadences in the same transaction.
 */
export function logActivity(
  ctx: RequestContext,
  input: LogActivityInput,
): Promise<{ activity: ActivityRow; cadencesExited: number }> {
  const userId = input.userId ?? ctx.actor.userId;
  if (!input.personId && !input.accountId && !input.opportunityId)
    throw invalid('personId', 'an activity is about a person, an account or an opportunity');
  return inTransaction(ctx, async (tx) => {
    let accountId = input.accountId ?? null;
    if (input.personId) {
      const person = await personInfo(tx, input.personId);
      if (!person)
        throw new DomainError('invalid_input', 'No person with this id in this workspace.', [
          { path: 'personId', message: 'unknown id' },
        ]);
      accountId ??= person.accountId;
    }
    await assertMayLog(tx, input, userId);
    const activity = await insertActivity(tx, {
      type: input.type,
      outcome: input.outcome ?? null,
      personId: input.personId ?? null,
      accountId,
      opportunityId: input.opportunityId ?? null,
      userId,
      occurredAt: input.occurredAt ? new Date(input.occurredAt) : tx.now(),
      durationMinutes: input.durationMinutes ?? DEFAULT_MINUTES[input.type],
      notes: input.notes ?? null,
    });
    await appendAudit(tx, {
      action: 'activity.log',
      entityType: 'activity',
      entityId: activity.id,
      after: activity,
    });
    const replied = input.outcome !== undefined && REPLY_OUTCOMES.has(input.outcome);
    const cadencesExited = replied && input.personId ? await exitCadences(tx, input.personId, 'replied') : 0;
    return { activity, cadencesExited };
  });
}
