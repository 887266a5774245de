import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { RequestContext } from '../platform/context.ts';
import { listQueryBase } from '../platform/http/list-query.ts';
import { customerScope } from './customer-scope.ts';
import { parseInput } from './parse-input.ts';
import { successTasksPage } from './task-list-store.ts';

/** The tasks Customer Success creates: red health, expansion, renewal, onboarding and the ONB → CSM hand-off. */
export const SUCCESS_TASK_KINDS = [
  'health_risk',
  'expansion_signal',
  'expansion',
  'renewal',
  'onboarding',
  'cs_handoff',
] as const;

export const successTaskQuerySchema = z.strictObject({
  ...listQueryBase,
  kind: z.enum(SUCCESS_TASK_KINDS).optional(),
  status: z.enum(['open', 'done', 'cancelled']).optional(),
  assigneeUserId: z.uuid().optional(),
  accountId: z.uuid().optional(),
});

/** Customer Success tasks with their account (name, current health) and assignee; soonest due first. */
export async function listSuccessTasks(ctx: RequestContext, raw: z.input<typeof successTaskQuerySchema>) {
  const { limit, cursor, sort, q, kind, ...filters } = parseInput(
    successTaskQuerySchema,
    raw,
    'The task query',
  );
  return successTasksPage(
    ctx,
    {
      ...filters,
      kinds: kind ? [kind] : SUCCESS_TASK_KINDS,
      scope: await customerScope(ctx, 'read', sql`k.account_id`),
    },
    { limit, cursor, sort: sort ?? 'dueAt', q: q || undefined },
  );
}
