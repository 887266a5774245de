import type { RequestContext } from '../platform/context.ts';
import { fiscalPeriod, periodContaining } from './fiscal-periods.ts';
import { buildForecast } from './forecast.ts';
import { forecastRows, pipelineConfig, quotasOf } from './store.ts';

/** The forecast of one fiscal period (default: the current quarter) in the workspace's fiscal calendar and time zone. */
export async function getForecast(ctx: RequestContext, periodKey?: string) {
  const config = await pipelineConfig(ctx);
  const period = periodKey
    ? fiscalPeriod(periodKey, config.fiscalYearStartMonth, config.timeZone)
    : periodContaining(ctx.now(), config.fiscalYearStartMonth, config.timeZone);
  const rows = await forecastRows(ctx, period);
  const quotas = await quotasOf(ctx, period.key);
  return {
    period: { key: period.key, startDate: period.startDate, endDate: period.endDate },
    ...buildForecast(rows, quotas),
  };
}
