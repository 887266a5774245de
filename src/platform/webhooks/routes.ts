import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema } from '../http/error-body.ts';
import { dateTime } from '../http/json-types.ts';
import { requestContext } from '../http/request-context.ts';
import { WEBHOOK_EVENTS } from './emit-event.ts';
import {
  createWebhook,
  deleteWebhook,
  listWebhooks,
  updateWebhook,
  webhookDeliveries,
} from './manage-webhooks.ts';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const id = z.strictObject({ id: z.uuid() });
const events = z.array(z.enum(WEBHOOK_EVENTS)).min(1).max(WEBHOOK_EVENTS.length);
const url = z.string().max(2000).describe('https:// or http:// endpoint that receives signed POSTs');
const sub = z.object({
  id: z.uuid(),
  url: z.string(),
  events: z.array(z.string()),
  description: z.string().nullable(),
  active: z.boolean(),
  version: z.int(),
  createdAt: dateTime,
  updatedAt: dateTime,
});
const delivery = z.object({
  id: z.uuid(),
  eventType: z.string(),
  status: z.string(),
  attempts: z.int(),
  lastStatusCode: z.int().nullable(),
  lastError: z.string().nullable(),
  createdAt: dateTime,
  lastAttemptAt: dateTime.nullable(),
  deliveredAt: dateTime.nullable(),
  payload: z.unknown(),
});

export function registerWebhookRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Webhooks'];
  r.get(
    '/api/v1/webhooks',
    {
      schema: {
        tags,
        summary: 'Webhook subscriptions',
        response: { 200: z.object({ items: z.array(sub) }), ...errors },
      },
    },
    async (req) => ({
      items: await listWebhooks(requestContext(req)),
    }),
  );
  r.post(
    '/api/v1/webhooks',
    {
      schema: {
        tags,
        summary: 'Subscribe a URL to events; the signing secret is returned once',
        body: z.strictObject({ url, events, description: z.string().max(200).optional() }),
        response: { 201: sub.extend({ secret: z.string() }), ...errors },
      },
    },
    async (req, reply) => reply.code(201).send(await createWebhook(requestContext(req), req.body)),
  );
  r.patch(
    '/api/v1/webhooks/:id',
    {
      schema: {
        tags,
        summary: 'Change a subscription; send the version you read (409 if it changed)',
        params: id,
        body: z.strictObject({
          version: z.int().positive(),
          url: url.optional(),
          events: events.optional(),
          active: z.boolean().optional(),
          description: z.string().max(200).nullable().optional(),
        }),
        response: { 200: sub, ...errors },
      },
    },
    (req) => updateWebhook(requestContext(req), req.params.id, req.body),
  );
  r.delete(
    '/api/v1/webhooks/:id',
    {
      schema: {
        tags,
        summary: 'Remove a subscription and its delivery log',
        params: id,
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      await deleteWebhook(requestContext(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
  r.get(
    '/api/v1/webhooks/:id/deliveries',
    {
      schema: {
        tags,
        summary: 'The delivery log of a subscription, newest first',
        params: id,
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: z.object({ items: z.array(delivery) }), ...errors },
      },
    },
    async (req) => ({ items: await webhookDeliveries(requestContext(req), req.params.id, req.query.limit) }),
  );
}
