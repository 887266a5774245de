import { loadWritable } from '../platform/access.ts';
import { appendAudit } from '../platform/audit/store.ts';
import type { RequestContext } from '../platform/context.ts';
import { DomainError, notFound } from '../platform/errors.ts';
import { inTransaction } from '../platform/transaction.ts';
import { type CadenceStep, exitReason } from './cadences.ts';
import { stepTask } from './enrol-in-cadence.ts';
import { exitCadences } from './exit-cadences.ts';
import { tasks } from './schema.ts';
import {
  type CadenceRow,
  cadencesStore,
  closeTask,
  getEnrolment,
  getTaskForUpdate,
  insertTask,
  personInfo,
  updateEnrolment,
} from './work-store.ts';
import { isOptedOut } from './workbench.ts';

/**
 * Marks a task done. A cadence step moves its enrolment on: the next step's task is
 * created, or the cadence completes; a lead who changed stage or opted out leaves it instead.
 */
export function completeTask(ctx: RequestContext, taskId: string) {
  return inTransaction(ctx, async (tx) => {
    // A task belongs to its assignee: reps complete their own, managers their teams'.
    const task = await loadWritable(
      tx,
      'tasks',
      tasks.assigneeUserId,
      (scope) => getTaskForUpdate(tx, taskId, scope),
      () => notFound('Task', taskId),
    );
    if (task.status !== 'open')
      throw new DomainError('conflict', `The task is already ${task.status}.`, [
        { path: 'status', message: task.status },
      ]);
    const done = await closeTask(tx, taskId, 'done');
    await appendAudit(tx, {
      action: 'task.complete',
      entityType: 'task',
      entityId: taskId,
      before: task,
      after: done,
    });
    const details = task.details as { enrolmentId?: string; step?: number };
    if (task.kind !== 'cadence_step' || !details.enrolmentId) return { task: done, next: null };
    const enrolment = await getEnrolment(tx, details.enrolmentId);
    if (enrolment?.status !== 'active') return { task: done, next: null };
    const person = await personInfo(tx, enrolment.personId);
    const reason = person
      ? exitReason(enrolment, { stage: person.stage, optedOut: isOptedOut(person.attributes) })
      : 'stage_changed';
    if (reason) {
      await exitCadences(tx, enrolment.personId, reason);
      return { task: done, next: null };
    }
    const cadence = (await cadencesStore.get(tx, enrolment.cadenceId)) as CadenceRow;
    const nextIndex = (details.step ?? 0) + 1;
    if (nextIndex >= (cadence.steps as CadenceStep[]).length) {
      await updateEnrolment(tx, enrolment.id, {
        status: 'completed',
        currentStep: nextIndex,
        endedAt: tx.now(),
      });
      return { task: done, next: null };
    }
    await updateEnrolment(tx, enrolment.id, { currentStep: nextIndex });
    const next = await insertTask(tx, stepTask(cadence, enrolment, nextIndex, person?.accountId ?? null));
    return { task: done, next };
  });
}
