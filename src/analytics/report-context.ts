import { LIFECYCLES, type Lifecycle, type LifecycleDefinition } from '../lifecycle/stages.ts';
import type { RequestContext } from '../platform/context.ts';
import { localDay } from './periods.ts';
import { parseReportQuery, type ReportParams, type ReportQuery, stageKeys } from './report-query.ts';
import { reportSetup } from './store.ts';

/** What every report starts from: the validated query, the workspace calendar and the stage definitions. */
export async function loadReportContext(ctx: RequestContext, params: ReportParams) {
  const { definitions, versions, ...cal } = await reportSetup(ctx);
  const defs = {} as Record<Lifecycle, LifecycleDefinition | undefined>;
  for (const lc of LIFECYCLES) defs[lc] = definitions[lc] as LifecycleDefinition | undefined;
  const today = localDay(ctx.now(), cal);
  const query: ReportQuery = parseReportQuery(params, today, (lc) => stageKeys(defs[lc]));
  // Which stage definition version shaped a report (its stages, order, success path).
  return { cal, defs, versions: versions as Partial<Record<Lifecycle, number>>, today, query };
}
export type ReportContext = Awaited<ReturnType<typeof loadReportContext>>;
