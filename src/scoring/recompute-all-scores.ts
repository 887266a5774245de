import { assertCan } from '../platform/access.ts';
import type { RequestContext } from '../platform/context.ts';
import { recomputeScores } from './recompute-scores.ts';

/**
 * Recomputes every score on request: a workspace-wide rewrite of scores and MQLs, so it
 * needs the settings grant that changing the rules needs (admins). Jobs and the demo call
 * `recomputeScores` as the system.
 */
export async function recomputeAllScores(ctx: RequestContext) {
  await assertCan(ctx, 'campaigns', 'write', 'all');
  const { cursor: _c, ...result } = await recomputeScores(ctx);
  return result;
}
