import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { accessSettingsSchema, RECORD_SCOPES } from '../platform/access-policy.ts';
import { errorBodySchema } from '../platform/http/error-body.ts';
import { requestContext } from '../platform/http/request-context.ts';
import { getAccessPolicy, setAccessPolicy } from './manage-access-policy.ts';

const scope = z.enum(RECORD_SCOPES);
const policyView = z.object({
  overrides: accessSettingsSchema,
  effective: z.record(z.string(), z.record(z.string(), z.object({ read: scope, write: scope }))),
});
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema };

/** The workspace's record-level access policy (admins). */
export function registerAccessRoutes(app: FastifyInstance): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get(
    '/api/v1/access-policy',
    {
      schema: {
        tags: ['Access'],
        summary: 'The access policy in force: per role and resource, the records each may read and write',
        response: { 200: policyView, ...errors },
      },
    },
    (req) => getAccessPolicy(requestContext(req)),
  );
  typed.put(
    '/api/v1/access-policy',
    {
      schema: {
        tags: ['Access'],
        summary: 'Replace the workspace overrides of the default access policy (admins)',
        body: accessSettingsSchema,
        response: { 200: policyView, ...errors },
      },
    },
    (req) => setAccessPolicy(requestContext(req), req.body),
  );
}
