import type { FastifyInstance, FastifyReply } from 'fastify';
import { DomainError } from '../platform/errors.ts';
import { acceptBatch } from './accept-batch.ts';
import { submitForm } from './submit-form.ts';
import { TRACKER_SCRIPT } from './tracker-script.ts';
import { MAX_BATCH_BYTES } from './tracking.ts';

function cors(reply: FastifyReply): void {
  // Write keys and form keys are public by design, so any site may post; no cookies are read.
  reply.header('access-control-allow-origin', '*');
  reply.header('access-control-allow-methods', 'POST, OPTIONS');
  reply.header('access-control-allow-headers', 'content-type, x-baton-write-key');
  reply.header('access-control-max-age', '86400');
  reply.header('x-content-type-options', 'nosniff');
}

function parseJsonText(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch (err) {
    throw new DomainError('invalid_input', `The body is not valid JSON: ${(err as Error).message}`, [
      { path: 'body', message: 'send a JSON object' },
    ]);
  }
}

/**
 * The public capture endpoints, outside /api/v1 authentication: the tracking batch
 * endpoint (write key), the tracking script, and form posts (form key). Browsers send
 * text/plain (sendBeacon, no preflight) or HTML form posts, so both are parsed here.
 */
export async function registerPublicCaptureRoutes(app: FastifyInstance): Promise<void> {
  await app.register(async (pub) => {
    pub.addContentTypeParser('text/plain', { parseAs: 'string' }, (_req, body, done) => {
      try {
        done(null, parseJsonText(body as string));
      } catch (err) {
        done(err as Error, undefined);
      }
    });
    pub.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (_req, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(body as string)));
      },
    );
    pub.addHook('onRequest', async (_req, reply) => cors(reply));
    pub.addHook('onError', async (_req, reply) => cors(reply));

    pub.options('/t/v1/batch', { schema: { hide: true } }, (_req, reply) => reply.code(204).send());
    pub.options('/f/v1/:formKey', { schema: { hide: true } }, (_req, reply) => reply.code(204).send());

    pub.post(
      '/t/v1/batch',
      {
        // JSON for scripts, never a page: helmet's page headers cost ~30 µs on the hottest route.
        helmet: false,
        bodyLimit: MAX_BATCH_BYTES,
        schema: {
          tags: ['Tracking'],
          summary:
            'Track a batch of events (write key; ?partial=true stores the valid events and reports each)',
        },
      },
      async (req) => {
        const header = req.headers['x-baton-write-key'];
        const query = req.query as { partial?: string; writeKey?: string };
        return acceptBatch(req.server.baton.db, {
          writeKey: (typeof header === 'string' ? header : undefined) ?? query.writeKey,
          body: req.body,
          partial: query.partial === 'true' || query.partial === '1',
        });
      },
    );

    pub.post(
      '/f/v1/:formKey',
      {
        bodyLimit: 64 * 1024,
        schema: { tags: ['Forms'], summary: 'Submit a form (JSON or an HTML form post)' },
      },
      async (req, reply) => {
        const { formKey } = req.params as { formKey: string };
        const result = await submitForm(req.server.baton.db, formKey, req.body ?? {});
        if (result.redirect) return reply.redirect(result.redirect, 303);
        return result;
      },
    );

    pub.get('/t/baton.js', { schema: { hide: true } }, (_req, reply) =>
      reply
        .header('content-type', 'application/javascript; charset=utf-8')
        .header('cache-control', 'public, max-age=3600')
        .send(TRACKER_SCRIPT),
    );
  });
}
