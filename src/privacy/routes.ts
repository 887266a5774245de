import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema } from '../platform/http/error-body.ts';
import { dateTime } from '../platform/http/json-types.ts';
import { requestContext } from '../platform/http/request-context.ts';
import { CONSENT_CHANNELS, CONSENT_STATUSES, consentInputSchema } from './consent.ts';
import { erasePerson, suppressEmail } from './erase-person.ts';
import { exportPerson } from './export-person.ts';
import { getConsents, setConsent } from './manage-consents.ts';

const errors = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
};
const idParams = z.strictObject({ id: z.uuid() });
const consentsBody = z.object({
  items: z.array(
    z.object({
      channel: z.enum(CONSENT_CHANNELS),
      status: z.enum(CONSENT_STATUSES).nullable(),
      source: z.string().nullable(),
      changedAt: dateTime.nullable(),
      canContact: z.boolean(),
    }),
  ),
});

/** Consent, unsubscribe, data-subject export, erasure and the suppression list. */
export function registerPrivacyRoutes(app: FastifyInstance): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get(
    '/api/v1/people/:id/consents',
    {
      schema: {
        tags: ['Privacy'],
        summary: 'Consent per channel and whether the person may be contacted on it',
        params: idParams,
        response: { 200: consentsBody, ...errors },
      },
    },
    async (req) => ({ items: await getConsents(requestContext(req), req.params.id) }),
  );
  typed.put(
    '/api/v1/people/:id/consents/:channel',
    {
      schema: {
        tags: ['Privacy'],
        summary: 'Record consent, a refusal or an unsubscribe for one channel',
        params: z.strictObject({ id: z.uuid(), channel: z.enum(CONSENT_CHANNELS) }),
        body: consentInputSchema,
        response: { 200: consentsBody, ...errors },
      },
    },
    async (req) => ({
      items: await setConsent(requestContext(req), req.params.id, req.params.channel, req.body),
    }),
  );
  typed.get(
    '/api/v1/people/:id/export',
    {
      schema: {
        tags: ['Privacy'],
        summary: 'Everything stored about a person, as JSON (data-subject access request; admins)',
        params: idParams,
        response: { 200: z.unknown(), ...errors },
      },
    },
    (req) => exportPerson(requestContext(req), req.params.id),
  );
  typed.post(
    '/api/v1/people/:id/erase',
    {
      schema: {
        tags: ['Privacy'],
        summary: 'Erase a person’s personal data everywhere and suppress the email (admins)',
        params: idParams,
        body: z.strictObject({ reason: z.string().trim().min(1).max(500) }),
        response: {
          200: z.object({
            personId: z.uuid(),
            erasedAt: dateTime,
            suppressed: z.boolean(),
            anonymised: z.record(z.string(), z.int()),
            auditRowsRedacted: z.int(),
          }),
          ...errors,
        },
      },
    },
    (req) => erasePerson(requestContext(req), req.params.id, req.body.reason),
  );
  typed.post(
    '/api/v1/suppressions',
    {
      schema: {
        tags: ['Privacy'],
        summary: 'Add an email to the suppression list (only its hash is kept; admins)',
        body: z.strictObject({ email: z.email().max(254), reason: z.string().trim().min(1).max(500) }),
        response: { 200: z.object({ added: z.boolean() }), ...errors },
      },
    },
    (req) => suppressEmail(requestContext(req), req.body.email, req.body.reason),
  );
}
