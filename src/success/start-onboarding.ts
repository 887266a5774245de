import type { RequestContext } from '../platform/context.ts';
import { insertTasks, leastLoadedMember, type TaskRow, upsertCustomerAccount } from './store.ts';
import { type SuccessConfig, templateFor } from './success-config.ts';

const DAY = 86_400_000;

/**
 * The won account is handed to Onboarding: an ONB, a CSM and an AM are assigned (the least
 * loaded holder of the role unless given), and the plan's checklist becomes ONB tasks.
 * Runs inside the caller's transaction.
 */
export async function startOnboarding(
  tx: RequestContext,
  config: SuccessConfig,
  input: {
    accountId: string;
    plan: string;
    at: Date;
    onbUserId?: string | null;
    csmUserId?: string | null;
    amUserId?: string | null;
  },
): Promise<TaskRow[]> {
  const onbUserId = input.onbUserId ?? (await leastLoadedMember(tx, 'onb'));
  const csmUserId = input.csmUserId ?? (await leastLoadedMember(tx, 'csm'));
  const amUserId = input.amUserId ?? (await leastLoadedMember(tx, 'am'));
  await upsertCustomerAccount(tx, input.accountId, {
    onbUserId,
    csmUserId,
    amUserId,
    onboardingPlan: input.plan,
    onboardingStartedAt: input.at,
    firstValueAt: null,
    onboardingCompletedAt: null,
  });
  const template = templateFor(config, input.plan);
  return insertTasks(
    tx,
    template.items.map((item) => ({
      kind: 'onboarding',
      title: item.title,
      dueAt: new Date(input.at.getTime() + item.dueDays * DAY),
      assigneeUserId: onbUserId,
      accountId: input.accountId,
      opportunityId: null,
      details: { checklist: template.plan, item: item.key, firstValue: item.firstValue },
    })),
  );
}
