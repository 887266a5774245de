import type { RequestContext } from '../platform/context.ts';
import { type Conversion, creditConversions, shapeAttribution } from './attribution.ts';
import { attributionInputs } from './metrics-store.ts';
import { loadReportContext, type ReportContext } from './report-context.ts';
import type { ReportParams } from './report-query.ts';

/** Campaign attribution over the range (`GET /api/v1/reports/attribution`). */
export async function getAttribution(
  ctx: RequestContext,
  params: ReportParams,
  options: { report?: ReportContext } = {},
) {
  const { cal, query } = options.report ?? (await loadReportContext(ctx, params));
  const input = await attributionInputs(ctx, cal, query.from, query.to);
  const credit = creditConversions(input.conversions as Conversion[], input.touches);
  return { from: query.from, to: query.to, ...shapeAttribution(credit, input.campaigns) };
}
