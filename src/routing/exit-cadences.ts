import { peopleUseCases } from '../crm/manage-people.ts';
import { appendAudit } from '../platform/audit/store.ts';
import type { RequestContext } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import { inTransaction } from '../platform/transaction.ts';
import { exitReason } from './cadences.ts';
import {
  activeEnrolments,
  cancelEnrolmentTasks,
  enrolledPeople,
  personInfo,
  setOptedOut,
  updateEnrolment,
} from './work-store.ts';
import { isOptedOut } from './workbench.ts';

/** Ends a person's active cadences (reply, stage change, opt-out): open step tasks are cancelled. */
export async function exitCadences(ctx: RequestContext, personId: string, reason: string): Promise<number> {
  return (await exitCadencesOf(ctx, [personId], reason)).get(personId) ?? 0;
}

/** exitCadences for many people at once: how many cadences each left. */
export async function exitCadencesOf(
  ctx: RequestContext,
  personIds: string[],
  reason: string,
): Promise<Map<string, number>> {
  if (personIds.length === 0) return new Map();
  return inTransaction(ctx, async (tx) => {
    const active = await activeEnrolments(tx, personIds);
    const exited = new Map<string, number>();
    for (const e of active) {
      exited.set(e.personId, (exited.get(e.personId) ?? 0) + 1);
      await updateEnrolment(tx, e.id, { status: 'exited', endedAt: tx.now(), exitReason: reason });
      await appendAudit(tx, {
        action: 'cadence.exit',
        entityType: 'cadence_enrolment',
        entityId: e.id,
        before: { status: 'active' },
        after: { status: 'exited', exitReason: reason },
        reason,
      });
    }
    await cancelEnrolmentTasks(
      tx,
      active.map((e) => e.id),
    );
    return exited;
  });
}

/**
 * Ends every active enrolment whose lead changed stage or opted out since enrolment.
 * The jobs runner (or the lifecycle engine after a person's transition) calls it.
 */
export async function sweepCadenceExits(ctx: RequestContext): Promise<number> {
  return inTransaction(ctx, async (tx) => {
    const ended: string[] = [];
    for (const row of await enrolledPeople(tx)) {
      const reason = exitReason(row, { stage: row.stage, optedOut: isOptedOut(row.attributes) });
      if (!reason) continue;
      await updateEnrolment(tx, row.enrolmentId, { status: 'exited', endedAt: tx.now(), exitReason: reason });
      ended.push(row.enrolmentId);
    }
    await cancelEnrolmentTasks(tx, ended);
    if (ended.length) {
      await appendAudit(tx, {
        action: 'cadence.sweep',
        entityType: 'cadence_enrolment',
        entityId: null,
        after: { exited: ended },
      });
    }
    return ended.length;
  });
}

/** The person asks not to be contacted: the flag is set and every cadence ends. */
export function optOutPerson(
  ctx: RequestContext,
  personId: string,
  reason: string,
): Promise<{ exited: number }> {
  return inTransaction(ctx, async (tx) => {
    await peopleUseCases.getWritable(tx, personId);
    const person = await personInfo(tx, personId);
    if (!person) throw notFound('Person', personId);
    await setOptedOut(tx, personId);
    await appendAudit(tx, {
      action: 'person.opt_out',
      entityType: 'person',
      entityId: personId,
      before: { optedOut: isOptedOut(person.attributes) },
      after: { optedOut: true },
      reason,
    });
    return { exited: await exitCadences(tx, personId, 'opted_out') };
  });
}
