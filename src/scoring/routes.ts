import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema } from '../platform/http/error-body.ts';
import { dateTime } from '../platform/http/json-types.ts';
import { requestContext } from '../platform/http/request-context.ts';
import { explainScore } from './explain-score.ts';
import { previewScoringRules } from './preview-scoring-rules.ts';
import { recomputeAllScores } from './recompute-all-scores.ts';
import { recomputeJobStatus } from './recompute-job.ts';
import { recomputeScores } from './recompute-scores.ts';
import { GRADES, scoringRulesSchema } from './rules.ts';
import { rulesInForce } from './rules-in-force.ts';
import { updateScoringRules } from './update-scoring-rules.ts';

const errors = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
};
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
        summary:
          'Save a new version of the scoring rules and recompute every score with it (recompute: "background" queues a job and returns its id)',
        body: z.strictObject({
          expectedVersion: z.int().positive().optional(),
          rules: scoringRulesSchema,
          recompute: z.enum(['now', 'background']).optional(),
        }),
        response: {
          200: z.object({
            version: z.int(),
            recompute: recomputeResult.nullable(),
            recomputeJobId: z.uuid().nullable(),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const ctx = requestContext(req);
      const background = req.body.recompute === 'background';
      const saved = await updateScoringRules(ctx, req.body.rules, req.body.expectedVersion, {
        queueRecompute: background,
      });
      if (background)
        return { version: saved.version, recompute: null, recomputeJobId: saved.recomputeJobId };
      const { cursor: _c, ...recompute } = await recomputeScores(ctx);
      return { version: saved.version, recompute, recomputeJobId: null };
    },
  );
  typed.post(
    '/api/v1/scoring/preview',
    {
      schema: {
        tags: ['Scoring'],
        summary:
          'What saving these rules would change, computed over every person and event without writing: grades, MQL rule crossings',
        body: z.strictObject({ rules: scoringRulesSchema }),
        response: {
          200: z.object({
            baseVersion: z.int(),
            asOf: dateTime,
            people: z.int(),
            gradesBefore: z.record(z.enum(GRADES), z.int()),
            gradesAfter: z.record(z.enum(GRADES), z.int()),
            gradeChanges: z.int(),
            gradeMoves: z.array(z.object({ from: z.enum(GRADES), to: z.enum(GRADES), people: z.int() })),
            meetingBefore: z.int(),
            meetingAfter: z.int(),
            newlyCrossing: z.int(),
            stopCrossing: z.int(),
            wouldPromote: z.int(),
          }),
          ...errors,
        },
      },
    },
    (req) => previewScoringRules(requestContext(req), req.body.rules),
  );
  typed.get(
    '/api/v1/scoring/recompute-jobs/:id',
    {
      schema: {
        tags: ['Scoring'],
        summary: 'Progress of a background recompute (people done of total, MQLs it made)',
        params: z.strictObject({ id: z.uuid() }),
        response: {
          200: z.object({
            id: z.uuid(),
            status: z.enum(['queued', 'running', 'done', 'failed']),
            ruleVersion: z.int().nullable(),
            done: z.int(),
            total: z.int(),
            mqls: z.int(),
            attempts: z.int(),
            lastError: z.string().nullable(),
            createdAt: dateTime,
            finishedAt: dateTime.nullable(),
          }),
          ...errors,
        },
      },
    },
    (req) => recomputeJobStatus(requestContext(req), req.params.id),
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
    (req) => recomputeAllScores(requestContext(req)),
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
