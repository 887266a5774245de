import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema } from '../platform/http/error-body.ts';
import { requestContext } from '../platform/http/request-context.ts';
import { reportParamsSchema } from './report-query.ts';
import { REPORT_KINDS, runReport } from './run-report.ts';

const SUMMARIES: Record<string, string> = {
  funnel: 'Funnel per stage and period: cohort or period view, balance, flows, conversion, velocity',
  kpis: 'The KPI tree: New MRR factors and CS movements, each against the previous period',
  scorecards: 'Department scorecards: Marketing, Inside Sales, Field Sales, Customer Success',
  attribution: 'Campaign attribution (first-touch, last-touch, linear), costs per stage and ROI',
  bottlenecks: 'Detected bottlenecks ranked by revenue at stake, with evidence and owning role',
};

/** GET /api/v1/reports/<kind>: query parameters as in `baton report <kind>`; a bad one is a 400 naming it. */
export function registerAnalyticsRoutes(app: FastifyInstance): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  for (const kind of REPORT_KINDS) {
    typed.get(
      `/api/v1/reports/${kind}`,
      {
        schema: {
          tags: ['Reports'],
          summary: SUMMARIES[kind] ?? kind,
          querystring: reportParamsSchema.strict(),
          response: { 200: z.looseObject({}), 400: errorBodySchema, 401: errorBodySchema },
        },
      },
      (req) => runReport(requestContext(req), kind, req.query) as Promise<Record<string, unknown>>,
    );
  }
}
