import { peopleUseCases } from '../crm/manage-people.ts';
import { appendAudit } from '../platform/audit/store.ts';
import type { RequestContext } from '../platform/context.ts';
import { DomainError } from '../platform/errors.ts';
import { inTransaction } from '../platform/transaction.ts';
import { type CadenceStep, stepDueAt } from './cadences.ts';
import { cadenceUseCases } from './manage-cadences.ts';
import { activeEnrolments, type CadenceRow, insertEnrolment, insertTask, personInfo } from './work-store.ts';
import { isOptedOut } from './workbench.ts';

/** The task of one cadence step, due its day offset after enrolment. */
export function stepTask(
  cadence: CadenceRow,
  enrolment: { id: string; personId: string; userId: string | null; enrolledAt: Date },
  index: number,
  accountId: string | null,
) {
  const step = (cadence.steps as CadenceStep[])[index]!;
  return {
    kind: 'cadence_step',
    title: `${cadence.name} ${index + 1}: ${step.channel}`,
    dueAt: stepDueAt(enrolment.enrolledAt, step),
    assigneeUserId: enrolment.userId,
    personId: enrolment.personId,
    accountId,
    details: { enrolmentId: enrolment.id, cadenceId: cadence.id, step: index, ...step },
  };
}

/**
 * Enrols a lead in a cadence: an opted-out lead, a lead already in a cadence or an
 * archived cadence is refused (409 naming the rule); the first step's task is created.
 */
export function enrolInCadence(
  ctx: RequestContext,
  cadenceId: string,
  input: { personId: string; userId?: string | undefined },
) {
  return inTransaction(ctx, async (tx) => {
    const cadence = (await cadenceUseCases.get(tx, cadenceId)) as CadenceRow;
    if (cadence.status !== 'active')
      throw new DomainError('conflict', `Cadence "${cadence.name}" is archived.`, [
        { path: 'cadenceId', message: 'enrol in an active cadence' },
      ]);
    const person = await personInfo(tx, input.personId);
    if (!person)
      throw new DomainError('invalid_input', 'No person with this id in this workspace.', [
        { path: 'personId', message: 'unknown id' },
      ]);
    // Enrolling works the lead: the actor must be allowed to change it.
    await peopleUseCases.getWritable(tx, input.personId);
    if (isOptedOut(person.attributes)) {
      throw new DomainError(
        'conflict',
        'This person opted out of contact and cannot be enrolled in a cadence.',
        [{ path: 'personId', message: 'opted out (attributes.optedOut)' }],
      );
    }
    if ((await activeEnrolments(tx, [input.personId])).length > 0) {
      throw new DomainError('conflict', 'This person is already in an active cadence.', [
        { path: 'personId', message: 'exit the current cadence first' },
      ]);
    }
    const enrolment = await insertEnrolment(tx, {
      cadenceId,
      personId: input.personId,
      userId: input.userId ?? person.ownerUserId ?? tx.actor.userId,
      stageAtEnrolment: person.stage,
      enrolledAt: tx.now(),
    });
    const task = await insertTask(tx, stepTask(cadence, enrolment, 0, person.accountId));
    await appendAudit(tx, {
      action: 'cadence.enrol',
      entityType: 'cadence_enrolment',
      entityId: enrolment.id,
      after: enrolment,
    });
    return { enrolment, task };
  });
}
