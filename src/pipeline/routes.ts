import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { registerCrudRoutes } from '../platform/http/crud-routes.ts';
import { errorBodySchema } from '../platform/http/error-body.ts';
import { dateTime, recordMeta } from '../platform/http/json-types.ts';
import { requestContext } from '../platform/http/request-context.ts';
import { boardCardsQuerySchema, boardFiltersSchema } from './board.ts';
import { changeOpportunityPhase } from './change-opportunity-phase.ts';
import { getPipelineSettings, setPipelineSettings } from './configure-pipeline.ts';
import { getForecast } from './get-forecast.ts';
import { getBoardCard, getPipelineBoard, listBoardCards } from './get-pipeline-board.ts';
import { getPipelineHygiene } from './get-pipeline-hygiene.ts';
import { opportunityUseCases } from './manage-opportunities.ts';
import { createQuotaSchema, quotaUseCases, updateQuotaSchema } from './manage-quotas.ts';
import { changePhaseSchema, createOpportunitySchema, updateOpportunitySchema } from './opportunities.ts';
import { OPPORTUNITY_TYPES, PHASES, pipelineSettingsSchema } from './pipeline-settings.ts';

const opportunityRow = z.object({
  ...recordMeta,
  accountId: z.uuid(),
  primaryPersonId: z.uuid().nullable(),
  name: z.string(),
  type: z.string(),
  phase: z.string(),
  phaseEnteredAt: dateTime,
  amountMrr: z.number(),
  amountOneTime: z.number(),
  closeDate: z.string().nullable(),
  probability: z.number().nullable(),
  forecastCategory: z.string().nullable(),
  nextStep: z.string().nullable(),
  competitors: z.unknown(),
  exitCriteria: z.unknown(),
  lossReason: z.string().nullable(),
  ownerUserId: z.uuid().nullable(),
  closedAt: dateTime.nullable(),
});

/** An opportunity with the names a board card shows. */
const cardRow = opportunityRow.extend({
  accountName: z.string(),
  ownerName: z.string().nullable(),
  primaryPersonName: z.string().nullable(),
});

const quotaRow = z.object({
  ...recordMeta,
  period: z.string(),
  ownerUserId: z.uuid().nullable(),
  teamId: z.uuid().nullable(),
  amountMrr: z.number(),
});

const errors = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
};
const tags = ['Pipeline'];

export function registerPipelineRoutes(app: FastifyInstance): void {
  registerCrudRoutes(app, {
    path: 'opportunities',
    tag: 'Pipeline',
    defaultSort: '-createdAt',
    filters: {
      phase: z.enum(PHASES).optional(),
      ownerUserId: z.uuid().optional(),
      accountId: z.uuid().optional(),
      type: z.enum(OPPORTUNITY_TYPES).optional(),
    },
    create: createOpportunitySchema,
    update: updateOpportunitySchema,
    row: opportunityRow,
    useCases: opportunityUseCases,
  });
  registerCrudRoutes(app, {
    path: 'quotas',
    tag: 'Pipeline',
    defaultSort: 'period',
    filters: {
      period: z.string().max(20).optional(),
      ownerUserId: z.uuid().optional(),
      teamId: z.uuid().optional(),
    },
    create: createQuotaSchema,
    update: updateQuotaSchema,
    row: quotaRow,
    useCases: quotaUseCases,
  });
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.post(
    '/api/v1/opportunities/:id/phase',
    {
      schema: {
        tags,
        summary:
          'Move an opportunity to a later phase, won or lost (exit criteria gate it; a manager may override with a reason)',
        params: z.strictObject({ id: z.uuid() }),
        body: changePhaseSchema,
        response: { 200: opportunityRow, ...errors },
      },
    },
    (req) => changeOpportunityPhase(requestContext(req), req.params.id, req.body),
  );
  typed.get(
    '/api/v1/forecast',
    {
      schema: {
        tags,
        summary:
          'Forecast of a fiscal period: closed, commit, best case, pipeline, weighted, quota, coverage',
        querystring: z.strictObject({ period: z.string().max(20).optional() }),
      },
    },
    (req) => getForecast(requestContext(req), req.query.period),
  );
  typed.get(
    '/api/v1/pipeline/hygiene',
    {
      schema: {
        tags,
        summary: 'Open opportunities breaking hygiene rules, per owner and per manager',
        querystring: z.strictObject({ ownerUserId: z.uuid().optional() }),
      },
    },
    (req) => getPipelineHygiene(requestContext(req), req.query.ownerUserId),
  );
  typed.get(
    '/api/v1/pipeline/board',
    {
      schema: {
        tags,
        summary:
          'Pipeline board columns: count, MRR and weighted MRR per phase (filters: owner, team, type, q)',
        querystring: boardFiltersSchema,
        response: {
          200: z.object({
            columns: z.array(
              z.object({ phase: z.string(), count: z.number(), amountMrr: z.number(), weighted: z.number() }),
            ),
          }),
          ...errors,
        },
      },
    },
    (req) => getPipelineBoard(requestContext(req), req.query),
  );
  typed.get(
    '/api/v1/pipeline/cards',
    {
      schema: {
        tags,
        summary:
          'Opportunities (of one phase, or all) with account and owner names, soonest close date first (board filters, cursor)',
        querystring: boardCardsQuerySchema,
        response: {
          200: z.object({
            items: z.array(cardRow),
            nextCursor: z.string().nullable(),
          }),
          ...errors,
        },
      },
    },
    (req) => listBoardCards(requestContext(req), req.query),
  );
  typed.get(
    '/api/v1/pipeline/cards/:id',
    {
      schema: {
        tags,
        summary: 'One opportunity with its account, owner and primary contact names',
        params: z.strictObject({ id: z.uuid() }),
        response: { 200: cardRow, ...errors },
      },
    },
    (req) => getBoardCard(requestContext(req), req.params.id),
  );
  typed.get(
    '/api/v1/pipeline/settings',
    { schema: { tags, summary: 'Pipeline configuration in force' } },
    (req) => getPipelineSettings(requestContext(req)),
  );
  typed.put(
    '/api/v1/pipeline/settings',
    {
      schema: {
        tags,
        summary: 'Replace the pipeline configuration (admin); send the workspace version you read',
        body: z.strictObject({ version: z.int().positive(), settings: pipelineSettingsSchema }),
        response: { 200: z.object({ version: z.number(), settings: pipelineSettingsSchema }), ...errors },
      },
    },
    (req) => setPipelineSettings(requestContext(req), req.body),
  );
}
