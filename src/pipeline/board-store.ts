import { and, asc, desc, eq, getTableColumns, ilike, or, type SQL, sql } from 'drizzle-orm';
import { accounts, people } from '../crm/schema.ts';
import type { RequestContext } from '../platform/context.ts';
import { memberships, users } from '../workspace/schema.ts';
import type { BoardFilters, CardSort } from './board.ts';
import { opportunities } from './schema.ts';

// Open deals without a close date sort last, as in the opportunities list.
const closeKey = sql<string>`coalesce(${opportunities.closeDate}, '9999-12-31'::date)`;

/** Each card order: its key (never null), the key's type for a cursor, and its direction. */
const ORDERS: Record<CardSort, { key: SQL; type: SQL; descending: boolean }> = {
  closeDate: { key: closeKey, type: sql`date`, descending: false },
  '-amountMrr': { key: sql`${opportunities.amountMrr}`, type: sql`bigint`, descending: true },
  phaseEnteredAt: { key: sql`${opportunities.phaseEnteredAt}`, type: sql`timestamptz`, descending: false },
};

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The conditions every board query shares: tenant, the actor's scope, and the user's filters. */
function boardConditions(ctx: RequestContext, filters: BoardFilters, scope: SQL | undefined) {
  const conditions: (SQL | undefined)[] = [eq(opportunities.workspaceId, ctx.workspaceId), scope];
  if (filters.ownerUserId) conditions.push(eq(opportunities.ownerUserId, filters.ownerUserId));
  if (filters.type) conditions.push(eq(opportunities.type, filters.type));
  if (filters.teamId) {
    conditions.push(sql`${opportunities.ownerUserId} in (
      select ${memberships.userId} from ${memberships}
      where ${memberships.workspaceId} = ${ctx.workspaceId} and ${memberships.teamId} = ${filters.teamId})`);
  }
  if (filters.q) {
    const pattern = `%${escapeLike(filters.q)}%`;
    conditions.push(
      or(
        ilike(opportunities.name, pattern),
        ilike(opportunities.nextStep, pattern),
        ilike(accounts.name, pattern),
      ),
    );
  }
  return conditions;
}

/** Count, MRR and Σ MRR × probability of the matching opportunities, per phase. */
export function boardTotals(ctx: RequestContext, filters: BoardFilters, scope: SQL | undefined) {
  return ctx.db
    .select({
      phase: opportunities.phase,
      count: sql<number>`count(*)::int`,
      amountMrr: sql<number>`coalesce(sum(${opportunities.amountMrr}), 0)::bigint`,
      amountTimesProbability: sql<number>`coalesce(sum(${opportunities.amountMrr} * coalesce(${opportunities.probability}, 0)), 0)::bigint`,
    })
    .from(opportunities)
    .innerJoin(
      accounts,
      and(eq(accounts.workspaceId, opportunities.workspaceId), eq(accounts.id, opportunities.accountId)),
    )
    .where(and(...boardConditions(ctx, filters, scope)))
    .groupBy(opportunities.phase);
}

/** One page of cards (of one phase, or all) in the asked order, with the account's, owner's and contact's names. */
export async function boardCards(
  ctx: RequestContext,
  filters: BoardFilters & { phase?: string | undefined; id?: string | undefined },
  scope: SQL | undefined,
  page: { limit: number; sort?: CardSort | undefined; after?: [string, string] | undefined },
) {
  const order = ORDERS[page.sort ?? 'closeDate'];
  const direction = order.descending ? desc : asc;
  const conditions = boardConditions(ctx, filters, scope);
  if (filters.phase) conditions.push(eq(opportunities.phase, filters.phase));
  if (filters.id) conditions.push(eq(opportunities.id, filters.id));
  if (page.after) {
    const cmp = order.descending ? sql`<` : sql`>`;
    conditions.push(
      sql`(${order.key}, ${opportunities.id}) ${cmp} (${page.after[0]}::${order.type}, ${page.after[1]}::uuid)`,
    );
  }
  const rows = await ctx.db
    .select({
      ...getTableColumns(opportunities),
      accountName: accounts.name,
      ownerName: users.displayName,
      primaryPersonName: sql<
        string | null
      >`nullif(concat_ws(' ', ${people.lastName}, ${people.firstName}), '')`,
      sortKey: sql<string>`(${order.key})::text`,
    })
    .from(opportunities)
    .innerJoin(
      accounts,
      and(eq(accounts.workspaceId, opportunities.workspaceId), eq(accounts.id, opportunities.accountId)),
    )
    .leftJoin(
      users,
      and(eq(users.workspaceId, opportunities.workspaceId), eq(users.id, opportunities.ownerUserId)),
    )
    .leftJoin(
      people,
      and(eq(people.workspaceId, opportunities.workspaceId), eq(people.id, opportunities.primaryPersonId)),
    )
    .where(and(...conditions))
    .orderBy(direction(order.key), direction(opportunities.id))
    .limit(page.limit + 1);
  return rows;
}
