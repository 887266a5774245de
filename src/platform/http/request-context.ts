import type { FastifyRequest } from 'fastify';
import type { RequestContext } from '../context.ts';
import { DomainError } from '../errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    ctx: RequestContext | null;
  }
}

/** The authenticated context of a request; routes under /api/v1 never run without one. */
export function requestContext(req: FastifyRequest): RequestContext {
  if (!req.ctx) throw new DomainError('unauthenticated', 'Sign in or send an API token.');
  return req.ctx;
}
