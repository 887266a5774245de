import { assertCan } from '../platform/access.ts';
import type { RequestContext } from '../platform/context.ts';
import { getAttribution } from './get-attribution.ts';
import { getBottlenecks } from './get-bottlenecks.ts';
import { getFunnel } from './get-funnel.ts';
import { getKpis } from './get-kpis.ts';
import { getScorecards } from './get-scorecards.ts';
import type { ReportParams } from './report-query.ts';

/** The reports of `GET /api/v1/reports/:kind` and `baton report <kind>`. */
export const REPORTS = {
  funnel: getFunnel,
  kpis: getKpis,
  scorecards: getScorecards,
  attribution: getAttribution,
  bottlenecks: getBottlenecks,
} satisfies Record<string, (ctx: RequestContext, params: ReportParams) => Promise<unknown>>;
export type ReportKind = keyof typeof REPORTS;
export const REPORT_KINDS = Object.keys(REPORTS) as ReportKind[];

/** Revenue analytics cover the whole workspace: readers of every report only (managers, marketing, admins). */
export async function runReport(
  ctx: RequestContext,
  kind: ReportKind,
  params: ReportParams,
): Promise<unknown> {
  await assertCan(ctx, 'reports', 'read', 'all');
  return REPORTS[kind](ctx, params);
}
