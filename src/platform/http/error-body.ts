import type { FastifyError } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assertUnreachable, DomainError, type ErrorCode, type ErrorDetail } from '../errors.ts';

/** The one error body of every route. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

export function statusOf(code: ErrorCode): number {
  switch (code) {
    case 'invalid_input':
      return 400;
    case 'unauthenticated':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'conflict':
    case 'version_conflict':
      return 409;
    case 'payload_too_large':
      return 413;
    case 'rate_limited':
      return 429;
    default:
      return assertUnreachable(code);
  }
}

function body(code: ErrorCode | 'internal', message: string, details: ErrorDetail[] = []): ErrorBody {
  return { error: { code, message, details } };
}

/** Turns anything thrown below a route into a status and the one error body. */
export function toErrorResponse(err: unknown): { status: number; body: ErrorBody } {
  if (err instanceof DomainError)
    return { status: statusOf(err.code), body: body(err.code, err.message, err.details) };
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = (err as { validationContext?: string }).validationContext ?? 'body';
    const details = err.validation.map((v) => {
      const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
      const keys = (v.params as { keys?: string[] } | undefined)?.keys;
      // zod reports unknown fields on the parent object: name the field itself.
      const field = keys?.length ? [path, keys.join(',')].filter(Boolean).join('.') : path;
      return { path: field ? `${where}.${field}` : where, message: v.message ?? 'invalid' };
    });
    return {
      status: 400,
      body: body(
        'invalid_input',
        `The request ${where} is invalid: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`,
        details,
      ),
    };
  }
  const fastifyError = err as FastifyError;
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return {
        status: 400,
        body: body('invalid_input', `The body is not valid JSON: ${fastifyError.message}`, [
          { path: 'body', message: 'send a JSON object' },
        ]),
      };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        status: 413,
        body: body('payload_too_large', 'The body is larger than this endpoint accepts.', [
          { path: 'body', message: 'send less data per request' },
        ]),
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        status: 415 as number,
        body: body('invalid_input', 'Send the body as application/json.', [
          { path: 'content-type', message: 'unsupported media type' },
        ]),
      };
  }
  if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return { status: fastifyError.statusCode, body: body('invalid_input', fastifyError.message) };
  }
  return {
    status: 500,
    body: body('internal', 'Something went wrong on our side. The request changed nothing; try again.'),
  };
}
