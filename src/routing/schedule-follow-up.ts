import { z } from 'zod';
import { peopleUseCases } from '../crm/manage-people.ts';
import { appendAudit } from '../platform/audit/store.ts';
import type { RequestContext } from '../platform/context.ts';
import { invalid, notFound } from '../platform/errors.ts';
import { inTransaction } from '../platform/transaction.ts';
import { insertTask, personInfo } from './work-store.ts';

export const followUpSchema = z.strictObject({
  /** When to approach the lead again; it joins the work queue that day. */
  followUpAt: z.iso.datetime({ offset: true }),
  note: z.string().trim().max(2000).optional(),
  userId: z.uuid().optional(),
});

/** A lead that is not ready yet gets a nurture follow-up date: a task that brings it back into the queue. */
export function scheduleFollowUp(
  ctx: RequestContext,
  personId: string,
  input: z.infer<typeof followUpSchema>,
) {
  const dueAt = new Date(input.followUpAt);
  if (dueAt.getTime() <= ctx.now().getTime())
    throw invalid('followUpAt', 'the follow-up date must be in the future');
  return inTransaction(ctx, async (tx) => {
    await peopleUseCases.getWritable(tx, personId);
    const person = await personInfo(tx, personId);
    if (!person) throw notFound('Person', personId);
    const task = await insertTask(tx, {
      kind: 'nurture_follow_up',
      title: input.note ?? 'Nurture follow-up',
      dueAt,
      assigneeUserId: input.userId ?? person.ownerUserId ?? tx.actor.userId,
      personId,
      accountId: person.accountId,
    });
    await appendAudit(tx, { action: 'task.create', entityType: 'task', entityId: task.id, after: task });
    return task;
  });
}
