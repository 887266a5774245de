import { type SQL, sql } from 'drizzle-orm';
import { accounts } from '../crm/schema.ts';
import { opportunities } from '../pipeline/schema.ts';
import type { RequestContext } from '../platform/context.ts';
import { queryRows } from '../platform/db/query-rows.ts';
import { users } from '../workspace/schema.ts';
import { type KeysetQuery, keyset, likePattern, type SortKey, toPage } from './keyset.ts';
import { customerAccounts, subscriptions } from './schema.ts';

export interface RenewalFilters {
  from: string;
  to: string;
  csmUserId?: string | undefined;
  band?: 'green' | 'yellow' | 'red' | 'unscored' | undefined;
  /** The actor's customers scope over `s.account_id` (see customer-scope.ts). */
  scope?: SQL | undefined;
}

/** Active subscriptions `s` renewing in [from, to] (accounts `a`, customer accounts `c` joined). */
function renewalWhere(ctx: RequestContext, f: RenewalFilters, q?: string): SQL {
  const parts: SQL[] = [
    sql`s.workspace_id = ${ctx.workspaceId}`,
    sql`s.status = 'active'`,
    sql`s.renews_on between ${f.from}::date and ${f.to}::date`,
  ];
  if (f.csmUserId) parts.push(sql`c.csm_user_id = ${f.csmUserId}`);
  if (f.band === 'unscored') parts.push(sql`c.health_band is null`);
  else if (f.band) parts.push(sql`c.health_band = ${f.band}`);
  if (q) parts.push(sql`(a.name ilike ${likePattern(q)} or s.plan ilike ${likePattern(q)})`);
  if (f.scope) parts.push(f.scope);
  return sql.join(parts, sql` and `);
}

const joins = (ctx: RequestContext) => sql`
  join ${accounts} a on a.workspace_id = s.workspace_id and a.id = s.account_id
  left join ${customerAccounts} c on c.workspace_id = s.workspace_id and c.account_id = s.account_id
  left join ${users} u on u.workspace_id = ${ctx.workspaceId} and u.id = c.csm_user_id`;

export const RENEWAL_SORTS: Record<string, SortKey> = {
  renewsOn: { expr: 'x."renewsOn"::date', cast: 'date' },
  mrr: { expr: 'x.mrr', cast: 'bigint' },
  accountName: { expr: 'x."accountName"', cast: 'text' },
};

export interface RenewalRow {
  id: string;
  accountId: string;
  accountName: string;
  customerStage: string | null;
  plan: string;
  mrr: number;
  renewsOn: string;
  termMonths: number;
  healthScore: number | null;
  healthBand: string | null;
  csmUserId: string | null;
  csmName: string | null;
  renewalOpportunityId: string | null;
  renewalOpportunityPhase: string | null;
}

/** A page of subscriptions renewing in a range, with the account's health, CSM and open renewal deal. */
export async function renewalsPage(ctx: RequestContext, f: RenewalFilters, query: KeysetQuery) {
  const k = keyset(RENEWAL_SORTS, query);
  const rows = await queryRows<RenewalRow & { _sortKey: string } & Record<string, unknown>>(
    ctx.db,
    sql`with x as (
          select s.id, s.account_id as "accountId", a.name as "accountName", a.customer_stage as "customerStage",
                 s.plan, s.mrr, s.renews_on::text as "renewsOn", s.term_months as "termMonths",
                 c.health_score as "healthScore", c.health_band as "healthBand",
                 c.csm_user_id as "csmUserId", u.display_name as "csmName"
          from ${subscriptions} s ${joins(ctx)}
          where ${renewalWhere(ctx, f, query.q)}
        ), p as (select x.*, ${k.sortKey} from x ${k.after} ${k.limited})
        select x.*, o.id as "renewalOpportunityId", o.phase as "renewalOpportunityPhase"
        from p x
        left join lateral (
          select o.id, o.phase from ${opportunities} o
          where o.workspace_id = ${ctx.workspaceId} and o.account_id = x."accountId" and o.type = 'renewal'
            and o.closed_at is null and o.phase not in ('won', 'lost')
          order by o.close_date nulls last, o.id limit 1) o on true
        ${k.order}`,
  );
  return toPage(rows, query.limit);
}

/** Renewals per month (YYYY-MM) and health band in a range: how many and how much MRR. */
export function renewalMonths(ctx: RequestContext, f: RenewalFilters) {
  return queryRows<{ month: string; band: string; renewals: number; mrr: number }>(
    ctx.db,
    sql`select to_char(s.renews_on, 'YYYY-MM') as month, coalesce(c.health_band, 'unscored') as band,
               count(*)::int as renewals, sum(s.mrr)::bigint as mrr
        from ${subscriptions} s ${joins(ctx)}
        where ${renewalWhere(ctx, { ...f, band: undefined })}
        group by 1, 2 order by 1, 2`,
  );
}
