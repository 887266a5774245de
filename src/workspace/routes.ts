import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { registerCrudRoutes } from '../platform/http/crud-routes.ts';
import { errorBodySchema } from '../platform/http/error-body.ts';
import { dateTime, recordMeta } from '../platform/http/json-types.ts';
import { requestContext } from '../platform/http/request-context.ts';
import { authenticateSession, SESSION_COOKIE } from './authenticate.ts';
import { createApiToken, listTokens, revokeToken } from './create-api-token.ts';
import { currentWorkspace, workspacesOfEmail } from './get-workspace.ts';
import { login, logout } from './login.ts';
import { createUser, deleteUser, getUser, listUsers, updateUser } from './manage-users.ts';
import { createUserSchema, updateUserSchema } from './users.ts';

const userRow = z.object({
  ...recordMeta,
  email: z.string(),
  displayName: z.string(),
  locale: z.string().nullable(),
  status: z.string(),
  lastLoginAt: dateTime.nullable(),
  roles: z.array(z.object({ role: z.string(), teamId: z.uuid().nullable(), capacity: z.int().nullable() })),
});

const workspaceRow = z.object({
  ...recordMeta,
  name: z.string(),
  slug: z.string(),
  timeZone: z.string(),
  fiscalYearStartMonth: z.int(),
  currency: z.string(),
  locale: z.string(),
  orgModel: z.string(),
});

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };

export function registerWorkspaceRoutes(app: FastifyInstance): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.post(
    '/api/v1/auth/login',
    {
      config: { public: true },
      schema: {
        tags: ['Auth'],
        summary: 'Sign in with email and password; sets the session cookie',
        body: z.strictObject({
          email: z.string().max(254),
          password: z.string().max(200),
          workspaceId: z.uuid().optional(),
        }),
        response: { 200: z.object({ user: userRow, expiresAt: dateTime }), ...errors },
      },
    },
    async (req, reply) => {
      const session = await login(app.baton.db, req.body);
      reply.setCookie(SESSION_COOKIE, session.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: req.protocol === 'https',
        expires: session.expiresAt,
      });
      const ctx = await authenticateSession(app.baton.db, session.token);
      return { user: await getUser(ctx!, session.user.id), expiresAt: session.expiresAt };
    },
  );

  typed.post(
    '/api/v1/auth/logout',
    {
      config: { public: true },
      schema: { tags: ['Auth'], summary: 'End the session', response: { 204: z.null() } },
    },
    async (req, reply) => {
      const cookie = req.cookies[SESSION_COOKIE];
      if (cookie) await logout(app.baton.db, cookie);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  typed.get(
    '/api/v1/me',
    {
      schema: {
        tags: ['Auth'],
        summary: 'The signed-in user, their workspace, and the workspaces their email can sign in to',
        response: {
          200: z.object({
            user: userRow,
            workspace: workspaceRow,
            workspaces: z.array(z.object({ id: z.uuid(), name: z.string(), slug: z.string() })),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const ctx = requestContext(req);
      const user = await getUser(ctx, ctx.actor.userId!);
      const [workspace, workspaces] = await Promise.all([
        currentWorkspace(ctx),
        workspacesOfEmail(ctx, user.email),
      ]);
      return { user, workspace, workspaces };
    },
  );

  registerCrudRoutes(app, {
    path: 'users',
    tag: 'Users',
    defaultSort: 'displayName',
    filters: { status: z.enum(['active', 'deactivated']).optional() },
    create: createUserSchema,
    update: updateUserSchema,
    row: userRow,
    useCases: { list: listUsers, get: getUser, create: createUser, update: updateUser, remove: deleteUser },
  });

  typed.get(
    '/api/v1/api-tokens',
    {
      schema: {
        tags: ['API tokens'],
        summary: 'List API tokens (secrets are never shown again)',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.uuid(),
                name: z.string(),
                userId: z.uuid(),
                createdAt: dateTime,
                lastUsedAt: dateTime.nullable(),
                expiresAt: dateTime.nullable(),
                revokedAt: dateTime.nullable(),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (req) => ({ items: await listTokens(requestContext(req)) }),
  );

  typed.post(
    '/api/v1/api-tokens',
    {
      schema: {
        tags: ['API tokens'],
        summary: 'Create a bearer token; the secret is in this response only',
        body: z.strictObject({
          name: z.string().trim().min(1).max(100),
          userId: z.uuid().optional(),
          expiresAt: dateTime.optional(),
        }),
        response: {
          201: z.object({
            id: z.uuid(),
            token: z.string(),
            name: z.string(),
            expiresAt: dateTime.nullable(),
          }),
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const ctx = requestContext(req);
      const created = await createApiToken(ctx, {
        name: req.body.name,
        userId: req.body.userId ?? ctx.actor.userId!,
        expiresAt: req.body.expiresAt ?? null,
      });
      return reply.code(201).send(created);
    },
  );

  typed.delete(
    '/api/v1/api-tokens/:id',
    {
      schema: {
        tags: ['API tokens'],
        summary: 'Revoke a token',
        params: z.strictObject({ id: z.uuid() }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      await revokeToken(requestContext(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
}
