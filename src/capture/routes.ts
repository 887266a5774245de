import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { registerCrudRoutes } from '../platform/http/crud-routes.ts';
import { errorBodySchema } from '../platform/http/error-body.ts';
import { dateTime, recordMeta } from '../platform/http/json-types.ts';
import { requestContext } from '../platform/http/request-context.ts';
import {
  CAMPAIGN_STATUSES,
  CHANNELS,
  createCampaignSchema,
  MEMBER_STATUSES,
  updateCampaignSchema,
} from './campaigns.ts';
import { createFormSchema, updateFormSchema } from './forms.ts';
import { listCampaignMembers, setCampaignMembers } from './manage-campaign-members.ts';
import { campaignUseCases } from './manage-campaigns.ts';
import { formUseCases } from './manage-forms.ts';
import { createWriteKey, listTrackingWriteKeys, revokeTrackingWriteKey } from './manage-write-keys.ts';

const campaignRow = z.object({
  ...recordMeta,
  name: z.string(),
  channel: z.string(),
  status: z.string(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  cost: z.int(),
});

const formRow = z.object({
  ...recordMeta,
  formKey: z.string(),
  name: z.string(),
  kind: z.string(),
  handRaise: z.boolean(),
  campaignId: z.uuid().nullable(),
  memberStatus: z.string(),
});

export function registerCaptureRoutes(app: FastifyInstance): void {
  registerCrudRoutes(app, {
    path: 'campaigns',
    tag: 'Campaigns',
    defaultSort: '-createdAt',
    filters: { channel: z.enum(CHANNELS).optional(), status: z.enum(CAMPAIGN_STATUSES).optional() },
    create: createCampaignSchema,
    update: updateCampaignSchema,
    row: campaignRow,
    useCases: campaignUseCases,
  });
  registerCrudRoutes(app, {
    path: 'forms',
    tag: 'Forms',
    defaultSort: 'name',
    filters: { kind: z.string().max(64).optional(), campaignId: z.uuid().optional() },
    create: createFormSchema,
    update: updateFormSchema,
    row: formRow,
    useCases: formUseCases,
  });

  const typed = app.withTypeProvider<ZodTypeProvider>();
  const errors = { 400: errorBodySchema, 401: errorBodySchema, 404: errorBodySchema };
  const member = z.object({
    campaignId: z.uuid(),
    personId: z.uuid(),
    status: z.string(),
    firstTouchAt: dateTime,
    updatedAt: dateTime,
  });
  typed.get(
    '/api/v1/campaigns/:id/members',
    {
      schema: {
        tags: ['Campaigns'],
        summary: 'List the members of a campaign (cursor = the last personId)',
        params: z.strictObject({ id: z.uuid() }),
        querystring: z.strictObject({
          limit: z.coerce.number().int().min(1).max(1000).default(100),
          cursor: z.uuid().optional(),
        }),
        response: { 200: z.object({ items: z.array(member), nextCursor: z.uuid().nullable() }), ...errors },
      },
    },
    (req) =>
      listCampaignMembers(requestContext(req), req.params.id, req.query.limit, req.query.cursor ?? null),
  );
  typed.put(
    '/api/v1/campaigns/:id/members',
    {
      schema: {
        tags: ['Campaigns'],
        summary: 'Add people to a campaign or set their status (sent, registered, attended, responded)',
        params: z.strictObject({ id: z.uuid() }),
        body: z.strictObject({
          members: z
            .array(
              z.strictObject({
                personId: z.uuid(),
                status: z.enum(MEMBER_STATUSES),
                at: z.iso.datetime({ offset: true }).optional(),
              }),
            )
            .min(1)
            .max(1000),
        }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      await setCampaignMembers(
        requestContext(req),
        req.params.id,
        req.body.members.map((m) => ({ ...m, at: m.at ? new Date(m.at) : undefined })),
      );
      return reply.code(204).send(null);
    },
  );

  const writeKey = z.object({
    id: z.uuid(),
    name: z.string(),
    keyHint: z.string(),
    createdAt: dateTime,
    revokedAt: dateTime.nullable(),
  });
  typed.post(
    '/api/v1/tracking/write-keys',
    {
      schema: {
        tags: ['Tracking'],
        summary: 'Create a write key for the tracking script (the key is shown only in this response)',
        body: z.strictObject({ name: z.string().trim().min(1).max(120) }),
        response: { 201: writeKey.extend({ writeKey: z.string() }), ...errors },
      },
    },
    async (req, reply) => reply.code(201).send(await createWriteKey(requestContext(req), req.body.name)),
  );
  typed.get(
    '/api/v1/tracking/write-keys',
    {
      schema: {
        tags: ['Tracking'],
        summary: 'List write keys (hints only)',
        response: { 200: z.object({ items: z.array(writeKey) }), ...errors },
      },
    },
    async (req) => ({ items: await listTrackingWriteKeys(requestContext(req)) }),
  );
  typed.delete(
    '/api/v1/tracking/write-keys/:id',
    {
      schema: {
        tags: ['Tracking'],
        summary: 'Revoke a write key',
        params: z.strictObject({ id: z.uuid() }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      await revokeTrackingWriteKey(requestContext(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
}
