import { recordScope } from '../platform/access.ts';
import type { RequestContext } from '../platform/context.ts';
import { zonedDate } from '../platform/zoned-time.ts';
import { hygieneReport } from './hygiene.ts';
import { readPipelineSettings } from './pipeline-settings.ts';
import { opportunities } from './schema.ts';
import { hygieneRows, pipelineConfig } from './store.ts';

/** Open opportunities the actor may read that break a hygiene rule, per owner and per manager. */
export async function getPipelineHygiene(ctx: RequestContext, ownerUserId?: string) {
  const config = await pipelineConfig(ctx);
  const scope = await recordScope(ctx, 'opportunities', 'read', opportunities.ownerUserId);
  const rows = await hygieneRows(ctx, scope, ownerUserId);
  return hygieneReport(
    rows.map((r) => ({ ...r, updatedAt: new Date(r.updatedAt), phaseEnteredAt: new Date(r.phaseEnteredAt) })),
    readPipelineSettings(config.settings.pipeline),
    ctx.now(),
    zonedDate(ctx.now(), config.timeZone),
  );
}
