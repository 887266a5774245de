import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { decodeCursor, encodeCursor } from '../db/cursor.ts';
import { errorBodySchema } from '../http/error-body.ts';
import { dateTime } from '../http/json-types.ts';
import { requestContext } from '../http/request-context.ts';
import { listMyNotifications, readNotifications } from './read-notifications.ts';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 404: errorBodySchema };
const row = z.object({
  id: z.uuid(),
  kind: z.string(),
  title: z.string(),
  entityType: z.string().nullable(),
  entityId: z.uuid().nullable(),
  data: z.unknown(),
  createdAt: dateTime,
  readAt: dateTime.nullable(),
});

/** The signed-in user's notifications (SLA breaches, hand-offs to them, answers to theirs). */
export function registerNotificationRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/notifications',
    {
      schema: {
        tags: ['Notifications'],
        summary: "The caller's notifications, newest first (unread=true|false)",
        querystring: z.strictObject({
          unread: z.enum(['true', 'false']).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: z.string().max(500).optional(),
        }),
        response: { 200: z.object({ items: z.array(row), nextCursor: z.string().nullable() }), ...errors },
      },
    },
    async (req) => {
      const c = req.query.cursor ? decodeCursor(req.query.cursor) : undefined;
      const items = await listMyNotifications(requestContext(req), {
        unread: req.query.unread === undefined ? undefined : req.query.unread === 'true',
        limit: req.query.limit,
        before: c ? [new Date(c[0]), c[1]] : undefined,
      });
      const last = items.length === req.query.limit ? items.at(-1) : undefined;
      return { items, nextCursor: last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null };
    },
  );
  r.post(
    '/api/v1/notifications/read',
    {
      schema: {
        tags: ['Notifications'],
        summary: 'Mark notifications of the caller as read',
        body: z.strictObject({ ids: z.array(z.uuid()).min(1).max(500) }),
        response: { 200: z.object({ read: z.array(z.uuid()) }), ...errors },
      },
    },
    async (req) => ({ read: await readNotifications(requestContext(req), req.body.ids) }),
  );
}
