import type { RequestContext } from '../platform/context.ts';
import { enterRenewals, type RenewalEntry } from './enter-renewals.ts';
import { type HealthRun, recomputeHealth } from './recompute-health.ts';

/**
 * Customer Success's daily work for one workspace: accounts reaching their renewal
 * window enter renewal, then every customer's health is recomputed. Idempotent, so a
 * job runner may retry it. Register it as a daily job per workspace.
 */
export async function runSuccessDaily(
  ctx: RequestContext,
): Promise<{ renewals: RenewalEntry[]; health: HealthRun }> {
  const renewals = await enterRenewals(ctx);
  const health = await recomputeHealth(ctx);
  return { renewals, health };
}
