import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema } from '../platform/http/error-body.ts';
import { listQuerySchema, toListQuery } from '../platform/http/list-query.ts';
import { requestContext } from '../platform/http/request-context.ts';
import { compareScenarios, deleteScenario, listScenarios, saveScenario } from './manage-scenarios.ts';
import { orgSimInputSchema } from './org-simulation.ts';
import { planRequestSchema } from './plan-request.ts';
import { planLevers, planReverse, planSimulate, planSlices } from './plan-revenue.ts';
import { runOrgSim } from './run-org-sim.ts';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };
const any = z.unknown();

export function registerPlanningRoutes(app: FastifyInstance): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Planning'];
  typed.post(
    '/api/v1/plan/reverse',
    {
      schema: {
        tags,
        summary: 'Reverse waterfall from a New MRR target, with headcount per role',
        body: planRequestSchema,
        response: { 200: any, ...errors },
      },
    },
    (req) => planReverse(requestContext(req), req.body),
  );
  typed.get(
    '/api/v1/plan/slices',
    {
      schema: {
        tags,
        summary: 'The segments and PODs a plan can be narrowed to (the slice of a plan request)',
        response: {
          200: z.object({
            segments: z.array(z.string()),
            pods: z.array(z.object({ id: z.string(), name: z.string() })),
          }),
          ...errors,
        },
      },
    },
    (req) => planSlices(requestContext(req)),
  );
  typed.post(
    '/api/v1/plan/simulate',
    {
      schema: {
        tags,
        summary: 'Probability of hitting the target and P10/P50/P90 of New MRR (seeded)',
        body: planRequestSchema.extend({
          runs: z.int().min(100).max(100_000).default(10_000),
          seed: z.int().default(1),
        }),
        response: { 200: any, ...errors },
      },
    },
    (req) => planSimulate(requestContext(req), req.body),
  );
  typed.post(
    '/api/v1/plan/levers',
    {
      schema: {
        tags,
        summary: 'The New MRR effect of +10 % (or fraction) on each lever, ranked',
        body: planRequestSchema.extend({ fraction: z.number().positive().max(1).default(0.1) }),
        response: { 200: any, ...errors },
      },
    },
    (req) => planLevers(requestContext(req), req.body),
  );
  typed.post(
    '/api/v1/plan/org-sim',
    {
      schema: {
        tags,
        summary:
          'Assembly Line vs PODs on the same demand and headcount (defaults measured from the workspace)',
        body: z.strictObject({ input: orgSimInputSchema.optional() }),
        response: { 200: any, ...errors },
      },
    },
    (req) => runOrgSim(requestContext(req), req.body.input),
  );
  typed.get(
    '/api/v1/plan/scenarios',
    {
      schema: {
        tags,
        summary: 'Saved scenarios',
        querystring: listQuerySchema({ period: z.string().max(20).optional() }),
        response: { 200: any, ...errors },
      },
    },
    (req) => listScenarios(requestContext(req), toListQuery(req.query, '-createdAt')),
  );
  typed.post(
    '/api/v1/plan/scenarios',
    {
      schema: {
        tags,
        summary: 'Save a named scenario (its assumptions and outcome)',
        body: planRequestSchema.extend({ name: z.string().trim().min(1).max(120) }),
        response: { 201: any, ...errors },
      },
    },
    async (req, reply) => reply.code(201).send(await saveScenario(requestContext(req), req.body)),
  );
  typed.get(
    '/api/v1/plan/scenarios/compare',
    {
      schema: {
        tags,
        summary: 'Scenarios side by side with the differences in assumptions and outcomes',
        querystring: z.strictObject({
          ids: z
            .string()
            .transform((s) => s.split(','))
            .pipe(z.array(z.uuid()).min(2).max(6)),
        }),
        response: { 200: any, ...errors },
      },
    },
    (req) => compareScenarios(requestContext(req), req.query.ids),
  );
  typed.delete(
    '/api/v1/plan/scenarios/:id',
    {
      schema: {
        tags,
        summary: 'Delete a scenario',
        params: z.strictObject({ id: z.uuid() }),
        querystring: z.strictObject({ version: z.coerce.number().int().positive() }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      await deleteScenario(requestContext(req), req.params.id, req.query.version);
      return reply.code(204).send(null);
    },
  );
}
