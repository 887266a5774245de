import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema } from '../platform/http/error-body.ts';
import { dateTime } from '../platform/http/json-types.ts';
import { requestContext } from '../platform/http/request-context.ts';
import { accountHistory, personHistory } from './record-history.ts';

const historyBody = z.object({
  items: z.array(
    z.object({
      at: dateTime,
      action: z.string(),
      actorType: z.string(),
      actorId: z.uuid().nullable(),
      reason: z.string().nullable(),
      changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
    }),
  ),
});
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };
const idParams = z.strictObject({ id: z.uuid() });

/** Field history of people and accounts, from the audit trail. */
export function registerHistoryRoutes(app: FastifyInstance): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get(
    '/api/v1/people/:id/history',
    {
      schema: {
        tags: ['People'],
        summary: 'Field history of a person (who changed what, when), oldest first',
        params: idParams,
        response: { 200: historyBody, ...errors },
      },
    },
    async (req) => ({ items: await personHistory(requestContext(req), req.params.id) }),
  );
  typed.get(
    '/api/v1/accounts/:id/history',
    {
      schema: {
        tags: ['Accounts'],
        summary: 'Field history of an account, oldest first',
        params: idParams,
        response: { 200: historyBody, ...errors },
      },
    },
    async (req) => ({ items: await accountHistory(requestContext(req), req.params.id) }),
  );
}
