import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { decodeCursor, encodeCursor } from '../platform/db/cursor.ts';
import { errorBodySchema } from '../platform/http/error-body.ts';
import { dateTime } from '../platform/http/json-types.ts';
import { requestContext } from '../platform/http/request-context.ts';
import { registerNotificationRoutes } from '../platform/notifications/routes.ts';
import { registerWebhookRoutes } from '../platform/webhooks/routes.ts';
import { assignHandoff } from './assign-handoff.ts';
import { HANDOFF_SORTS } from './handoff-list-store.ts';
import { HANDOFF_STATUSES, REJECT_OUTCOMES } from './handoffs.ts';
import { openExpansionHandoff } from './open-expansion-handoff.ts';
import { handoffView } from './open-handoff.ts';
import { getHandoffView, listHandoffViews, stageHistoryOf, stagesOf } from './read-lifecycle.ts';
import { respondToHandoff } from './respond-to-handoff.ts';
import { HANDOFF_KINDS, LIFECYCLES, lifecycleDefinitionSchema } from './stages.ts';
import { requestTransition } from './transition-entity.ts';
import { updateDefinition } from './update-definition.ts';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const id = z.strictObject({ id: z.uuid() });
const when = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()])
  .transform((s) => new Date(s))
  .describe('ISO 8601 date or date-time');
const contextBundle = z
  .looseObject({
    behaviour: z.array(z.unknown()).max(200).optional(),
    score: z.unknown().optional(),
    notes: z.string().max(5000).optional(),
    bant: z
      .strictObject({
        budget: z.string().max(500).optional(),
        authority: z.string().max(500).optional(),
        need: z.string().max(500).optional(),
        timeline: z.string().max(500).optional(),
      })
      .optional(),
  })
  .describe('handed to the receiver: behaviour history, score breakdown, notes, BANT');

const handoffRow = z.object({
  id: z.uuid(),
  kind: z.string(),
  status: z.string(),
  entityType: z.string(),
  entityId: z.uuid().nullable(),
  stage: z.string().nullable(),
  personId: z.uuid().nullable(),
  accountId: z.uuid().nullable(),
  opportunityId: z.uuid().nullable(),
  fromRole: z.string(),
  fromUserId: z.uuid().nullable(),
  toRole: z.string(),
  toUserId: z.uuid().nullable(),
  toTeamId: z.uuid().nullable(),
  context: z.unknown(),
  openedAt: dateTime,
  dueAt: dateTime,
  respondedAt: dateTime.nullable(),
  rejectReason: z.string().nullable(),
  rejectOutcome: z.string().nullable(),
  staleAt: dateTime.nullable(),
});
const handoffListRow = handoffRow.extend({
  personName: z.string().nullable(),
  personEmail: z.string().nullable(),
  accountName: z.string().nullable(),
});
const historyRow = z.object({
  id: z.uuid(),
  fromStage: z.string().nullable(),
  toStage: z.string(),
  at: dateTime,
  actorUserId: z.uuid().nullable(),
  reason: z.string().nullable(),
  causeEventId: z.uuid().nullable(),
  definitionVersion: z.int(),
  skipped: z.boolean(),
  reapproachOn: dateTime.nullable(),
});
const transitionBody = z.strictObject({
  to: z.string().min(1).max(40),
  reason: z.string().trim().max(1000).optional(),
  reapproachOn: when.optional(),
  expectedStage: z.string().max(40).optional(),
  causeEventId: z.uuid().optional(),
  context: contextBundle.optional(),
});
const ENTITY_PATHS = [
  ['people', 'person'],
  ['opportunities', 'opportunity'],
  ['accounts', 'account'],
] as const;

