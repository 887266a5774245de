import {
  and,
  asc,
  desc,
  eq,
  getTableColumns,
  ilike,
  inArray,
  isNotNull,
  isNull,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import { accounts, people } from '../crm/schema.ts';
import type { RequestContext } from '../platform/context.ts';
import type { HandoffFilter } from './handoff-store.ts';
import { handoffs } from './schema.ts';

export const HANDOFF_SORTS = ['-openedAt', 'openedAt', 'dueAt', '-dueAt'] as const;
export type HandoffSort = (typeof HANDOFF_SORTS)[number];

/** The hand-off list's filters: the store's, plus a text search and a sort. */
export interface HandoffListFilter extends Omit<HandoffFilter, 'before'> {
  /** Only hand-offs no user receives yet (the team or role queue). */
  unassigned?: boolean | undefined;
  /** Searches the person's name and email and the account's name. */
  q?: string | undefined;
  sort?: HandoffSort | undefined;
  /** Keyset: rows after this (sort value, id) in the chosen order. */
  after?: [Date, string] | undefined;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Hand-offs with the names a receiver reads them by (person, email, account), searched
 * and sorted by opening or due time, keyset-paginated on (sort value, id).
 */
export function listHandoffsWithSubjects(ctx: RequestContext, f: HandoffListFilter) {
  const sort = f.sort ?? '-openedAt';
  const column = sort.endsWith('openedAt') ? handoffs.openedAt : handoffs.dueAt;
  const descending = sort.startsWith('-');
  const pattern = f.q?.trim() ? `%${escapeLike(f.q.trim())}%` : null;
  const where: (SQL | undefined)[] = [
    eq(handoffs.workspaceId, ctx.workspaceId),
    f.scope,
    f.status ? eq(handoffs.status, f.status) : undefined,
    f.kind ? eq(handoffs.kind, f.kind) : undefined,
    f.toRole ? eq(handoffs.toRole, f.toRole) : undefined,
    f.toUserId ? eq(handoffs.toUserId, f.toUserId) : undefined,
    f.personId ? eq(handoffs.personId, f.personId) : undefined,
    f.personIds ? inArray(handoffs.personId, f.personIds) : undefined,
    f.unassigned === true
      ? isNull(handoffs.toUserId)
      : f.unassigned === false
        ? isNotNull(handoffs.toUserId)
        : undefined,
    f.stale === true ? isNotNull(handoffs.staleAt) : f.stale === false ? isNull(handoffs.staleAt) : undefined,
    pattern
      ? or(
          ilike(sql`concat(${people.lastName}, ' ', ${people.firstName})`, pattern),
          ilike(sql`concat(${people.lastName}, ${people.firstName})`, pattern),
          ilike(people.email, pattern),
          ilike(accounts.name, pattern),
        )
      : undefined,
    f.after
      ? descending
        ? sql`(${column}, ${handoffs.id}) < (${f.after[0].toISOString()}::timestamptz, ${f.after[1]}::uuid)`
        : sql`(${column}, ${handoffs.id}) > (${f.after[0].toISOString()}::timestamptz, ${f.after[1]}::uuid)`
      : undefined,
  ];
  const order = descending ? desc : asc;
  return ctx.db
    .select({
      ...getTableColumns(handoffs),
      personName: sql<string | null>`nullif(trim(concat(${people.lastName}, ' ', ${people.firstName})), '')`,
      personEmail: people.email,
      accountName: accounts.name,
    })
    .from(handoffs)
    .leftJoin(people, and(eq(people.workspaceId, handoffs.workspaceId), eq(people.id, handoffs.personId)))
    .leftJoin(
      accounts,
      and(eq(accounts.workspaceId, handoffs.workspaceId), eq(accounts.id, handoffs.accountId)),
    )
    .where(and(...where))
    .orderBy(order(column), order(handoffs.id))
    .limit(f.limit);
}
