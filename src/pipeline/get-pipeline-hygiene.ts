import type { RequestContext } from '../platform/context.ts';
import { zonedDate } from '../platform/zoned-time.ts';
import { hygieneReport } from './hygiene.ts';
import { readPipelineSettings } from './pipeline-settings.ts';
import { hygieneRows, pipelineConfig } from './store.ts';

/** Open opportunities that break a hygiene rule, per owner and per manager. */
export async function getPipelineHygiene(ctx: RequestContext, ownerUserId?: string) {
  const config = await pipelineConfig(ctx);
  const rows = await hygieneRows(ctx, ownerUserId);
  return hygieneReport(
    rows.map((r) => ({ ...r, updatedAt: new Date(r.updatedAt), phaseEnteredAt: new Date(r.phaseEnteredAt) })),
    readPipelineSettings(config.settings.pipeline),
    ctx.now(),
    zonedDate(ctx.now(), config.timeZone),
  );
}