/** Stages, transitions, stage history and hand-offs; notifications and webhooks beside them. */
export function registerLifecycleRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const lifecycleParams = z.strictObject({ lifecycle: z.enum(LIFECYCLES) });
  const definitionReply = z.object({ lifecycle: z.string(), version: z.int(), definition: z.unknown() });

  r.get(
    '/api/v1/stages/:lifecycle',
    {
      schema: {
        tags: ['Lifecycle'],
        summary: 'The stage definition in force for a lifecycle (lead, opportunity, customer)',
        params: lifecycleParams,
        response: { 200: definitionReply, ...errors },
      },
    },
    (req) => stagesOf(requestContext(req), req.params.lifecycle),
  );
  r.put(
    '/api/v1/stages/:lifecycle',
    {
      schema: {
        tags: ['Lifecycle'],
        summary:
          'Store a new version of a lifecycle definition (400: rules broken; 409: removes occupied stages)',
        params: lifecycleParams,
        body: lifecycleDefinitionSchema,
        response: { 200: definitionReply, ...errors },
      },
    },
    async (req) => {
      const saved = await updateDefinition(requestContext(req), req.params.lifecycle, req.body);
      return { lifecycle: req.params.lifecycle, ...saved };
    },
  );

  for (const [path, entityType] of ENTITY_PATHS) {
    r.post(
      `/api/v1/${path}/:id/transitions`,
      {
        schema: {
          tags: ['Lifecycle'],
          summary: `Move one of ${path} to another stage (off-ramps need a reason, recycling a future reapproachOn)`,
          params: id,
          body: transitionBody,
          response: {
            201: z.object({ history: z.array(historyRow), handoff: handoffRow.nullable() }),
            ...errors,
          },
        },
      },
      async (req, reply) => {
        const res = await requestTransition(requestContext(req), {
          entityType,
          entityId: req.params.id,
          ...req.body,
        });
        return reply
          .code(201)
          .send({ history: res.rows, handoff: res.handoff ? handoffView(res.handoff) : null });
      },
    );
    r.get(
      `/api/v1/${path}/:id/stage-history`,
      {
        schema: {
          tags: ['Lifecycle'],
          summary: `Every stage change of one of ${path}, oldest first`,
          params: id,
          response: { 200: z.object({ items: z.array(historyRow) }), ...errors },
        },
      },
      async (req) => ({ items: await stageHistoryOf(requestContext(req), entityType, req.params.id) }),
    );
  }

  r.get(
    '/api/v1/handoffs',
    {
      schema: {
        tags: ['Hand-offs'],
        summary:
          'List hand-offs with the person and account names (filters: status, kind, toRole, toUserId, unassigned, personId, stale; q searches name, email, account; sort by opening or due time)',
        querystring: z.strictObject({
          status: z.enum(HANDOFF_STATUSES).optional(),
          kind: z.enum(HANDOFF_KINDS).optional(),
          toRole: z.string().max(20).optional(),
          toUserId: z.uuid().optional(),
          personId: z.uuid().optional(),
          stale: z.enum(['true', 'false']).optional(),
          unassigned: z.enum(['true', 'false']).optional(),
          q: z.string().max(200).optional(),
          sort: z.enum(HANDOFF_SORTS).default('-openedAt'),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: z.string().max(500).optional(),
        }),
        response: {
          200: z.object({ items: z.array(handoffListRow), nextCursor: z.string().nullable() }),
          ...errors,
        },
      },
    },
    async (req) => {
      const { cursor, stale, unassigned, ...q } = req.query;
      const c = cursor ? decodeCursor(cursor) : undefined;
      const flag = (v: 'true' | 'false' | undefined) => (v === undefined ? undefined : v === 'true');
      const items = await listHandoffViews(requestContext(req), {
        ...q,
        stale: flag(stale),
        unassigned: flag(unassigned),
        after: c ? [new Date(c[0]), c[1]] : undefined,
      });
      const last = items.length === q.limit ? items.at(-1) : undefined;
      const key = (h: NonNullable<typeof last>) => (q.sort.endsWith('openedAt') ? h.openedAt : h.dueAt);
      return { items, nextCursor: last ? encodeCursor([key(last).toISOString(), last.id]) : null };
    },
  );
  r.get(
    '/api/v1/handoffs/:id',
    {
      schema: {
        tags: ['Hand-offs'],
        summary: 'One hand-off',
        params: id,
        response: { 200: handoffRow, ...errors },
      },
    },
    (req) => getHandoffView(requestContext(req), req.params.id),
  );
  r.post(
    '/api/v1/handoffs/:id/accept',
    {
      schema: {
        tags: ['Hand-offs'],
        summary: 'Accept an open hand-off (an MQL moves to SAL)',
        params: id,
        body: z.strictObject({ note: z.string().max(1000).optional() }),
        response: { 200: handoffRow, ...errors },
      },
    },
    async (req) =>
      handoffView(
        await respondToHandoff(requestContext(req), req.params.id, { decision: 'accept', ...req.body }),
      ),
  );
  r.post(
    '/api/v1/handoffs/:id/reject',
    {
      schema: {
        tags: ['Hand-offs'],
        summary:
          'Reject an open hand-off with a reason; a lead goes to recycled (reapproachOn) or disqualified',
        params: id,
        body: z.strictObject({
          reason: z.string().trim().min(1).max(1000),
          outcome: z.enum(REJECT_OUTCOMES).optional(),
          reapproachOn: when.optional(),
        }),
        response: { 200: handoffRow, ...errors },
      },
    },
    async (req) =>
      handoffView(
        await respondToHandoff(requestContext(req), req.params.id, { decision: 'reject', ...req.body }),
      ),
  );
  r.post(
    '/api/v1/handoffs/:id/assign',
    {
      schema: {
        tags: ['Hand-offs'],
        summary: 'Name the receiving user (and team) of an open hand-off; they are notified',
        params: id,
        body: z.strictObject({ toUserId: z.uuid().nullable(), toTeamId: z.uuid().nullable().optional() }),
        response: { 200: handoffRow, ...errors },
      },
    },
    async (req) =>
      handoffView(
        await assignHandoff(requestContext(req), req.params.id, {
          userId: req.body.toUserId,
          teamId: req.body.toTeamId,
        }),
      ),
  );
  r.post(
    '/api/v1/accounts/:id/expansion-handoffs',
    {
      schema: {
        tags: ['Hand-offs'],
        summary: 'Customer Success hands an upsell to Field Sales (ae) or the account manager (am)',
        params: id,
        body: z.strictObject({
          toRole: z.enum(['ae', 'am']),
          opportunityId: z.uuid().optional(),
          slaBusinessHours: z.number().positive().max(2000).optional(),
          context: contextBundle.optional(),
        }),
        response: { 201: handoffRow, ...errors },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          handoffView(
            await openExpansionHandoff(requestContext(req), { accountId: req.params.id, ...req.body }),
          ),
        ),
  );

  registerNotificationRoutes(app);
  registerWebhookRoutes(app);
}
