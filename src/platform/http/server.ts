import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { registerAnalyticsRoutes } from '../../analytics/routes.ts';
import { registerImportExportRoutes } from '../../capture/import-routes.ts';
import { registerPublicCaptureRoutes } from '../../capture/public-routes.ts';
import { registerCaptureRoutes } from '../../capture/routes.ts';
import { registerHistoryRoutes } from '../../crm/history-routes.ts';
import { registerCrmRoutes } from '../../crm/routes.ts';
import { registerLifecycleRoutes } from '../../lifecycle/routes.ts';
import { registerPipelineRoutes } from '../../pipeline/routes.ts';
import { registerPlanningRoutes } from '../../planning/routes.ts';
import { registerPrivacyRoutes } from '../../privacy/routes.ts';
import { registerRoutingRoutes } from '../../routing/routes.ts';
import { registerScoringRoutes } from '../../scoring/routes.ts';
import { registerSuccessRoutes } from '../../success/routes.ts';
import { registerAccessRoutes } from '../../workspace/access-routes.ts';
import { authenticateSession, authenticateToken, SESSION_COOKIE } from '../../workspace/authenticate.ts';
import { registerWorkspaceRoutes } from '../../workspace/routes.ts';
import { registerAuditRoutes } from '../audit/routes.ts';
import type { Database } from '../db/open-database.ts';
import { DomainError } from '../errors.ts';
import { toErrorResponse } from './error-body.ts';
import { assertCsrf, type HardeningOptions, registerHardening } from './hardening.ts';
import { registerWebApp } from './web-app.ts';

declare module 'fastify' {
  interface FastifyInstance {
    baton: Database;
  }
  interface FastifyContextConfig {
    /** Routes that need no credentials (login, logout). */
    public?: boolean;
  }
}

export interface ServerOptions {
  database: Database;
  logger?: boolean;
  /** Largest JSON body accepted, in bytes (413 above it). */
  bodyLimit?: number;
  /** Rate limits and login throttling (tests raise them). */
  hardening?: HardeningOptions;
}

/** The HTTP API: /api/v1 behind authentication, the OpenAPI document and its reference page. */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ? true : { level: 'error' },
    bodyLimit: options.bodyLimit ?? 1_048_576,
    // The session cookie is SameSite=Lax, the API accepts only JSON bodies, and cookie
    // writes need the CSRF header (hardening.ts), so a cross-site page cannot write.
  });
  app.decorate('baton', options.database);
  app.decorateRequest('ctx', null);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.setErrorHandler((err, req, reply) => {
    const { status, body } = toErrorResponse(err);
    if (status >= 500) req.log.error({ err }, 'request failed');
    return reply.code(status).send(body);
  });
  app.setNotFoundHandler((req, reply) =>
    reply.code(404).send({
      error: { code: 'not_found', message: `No route ${req.method} ${req.url.split('?')[0]}.`, details: [] },
    }),
  );

  await app.register(cookie);
  await registerHardening(app, options.hardening);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Baton API', version: '1', description: 'Revenue operations for THE MODEL.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
    // Schemas registered with an id become components the paths refer to.
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());
  app.get('/healthz', { schema: { hide: true } }, () => ({ ok: true, database: options.database.kind }));

  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/v1/') || req.routeOptions.config?.public) return;
    const db = options.database.db;
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      req.ctx = await authenticateToken(db, auth.slice(7).trim());
    } else {
      const session = req.cookies[SESSION_COOKIE];
      if (session) req.ctx = await authenticateSession(db, session);
      if (req.ctx) assertCsrf(req);
    }
    if (!req.ctx) {
      throw new DomainError(
        'unauthenticated',
        'Sign in, or send an API token as "Authorization: Bearer <token>".',
        [{ path: 'authorization', message: 'missing, unknown, expired or revoked credentials' }],
      );
    }
  });

  registerWorkspaceRoutes(app);
  registerCrmRoutes(app);
  registerCaptureRoutes(app);
  registerPlanningRoutes(app);
  registerHistoryRoutes(app);
  registerAuditRoutes(app);
  registerAccessRoutes(app);
  registerPrivacyRoutes(app);
  registerLifecycleRoutes(app);
  registerScoringRoutes(app);
  await registerPublicCaptureRoutes(app);
  await registerImportExportRoutes(app);
  registerPipelineRoutes(app);
  registerRoutingRoutes(app);
  registerAnalyticsRoutes(app);
  await registerWebApp(app);
  registerSuccessRoutes(app);
  return app;
}
