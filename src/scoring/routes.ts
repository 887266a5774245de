import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema } from '../platform/http/error-body.ts';
import { dateTime } from '../platform/http/json-types.ts';
import { requestContext } from '../platform/http/request-context.ts';
import { explainScore } from './explain-score.ts';
import { recomputeScores } from './recompute-scores.ts';
import { scoringRulesSchema } from './rules.ts';
import { rulesInForce } from './rules-in-force.ts';
import { updateScoringRules } from './update-scoring-rules.ts';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const recomputeResult = z.object({ ruleVersion: z.int(), people: z.int(), mqls: z.int() });
const contribution = z.object({ ruleId: z.string(), label: z.string(), points: z.number() });

export function registerScoringRoutes(app: FastifyInstance): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get(
    '/api/v1/scoring/rules',
    {
      schema: {
        tags: ['Scoring'],
        summary: 'The scoring rules in force (fit, engagement, half-life, MQL rule) and their version',
        response: {
          200: z.object({ version: z.int(), createdAt: dateTime, rules: scoringRulesSchema }),
          ...errors,
        },
      },
    },
    (req) => rulesInForce(requestContext(req)),
  );
  typed.put(
    '/api/v1/scoring/rules',
    {
      schema: {
        tags: ['Scoring'],
        summary: 'Save a new version of the scoring rules and recompute every score with it',
        body: z.strictObject({ expectedVersion: z.int().positive().optional(), rules: scoringRulesSchema }),
        response: { 200: z.object({ version: z.int(), recompute: recomputeResult }), ...errors },
      },
    },
    async (req) => {
      const ctx = requestContext(req);
      const saved = await updateScoringRules(ctx, req.body.rules, req.body.expectedVersion);
      const { cursor: _c, ...recompute } = await recomputeScores(ctx);
      return { version: saved.version, recompute };
    },
  );
  typed.post(
    '/api/v1/scoring/recompute',
    {
      schema: {
        tags: ['Scoring'],
        summary: 'Recompute every score from all events under the rules in force',
        response: { 200: recomputeResult, ...errors },
      },
    },
    async (req) => {
      const { cursor: _c, ...result } = await recomputeScores(requestContext(req));
      return result;
    },
  );
  typed.get(
    '/api/v1/people/:id/score',
    {
      schema: {
        tags: ['Scoring'],
        summary:
          "A person's score explained: grade from fit rules, engagement and its top contributions, MQL verdict",
        params: z.strictObject({ id: z.uuid() }),
        response: {
          200: z.object({
            personId: z.uuid(),
            ruleVersion: z.int(),
            scoredWithVersion: z.int().nullable(),
            asOf: dateTime,
            engagement: z.number(),
            halfLifeDays: z.number(),
            grade: z.string(),
            fitPoints: z.int(),
            lifecycleStage: z.string(),
            handRaisedAt: dateTime.nullable(),
            mql: z.enum(['hand_raise', 'score']).nullable(),
            fit: z.array(contribution),
            topRules: z.array(contribution.extend({ events: z.int() })),
            topEvents: z.array(
              z.object({
                eventId: z.uuid(),
                type: z.string(),
                occurredAt: dateTime,
                ruleId: z.string(),
                points: z.number(),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    (req) => explainScore(requestContext(req), req.params.id),
  );
}
