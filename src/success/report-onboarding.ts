import type { RequestContext } from '../platform/context.ts';
import { assertMayReadRevenue } from './customer-scope.ts';
import { type OnboardingKpis, onboardingKpis } from './onboarding-kpis.ts';
import { onboardingMilestones } from './store.ts';

/** Onboarding KPIs (time to first value) for accounts that started onboarding in the last `days` days. */
export async function reportOnboarding(
  ctx: RequestContext,
  days = 365,
): Promise<OnboardingKpis & { days: number }> {
  await assertMayReadRevenue(ctx);
  const rows = await onboardingMilestones(ctx, new Date(ctx.now().getTime() - days * 86_400_000));
  return { days, ...onboardingKpis(rows) };
}
