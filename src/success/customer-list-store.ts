import { type SQL, sql } from 'drizzle-orm';
import { accounts } from '../crm/schema.ts';
import type { RequestContext } from '../platform/context.ts';
import { queryRows } from '../platform/db/query-rows.ts';
import { tasks } from '../routing/schema.ts';
import { memberships, users } from '../workspace/schema.ts';
import { type KeysetQuery, keyset, likePattern, type SortKey, toPage } from './keyset.ts';
import { customerAccounts, expansionSignals, subscriptions } from './schema.ts';

export interface CustomerFilters {
  band?: 'green' | 'yellow' | 'red' | 'unscored' | undefined;
  stage?: string | undefined;
  csmUserId?: string | undefined;
  onbUserId?: string | undefined;
  amUserId?: string | undefined;
  /** The actor's customers scope over `c.account_id` (see customer-scope.ts). */
  scope?: SQL | undefined;
}

/** Conditions over customer_accounts `c` and accounts `a`; churned accounts only when asked for. */
export function customerWhere(ctx: RequestContext, f: CustomerFilters, q?: string): SQL {
  const parts: SQL[] = [
    sql`c.workspace_id = ${ctx.workspaceId}`,
    f.stage
      ? sql`a.customer_stage = ${f.stage}`
      : sql`a.customer_stage is not null and a.customer_stage <> 'churned'`,
  ];
  if (f.band === 'unscored') parts.push(sql`c.health_band is null`);
  else if (f.band) parts.push(sql`c.health_band = ${f.band}`);
  if (f.csmUserId) parts.push(sql`c.csm_user_id = ${f.csmUserId}`);
  if (f.onbUserId) parts.push(sql`c.onb_user_id = ${f.onbUserId}`);
  if (f.amUserId) parts.push(sql`c.am_user_id = ${f.amUserId}`);
  if (q) parts.push(sql`a.name ilike ${likePattern(q)}`);
  if (f.scope) parts.push(f.scope);
  return sql.join(parts, sql` and `);
}

/** The account's active subscriptions: MRR billed now and the next renewal day. */
const billing = sql`left join lateral (
    select sum(s.mrr)::bigint as mrr, min(s.renews_on) as renews_on from ${subscriptions} s
    where s.workspace_id = c.workspace_id and s.account_id = c.account_id and s.status = 'active') s on true`;

/** Sort keys; an account not scored yet sorts after every score, so the riskiest come first. */
export const CUSTOMER_SORTS: Record<string, SortKey> = {
  name: { expr: 'x.name', cast: 'text' },
  healthScore: { expr: 'coalesce(x."healthScore", 101)', cast: 'int' },
  healthTrend: { expr: 'coalesce(x."healthTrend", -1000)', cast: 'int' },
  mrr: { expr: 'x.mrr', cast: 'bigint' },
  renewsOn: { expr: `coalesce(x."renewsOn"::date, '9999-12-31'::date)`, cast: 'date' },
  onboardingStartedAt: {
    expr: `coalesce(x."onboardingStartedAt", '1970-01-01T00:00:00Z')`,
    cast: 'timestamptz',
  },
};

export interface CustomerListRow {
  id: string;
  name: string;
  customerStage: string;
  healthScore: number | null;
  healthBand: string | null;
  healthTrend: number | null;
  healthComputedAt: string | null;
  mrr: number;
  renewsOn: string | null;
  csmUserId: string | null;
  csmName: string | null;
  onbUserId: string | null;
  onbName: string | null;
  amUserId: string | null;
  amName: string | null;
  onboardingPlan: string | null;
  onboardingStartedAt: string | null;
  firstValueAt: string | null;
  onboardingCompletedAt: string | null;
  onboardingDone: number;
  onboardingTotal: number;
  openRiskTasks: number;
}

/**
 * A page of customer accounts with health, MRR, next renewal, team and onboarding
 * progress. The page is cut first; names and task counts are joined onto its rows only.
 */
export async function customerAccountsPage(ctx: RequestContext, f: CustomerFilters, query: KeysetQuery) {
  const k = keyset(CUSTOMER_SORTS, query);
  const ws = ctx.workspaceId;
  const rows = await queryRows<CustomerListRow & { _sortKey: string } & Record<string, unknown>>(
    ctx.db,
    sql`with x as (
          select c.account_id as id, a.name, a.customer_stage as "customerStage", c.health_score as "healthScore",
                 c.health_band as "healthBand", c.health_trend as "healthTrend", c.health_computed_at as "healthComputedAt",
                 coalesce(s.mrr, 0)::bigint as mrr, s.renews_on::text as "renewsOn",
                 c.csm_user_id as "csmUserId", c.onb_user_id as "onbUserId", c.am_user_id as "amUserId",
                 c.onboarding_plan as "onboardingPlan", c.onboarding_started_at as "onboardingStartedAt",
                 c.first_value_at as "firstValueAt", c.onboarding_completed_at as "onboardingCompletedAt"
          from ${customerAccounts} c
          join ${accounts} a on a.workspace_id = c.workspace_id and a.id = c.account_id
          ${billing}
          where ${customerWhere(ctx, f, query.q)}
        ), p as (select x.*, ${k.sortKey} from x ${k.after} ${k.limited})
        select x.*, csm.display_name as "csmName", onb.display_name as "onbName", am.display_name as "amName",
               coalesce(t.done, 0) as "onboardingDone", coalesce(t.total, 0) as "onboardingTotal",
               coalesce(t.risks, 0) as "openRiskTasks"
        from p x
        left join ${users} csm on csm.workspace_id = ${ws} and csm.id = x."csmUserId"
        left join ${users} onb on onb.workspace_id = ${ws} and onb.id = x."onbUserId"
        left join ${users} am on am.workspace_id = ${ws} and am.id = x."amUserId"
        left join lateral (
          select count(*) filter (where k.kind = 'onboarding' and k.status = 'done' and k.created_at >= x."onboardingStartedAt")::int as done,
                 count(*) filter (where k.kind = 'onboarding' and k.created_at >= x."onboardingStartedAt")::int as total,
                 count(*) filter (where k.kind = 'health_risk' and k.status = 'open')::int as risks
          from ${tasks} k where k.workspace_id = ${ws} and k.account_id = x.id) t on true
        ${k.order}`,
  );
  return toPage(rows, query.limit, [
    'healthComputedAt',
    'onboardingStartedAt',
    'firstValueAt',
    'onboardingCompletedAt',
  ]);
}

