import type { z } from 'zod';
import { DomainError } from '../platform/errors.ts';

/**
 * Validates a use case's input with its zod schema, for callers that bypass the routes
 * (CLI, demo, other slices): a failure is the same 400 a route gives, naming each field.
 */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((i) => ({ path: i.path.join('.') || 'body', message: i.message }));
  throw new DomainError(
    'invalid_input',
    `${what} is invalid: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`,
    details,
  );
}
