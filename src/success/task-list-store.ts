import { type SQL, sql } from 'drizzle-orm';
import { accounts } from '../crm/schema.ts';
import type { RequestContext } from '../platform/context.ts';
import { queryRows } from '../platform/db/query-rows.ts';
import { tasks } from '../routing/schema.ts';
import { users } from '../workspace/schema.ts';
import { type KeysetQuery, keyset, likePattern, type SortKey, toPage } from './keyset.ts';
import { customerAccounts } from './schema.ts';

export interface TaskFilters {
  kinds: readonly string[];
  status?: string | undefined;
  assigneeUserId?: string | undefined;
  accountId?: string | undefined;
  /** The actor's customers scope over `k.account_id` (see customer-scope.ts). */
  scope?: SQL | undefined;
}

function taskWhere(ctx: RequestContext, f: TaskFilters, q?: string): SQL {
  const parts: SQL[] = [
    sql`k.workspace_id = ${ctx.workspaceId}`,
    sql`k.kind = any(${sql.param([...f.kinds])}::text[])`,
  ];
  if (f.status) parts.push(sql`k.status = ${f.status}`);
  if (f.assigneeUserId) parts.push(sql`k.assignee_user_id = ${f.assigneeUserId}`);
  if (f.accountId) parts.push(sql`k.account_id = ${f.accountId}`);
  if (q) parts.push(sql`(k.title ilike ${likePattern(q)} or a.name ilike ${likePattern(q)})`);
  if (f.scope) parts.push(f.scope);
  return sql.join(parts, sql` and `);
}

export const TASK_SORTS: Record<string, SortKey> = {
  dueAt: { expr: `coalesce(x."dueAt", '9999-12-31T00:00:00Z')`, cast: 'timestamptz' },
  createdAt: { expr: 'x."createdAt"', cast: 'timestamptz' },
};

export interface SuccessTaskRow {
  id: string;
  version: number;
  kind: string;
  title: string;
  status: string;
  dueAt: string | null;
  completedAt: string | null;
  createdAt: string;
  details: unknown;
  assigneeUserId: string | null;
  assigneeName: string | null;
  accountId: string | null;
  accountName: string | null;
  opportunityId: string | null;
  healthScore: number | null;
  healthBand: string | null;
}

/** A page of Customer Success tasks with the account's name and current health and the assignee's name. */
export async function successTasksPage(ctx: RequestContext, f: TaskFilters, query: KeysetQuery) {
  const k = keyset(TASK_SORTS, query);
  const rows = await queryRows<SuccessTaskRow & { _sortKey: string } & Record<string, unknown>>(
    ctx.db,
    sql`with x as (
          select k.id, k.version, k.kind, k.title, k.status, k.due_at as "dueAt", k.completed_at as "completedAt",
                 k.created_at as "createdAt", k.details, k.assignee_user_id as "assigneeUserId",
                 k.account_id as "accountId", a.name as "accountName", k.opportunity_id as "opportunityId"
          from ${tasks} k
          left join ${accounts} a on a.workspace_id = k.workspace_id and a.id = k.account_id
          where ${taskWhere(ctx, f, query.q)}
        ), p as (select x.*, ${k.sortKey} from x ${k.after} ${k.limited})
        select x.*, u.display_name as "assigneeName", c.health_score as "healthScore", c.health_band as "healthBand"
        from p x
        left join ${users} u on u.workspace_id = ${ctx.workspaceId} and u.id = x."assigneeUserId"
        left join ${customerAccounts} c on c.workspace_id = ${ctx.workspaceId} and c.account_id = x."accountId"
        ${k.order}`,
  );
  return toPage(rows, query.limit, ['dueAt', 'completedAt', 'createdAt']);
}