/** Count and MRR per health band of the customer accounts matching the filters (the band aside). */
export function healthMix(ctx: RequestContext, f: CustomerFilters, q?: string) {
  return queryRows<{ band: string; accounts: number; mrr: number }>(
    ctx.db,
    sql`select coalesce(c.health_band, 'unscored') as band, count(*)::int as accounts, coalesce(sum(s.mrr), 0)::bigint as mrr
        from ${customerAccounts} c
        join ${accounts} a on a.workspace_id = c.workspace_id and a.id = c.account_id
        ${billing}
        where ${customerWhere(ctx, { ...f, band: undefined }, q)}
        group by 1`,
  );
}

/** Active members holding ONB, CSM or AM, with the live customer accounts each carries in that role. */
export function customerTeam(ctx: RequestContext) {
  return queryRows<{ userId: string; displayName: string; role: string; accounts: number }>(
    ctx.db,
    sql`select m.user_id as "userId", u.display_name as "displayName", m.role,
               (select count(*)::int from ${customerAccounts} c
                  join ${accounts} a on a.workspace_id = c.workspace_id and a.id = c.account_id
                 where c.workspace_id = m.workspace_id and a.customer_stage is not null and a.customer_stage <> 'churned'
                   and m.user_id = case m.role when 'csm' then c.csm_user_id when 'onb' then c.onb_user_id
                                               else c.am_user_id end) as accounts
        from ${memberships} m join ${users} u on u.workspace_id = m.workspace_id and u.id = m.user_id
        where m.workspace_id = ${ctx.workspaceId} and m.role in ('csm', 'onb', 'am') and u.status = 'active'
        group by m.workspace_id, m.user_id, u.display_name, m.role
        order by m.role, u.display_name`,
  );
}

/** Name, current health and team (with the members' names) of some accounts, by id. */
export async function accountTeams(ctx: RequestContext, accountIds: string[]) {
  if (accountIds.length === 0) return new Map<string, AccountTeamRow>();
  const rows = await queryRows<AccountTeamRow & Record<string, unknown>>(
    ctx.db,
    sql`select a.id as "accountId", a.name as "accountName", c.health_score as "healthScore",
               c.health_band as "healthBand", c.csm_user_id as "csmUserId", csm.display_name as "csmName",
               c.am_user_id as "amUserId", am.display_name as "amName",
               c.onb_user_id as "onbUserId", onb.display_name as "onbName"
        from ${accounts} a
        left join ${customerAccounts} c on c.workspace_id = a.workspace_id and c.account_id = a.id
        left join ${users} csm on csm.workspace_id = a.workspace_id and csm.id = c.csm_user_id
        left join ${users} am on am.workspace_id = a.workspace_id and am.id = c.am_user_id
        left join ${users} onb on onb.workspace_id = a.workspace_id and onb.id = c.onb_user_id
        where a.workspace_id = ${ctx.workspaceId} and a.id = any(${sql.param(accountIds)}::uuid[])`,
  );
  return new Map(rows.map((r) => [r.accountId, r]));
}

export interface AccountTeamRow {
  accountId: string;
  accountName: string;
  healthScore: number | null;
  healthBand: string | null;
  csmUserId: string | null;
  csmName: string | null;
  amUserId: string | null;
  amName: string | null;
  onbUserId: string | null;
  onbName: string | null;
}

/**
 * The expansion signals whose account's name contains `q`, and/or whose account the given
 * CSM or AM carries: a condition for the generic CRUD list of signals.
 */
export function signalAccountCondition(
  ctx: RequestContext,
  o: {
    q?: string | undefined;
    csmUserId?: string | undefined;
    amUserId?: string | undefined;
    scope?: SQL | undefined;
  },
): SQL | undefined {
  const accountId = expansionSignals.accountId;
  const parts: SQL[] = o.scope ? [o.scope] : [];
  if (o.q)
    parts.push(
      sql`${accountId} in (select a.id from ${accounts} a where a.workspace_id = ${ctx.workspaceId} and a.name ilike ${likePattern(o.q)})`,
    );
  for (const [column, userId] of [
    ['csm_user_id', o.csmUserId],
    ['am_user_id', o.amUserId],
  ] as const)
    if (userId)
      parts.push(
        sql`${accountId} in (select c.account_id from ${customerAccounts} c where c.workspace_id = ${ctx.workspaceId} and c.${sql.raw(column)} = ${userId})`,
      );
  return parts.length ? sql.join(parts, sql` and `) : undefined;
}
