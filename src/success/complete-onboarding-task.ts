import { transitionEntity } from '../lifecycle/transition-entity.ts';
import { appendAudit } from '../platform/audit/store.ts';
import type { RequestContext } from '../platform/context.ts';
import { DomainError, notFound } from '../platform/errors.ts';
import { inTransaction } from '../platform/transaction.ts';
import { assertCustomerAccess } from './customer-scope.ts';
import {
  completeTask,
  getAccount,
  getCustomerAccount,
  insertTasks,
  lockTask,
  type TaskRow,
  tasksOfAccount,
  upsertCustomerAccount,
} from './store.ts';

export interface OnboardingProgress {
  task: TaskRow;
  firstValueAt: Date | null;
  /** Set when this completion finished the checklist: the CSM's hand-off task. */
  handoffTask: TaskRow | null;
}

/**
 * ONB ticks off a checklist item. The first-value item stamps the time to first value;
 * the last open item finishes onboarding: the account moves onboarding → adoption and
 * its CSM gets a hand-off task, in the same transaction.
 */
export function completeOnboardingTask(ctx: RequestContext, taskId: string): Promise<OnboardingProgress> {
  return inTransaction(ctx, async (tx) => {
    const current = await lockTask(tx, taskId);
    if (!current) throw notFound('Task', taskId);
    // The checklist belongs to the customer account: whoever may change that account ticks it off.
    if (current.accountId)
      await assertCustomerAccess(tx, current.accountId, 'write', () => notFound('Task', taskId));
    if (current.kind !== 'onboarding' || !current.accountId)
      throw new DomainError('invalid_input', `Task ${taskId} is not an onboarding item.`, [
        { path: 'taskId', message: `it is a ${current.kind} task` },
      ]);
    if (current.status === 'done')
      throw new DomainError('conflict', `Task ${taskId} is already done.`, [
        { path: 'taskId', message: 'already done' },
      ]);
    const at = tx.now();
    const task = await completeTask(tx, taskId, at);
    const accountId = current.accountId;
    const team = await getCustomerAccount(tx, accountId);
    const details = current.details as { firstValue?: boolean };
    let firstValueAt = team?.firstValueAt ?? null;
    if (details.firstValue && !firstValueAt) {
      firstValueAt = at;
      await upsertCustomerAccount(tx, accountId, { firstValueAt: at });
    }
    const started = team?.onboardingStartedAt?.getTime() ?? 0;
    const remaining = (await tasksOfAccount(tx, accountId, 'onboarding')).filter(
      (t) => t.status !== 'done' && t.createdAt.getTime() >= started,
    );
    let handoffTask: TaskRow | null = null;
    const account = await getAccount(tx, accountId);
    if (remaining.length === 0 && account?.customerStage === 'onboarding') {
      await transitionEntity(tx, {
        entityType: 'account',
        entityId: accountId,
        to: 'adoption',
        reason: 'onboarding complete',
      });
      await upsertCustomerAccount(tx, accountId, {
        onboardingCompletedAt: at,
        firstValueAt: firstValueAt ?? at,
      });
      const created = await insertTasks(tx, [
        {
          kind: 'cs_handoff',
          title: `オンボーディング完了: ${account.name} の活用支援を開始 / Onboarding done: take over`,
          dueAt: new Date(at.getTime() + 3 * 86_400_000),
          assigneeUserId: team?.csmUserId ?? null,
          accountId,
          opportunityId: null,
          details: {
            fromUserId: team?.onbUserId ?? null,
            onboardingStartedAt: team?.onboardingStartedAt ?? null,
            firstValueAt: firstValueAt ?? at,
          },
        },
      ]);
      handoffTask = created[0] ?? null;
    }
    await appendAudit(tx, {
      action: 'onboarding.complete_item',
      entityType: 'task',
      entityId: taskId,
      before: { status: current.status },
      after: { status: 'done', firstValueAt, handoffTaskId: handoffTask?.id ?? null },
    });
    return { task, firstValueAt, handoffTask };
  });
}
