import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { RecordScope } from '../access-policy.ts';
import type { RequestContext } from '../context.ts';

/**
 * The SQL condition that keeps a query inside the actor's record scopes. `owner` is the
 * column naming the record's owner (null for resources nobody owns, which only `all`
 * reaches). Undefined means no restriction beyond the workspace.
 */
export function scopeCondition(
  ctx: RequestContext,
  scopes: readonly RecordScope[],
  owner: AnyPgColumn | null,
): SQL | undefined {
  if (scopes.includes('all')) return undefined;
  const me = ctx.actor.userId;
  if (!owner || !me) return sql`false`;
  const parts = scopes.flatMap((scope): SQL[] => {
    switch (scope) {
      case 'own':
        return [sql`${owner} = ${me}`];
      case 'own_or_unowned':
        return [sql`(${owner} = ${me} or ${owner} is null)`];
      case 'team':
        return [
          sql`(${owner} = ${me}
            or ${owner} in (
              select mate.user_id from memberships mate
              where mate.workspace_id = ${ctx.workspaceId} and mate.team_id in (
                select mine.team_id from memberships mine
                where mine.workspace_id = ${ctx.workspaceId} and mine.user_id = ${me} and mine.team_id is not null))
            or exists (
              select 1 from memberships lead
              where lead.workspace_id = ${ctx.workspaceId} and lead.user_id = ${me}
                and lead.role = 'manager' and lead.team_id is null))`,
        ];
      default:
        return [];
    }
  });
  if (parts.length === 0) return sql`false`;
  return sql`(${sql.join(parts, sql` or `)})`;
}
