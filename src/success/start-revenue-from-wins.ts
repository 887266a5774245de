import type { RequestContext } from '../platform/context.ts';
import { DomainError } from '../platform/errors.ts';
import { createSubscriptionFromWin, type FromWinOptions } from './create-subscription-from-win.ts';
import { type SubscriptionRow, wonWithoutRevenue } from './store.ts';

/**
 * A safety net for the won → revenue hand-off: every deal won since `since` that no
 * subscription picked up yet goes through createSubscriptionFromWin. Idempotent; run it
 * from a job, or after an import of won deals.
 */
export async function startRevenueFromWins(
  ctx: RequestContext,
  since: Date,
  options: (opportunityId: string) => FromWinOptions = () => ({}),
): Promise<SubscriptionRow[]> {
  const made: SubscriptionRow[] = [];
  for (const id of await wonWithoutRevenue(ctx, since)) {
    try {
      made.push(await createSubscriptionFromWin(ctx, id, options(id)));
    } catch (err) {
      // A win the subscription rules refuse (e.g. a second "new" deal for a plan the account
      // already runs) waits for a person to amend the existing subscription instead.
      if (err instanceof DomainError && err.code === 'invalid_input') continue;
      throw err;
    }
  }
  return made;
}
