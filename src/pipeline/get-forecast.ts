import { or } from 'drizzle-orm';
import { assertCan } from '../platform/access.ts';
import type { RequestContext } from '../platform/context.ts';
import { scopeCondition } from '../platform/db/record-scope.ts';
import { fiscalPeriod, periodContaining } from './fiscal-periods.ts';
import { buildForecast } from './forecast.ts';
import { opportunities, quotas } from './schema.ts';
import { forecastRows, ownTeamQuota, pipelineConfig, quotasOf } from './store.ts';

/**
 * The forecast of one fiscal period (default: the current quarter) in the workspace's
 * fiscal calendar and time zone, over the opportunities the actor may read: an AE sees
 * their own forecast, a manager their teams', admins and marketing the workspace. Quotas
 * follow: the owners in scope, plus the actor's own teams' quotas for a team scope.
 */
export async function getForecast(ctx: RequestContext, periodKey?: string) {
  const scopes = await assertCan(ctx, 'opportunities', 'read');
  const config = await pipelineConfig(ctx);
  const period = periodKey
    ? fiscalPeriod(periodKey, config.fiscalYearStartMonth, config.timeZone)
    : periodContaining(ctx.now(), config.fiscalYearStartMonth, config.timeZone);
  const rows = await forecastRows(ctx, period, scopeCondition(ctx, scopes, opportunities.ownerUserId));
  const ownerQuotas = scopeCondition(ctx, scopes, quotas.ownerUserId);
  const me = ctx.actor.userId;
  const quotaScope =
    ownerQuotas && scopes.includes('team') && me ? or(ownerQuotas, ownTeamQuota(ctx, me)) : ownerQuotas;
  const quotaRows = await quotasOf(ctx, period.key, quotaScope);
  return {
    period: { key: period.key, startDate: period.startDate, endDate: period.endDate },
    ...buildForecast(rows, quotaRows),
  };
}
