import { type SQL, sql } from 'drizzle-orm';
import type { RequestContext } from '../platform/context.ts';
import { queryRows } from '../platform/db/query-rows.ts';
import { medianOfMiddle } from './outcomes.ts';
import type { Calendar, Grain } from './periods.ts';
import { periodExpr } from './store.ts';

// The reads of other slices' records that the KPI tree, scorecards, attribution and
// bottleneck reports need (deals, subscriptions, hand-offs, activities, campaigns).
// SQL only; the rules live in the pure modules.

/** Local-day range as instants: [start of `from`, start of the day after `to`):
 * the same rows as comparing local days, and an index on the column can serve it. */
export const instantRange = (column: string, cal: Calendar, from: string, to: string) =>
  sql`${sql.raw(column)} >= (${from}::date::timestamp at time zone ${cal.timeZone})
      and ${sql.raw(column)} < ((${to}::date + 1)::timestamp at time zone ${cal.timeZone})`;

/**
 * New-business opportunities closed per period (local days), won and lost, with won MRR:
 * from the closed-deal rollup (a few rows a day).
 */
export async function closedByPeriod(
  ctx: RequestContext,
  cal: Calendar,
  grain: Grain,
  from: string,
  to: string,
): Promise<{ start: string; wins: number; lost: number; mrr: number }[]> {
  const rows = await queryRows<{ start: string; wins: number; lost: number; mrr: number }>(
    ctx.db,
    sql`select to_char(start, 'YYYY-MM-DD') as start, wins, lost, mrr from (
          select ${periodExpr(grain, cal.fiscalYearStartMonth)} as start,
            coalesce(sum(n) filter (where outcome = 'won'), 0) as wins,
            coalesce(sum(n) filter (where outcome = 'lost'), 0) as lost,
            coalesce(sum(mrr) filter (where outcome = 'won'), 0) as mrr
          from analytics_deal_rollup
          where workspace_id = ${ctx.workspaceId} and type = 'new' and day between ${from}::date and ${to}::date
          group by 1) g`,
  );
  return rows.map((r) => ({
    start: r.start,
    wins: Number(r.wins),
    lost: Number(r.lost),
    mrr: Number(r.mrr),
  }));
}

/** Churned subscription MRR per period of its end, and whether any subscription or amendment exists. */
export async function churnByPeriod(
  ctx: RequestContext,
  cal: Calendar,
  grain: Grain,
  from: string,
  to: string,
): Promise<{ rows: { start: string; mrr: number }[]; subscriptions: number; amended: number }> {
  const rows = await queryRows<{ start: string; mrr: number }>(
    ctx.db,
    sql`select to_char(${periodExpr(grain, cal.fiscalYearStartMonth)}, 'YYYY-MM-DD') as start, sum(mrr) as mrr
        from (select ends_on as day, mrr from subscriptions where workspace_id = ${ctx.workspaceId}
              and status = 'churned' and ends_on between ${from}::date and ${to}::date) s group by 1`,
  );
  const [count] = await queryRows<{ n: number; amended: number }>(
    ctx.db,
    sql`select count(*) as n, count(*) filter (where jsonb_array_length(amendments) > 0) as amended
        from subscriptions where workspace_id = ${ctx.workspaceId}`,
  );
  return {
    rows: rows.map((r) => ({ start: r.start, mrr: Number(r.mrr) })),
    subscriptions: Number(count?.n ?? 0),
    amended: Number(count?.amended ?? 0),
  };
}

/** One kind's hand-offs of a range: answered (accepted, rejected), came due, and due ones answered on time. */
export type HandoffStat = {
  kind: string;
  accepted: number;
  rejected: number;
  due: number;
  on_time: number;
};

/**
 * handoffStats from the hand-off outcome rollup: whole local days before today from the
 * rollup, and what came due today up to now from the hand-offs (one day at most). One row
 * per kind the workspace has hand-offs of, as the raw count gives.
 */
export async function handoffStats(
  ctx: RequestContext,
  cal: Calendar,
  from: string,
  to: string,
  today: string,
): Promise<HandoffStat[]> {
  const ws = ctx.workspaceId;
  const lastWholeDay = today <= to ? sql`(${today}::date - 1)` : sql`${to}::date`;
  const rows = await queryRows<HandoffStat>(
    ctx.db,
    sql`select kind,
          coalesce(sum(n) filter (where measure = 'accepted' and day between ${from}::date and ${to}::date), 0) as accepted,
          coalesce(sum(n) filter (where measure = 'rejected' and day between ${from}::date and ${to}::date), 0) as rejected,
          coalesce(sum(n) filter (where measure = 'due' and day between ${from}::date and ${lastWholeDay}), 0) as due,
          coalesce(sum(n) filter (where measure = 'on_time' and day between ${from}::date and ${lastWholeDay}), 0) as on_time
        from analytics_handoff_rollup where workspace_id = ${ws} group by kind`,
  );
  const stats = rows.map((r) => ({
    kind: r.kind,
    accepted: Number(r.accepted),
    rejected: Number(r.rejected),
    due: Number(r.due),
    on_time: Number(r.on_time),
  }));
  if (today > to) return stats;
  const now = ctx.now().toISOString();
  const tail = await queryRows<{ kind: string; due: number; on_time: number }>(
    ctx.db,
    sql`select kind, count(*) as due, count(*) filter (where responded_at is not null and responded_at <= due_at) as on_time
        from handoffs where workspace_id = ${ws}
          and ${instantRange('due_at', cal, from > today ? from : today, to)} and due_at <= ${now}
        group by kind`,
  );
  for (const t of tail) {
    const s = stats.find((x) => x.kind === t.kind);
    if (s) {
      s.due += Number(t.due);
      s.on_time += Number(t.on_time);
    }
  }
  return stats;
}

/** Activities of Inside Sales (mdr, sdr) users in the range, with their minutes, and the IS slot capacity. */
export async function insideSalesLoad(ctx: RequestContext, cal: Calendar, from: string, to: string) {
  const [row] = await queryRows<{
    n: number;
    minutes: number | null;
    any_activity: number;
    slots: number | null;
  }>(
    ctx.db,
    sql`select
          (select count(*) from activities a where a.workspace_id = ${ctx.workspaceId} and ${instantRange('a.occurred_at', cal, from, to)}
            and a.user_id in (select user_id from memberships where workspace_id = ${ctx.workspaceId} and role in ('mdr', 'sdr'))) as n,
          (select sum(duration_minutes) from activities a where a.workspace_id = ${ctx.workspaceId} and ${instantRange('a.occurred_at', cal, from, to)}
            and a.user_id in (select user_id from memberships where workspace_id = ${ctx.workspaceId} and role in ('mdr', 'sdr'))) as minutes,
          (select count(*) from (select 1 from activities where workspace_id = ${ctx.workspaceId} limit 1) x) as any_activity,
          (select sum(capacity) from memberships where workspace_id = ${ctx.workspaceId} and role in ('mdr', 'sdr')) as slots`,
  );
  return {
    activities: Number(row?.n ?? 0),
    minutes: row?.minutes === null || row?.minutes === undefined ? null : Number(row.minutes),
    anyActivity: Number(row?.any_activity ?? 0) > 0,
    weeklySlots: row?.slots === null || row?.slots === undefined ? null : Number(row.slots),
  };
}

/**
 * New-business deals closed in the range (from the closed-deal rollup), median cycle of
 * the won ones, and open pipeline MRR (both from the deals: a median needs every value).
 */
export async function dealStats(ctx: RequestContext, cal: Calendar, from: string, to: string) {
  const ws = ctx.workspaceId;
  const won = sql`analytics_deal_rollup where workspace_id = ${ws} and type = 'new' and outcome = 'won'
    and day between ${from}::date and ${to}::date`;
  // Independent reads, started together (separate pooled connections on PostgreSQL).
  const [[row], middle] = await Promise.all([
    queryRows<{ wins: number; losses: number; won_mrr: number; open_mrr: number }>(
      ctx.db,
      sql`select
            coalesce((select sum(n) from ${won}), 0) as wins,
            coalesce((select sum(n) from analytics_deal_rollup where workspace_id = ${ws} and type = 'new'
              and outcome = 'lost' and day between ${from}::date and ${to}::date), 0) as losses,
            coalesce((select sum(mrr) from ${won}), 0) as won_mrr,
            (select coalesce(sum(amount_mrr), 0) from opportunities where workspace_id = ${ws} and type = 'new'
              and phase not in ('won', 'lost')) as open_mrr`,
    ),
    // The one or two middle cycles, read at their rank along opportunities_won_cycle_idx
    // (the count of wins comes from the rollup), as the float8 values percentile_cont sorts.
    queryRows<{ v: number }>(
      ctx.db,
      sql`with c as (select coalesce(sum(n), 0)::bigint as wins from ${won})
          select (extract(epoch from closed_at - created_at) / 86400)::float8 as v from (
            select closed_at, created_at from opportunities
            where workspace_id = ${ws} and type = 'new' and phase = 'won' and ${instantRange('closed_at', cal, from, to)}
            order by closed_at - created_at
            offset (select greatest(wins - 1, 0) / 2 from c) limit (select 2 - wins % 2 from c)) m`,
    ),
  ]);
  return {
    wins: Number(row?.wins ?? 0),
    losses: Number(row?.losses ?? 0),
    wonMrr: Number(row?.won_mrr ?? 0),
    medianCycleDays: medianOfMiddle(middle.map((m) => Number(m.v))),
    openPipelineMrr: Number(row?.open_mrr ?? 0),
  };
}

/** Campaign cost of campaigns starting in the range (null when none has a cost). */
export async function campaignCost(ctx: RequestContext, from: string, to: string): Promise<number | null> {
  const [row] = await queryRows<{ cost: number | null }>(
    ctx.db,
    sql`select sum(cost) as cost from campaigns where workspace_id = ${ctx.workspaceId}
        and coalesce(starts_on, created_at::date) between ${from}::date and ${to}::date`,
  );
  return row?.cost === null || row?.cost === undefined ? null : Number(row.cost);
}

/** Retention of the MRR subscribed at `from`: what the same accounts hold at `to`, and capped at their start. */
export async function retention(ctx: RequestContext, from: string, to: string) {
  const [row] = await queryRows<{
    start_mrr: number;
    end_mrr: number;
    kept_mrr: number;
    subs: number;
    amended: number;
  }>(
    ctx.db,
    sql`with s as (select account_id, mrr, starts_on, ends_on, amendments from subscriptions where workspace_id = ${ctx.workspaceId}),
        b as (select account_id, sum(mrr) as m from s where starts_on <= ${from}::date and (ends_on is null or ends_on > ${from}::date) group by 1),
        e as (select account_id, sum(mrr) as m from s where starts_on <= ${to}::date and (ends_on is null or ends_on > ${to}::date) group by 1)
        select coalesce((select sum(m) from b), 0) as start_mrr,
          coalesce((select sum(coalesce(e.m, 0)) from b left join e using (account_id)), 0) as end_mrr,
          coalesce((select sum(least(coalesce(e.m, 0), b.m)) from b left join e using (account_id)), 0) as kept_mrr,
          (select count(*) from s) as subs,
          (select count(*) from s where jsonb_array_length(amendments) > 0) as amended`,
  );
  return {
    startMrr: Number(row?.start_mrr ?? 0),
    endMrr: Number(row?.end_mrr ?? 0),
    keptMrr: Number(row?.kept_mrr ?? 0),
    subscriptions: Number(row?.subs ?? 0),
    amended: Number(row?.amended ?? 0),
  };
}

function conversionsCte(ctx: RequestContext, cal: Calendar, from: string, to: string): SQL {
  const ws = ctx.workspaceId;
  return sql`conv as (
    select id as person_id, 'leads' as outcome, created_at as at, 1::bigint as amount from people
      where workspace_id = ${ws} and ${instantRange('created_at', cal, from, to)}
    union all
    select entity_id, case to_stage when 'mql' then 'mqls' else 'sqls' end, min(at), 1 from stage_history
      where workspace_id = ${ws} and lifecycle = 'lead' and to_stage in ('mql', 'sql') and ${instantRange('at', cal, from, to)}
      group by entity_id, to_stage
    union all
    select primary_person_id, 'pipelineMrr', created_at, amount_mrr from opportunities
      where workspace_id = ${ws} and type = 'new' and primary_person_id is not null and ${instantRange('created_at', cal, from, to)}
    union all
    select primary_person_id, o.kind, closed_at, case o.kind when 'wins' then 1 else amount_mrr end
      from opportunities cross join (values ('wins'), ('wonMrr')) as o(kind)
      where workspace_id = ${ws} and type = 'new' and phase = 'won' and primary_person_id is not null
        and ${instantRange('closed_at', cal, from, to)})`;
}

/** Conversions of the range (leads, MQLs, SQLs, pipeline, wins, won MRR) and every campaign touch of those people. */
export async function attributionInputs(ctx: RequestContext, cal: Calendar, from: string, to: string) {
  const cte = conversionsCte(ctx, cal, from, to);
  const conversions = await queryRows<{
    person_id: string;
    outcome: string;
    at: string | Date;
    amount: number;
  }>(ctx.db, sql`with ${cte} select person_id::text as person_id, outcome, at, amount from conv`);
  const touches = await queryRows<{ person_id: string; campaign_id: string; at: string | Date }>(
    ctx.db,
    sql`with ${cte}, who as (select distinct person_id from conv)
        select person_id::text as person_id, campaign_id::text as campaign_id, first_touch_at as at from campaign_members
          where workspace_id = ${ctx.workspaceId} and person_id in (select person_id from who)
        union all
        select person_id::text, campaign_id::text, occurred_at from events
          where workspace_id = ${ctx.workspaceId} and campaign_id is not null and person_id in (select person_id from who)`,
  );
  const campaigns = await queryRows<{ id: string; name: string; channel: string; cost: number }>(
    ctx.db,
    sql`select id::text as id, name, channel, cost from campaigns where workspace_id = ${ctx.workspaceId}`,
  );
  return {
    conversions: conversions.map((c) => ({
      personId: c.person_id,
      outcome: c.outcome,
      at: new Date(c.at),
      amount: Number(c.amount),
    })),
    touches: touches.map((t) => ({ personId: t.person_id, campaignId: t.campaign_id, at: new Date(t.at) })),
    campaigns: campaigns.map((c) => ({ ...c, cost: Number(c.cost) })),
  };
}

/** Hand-offs still open past their due time. */
export async function overdueHandoffs(ctx: RequestContext) {
  const now = ctx.now().toISOString();
  const rows = await queryRows<{ id: string; kind: string; to_role: string; hours: number }>(
    ctx.db,
    sql`select id::text as id, kind, to_role, extract(epoch from (${now}::timestamptz - due_at)) / 3600 as hours
        from handoffs where workspace_id = ${ctx.workspaceId} and status = 'open' and due_at < ${now}::timestamptz`,
  );
  return rows.map((r) => ({ id: r.id, kind: r.kind, toRole: r.to_role, hoursOverdue: Number(r.hours) }));
}

/** Open deals per hygiene rule (close date passed, stale, no next step), with the largest ids. */
export async function hygieneGroups(ctx: RequestContext, today: string, staleDays: number, top: number) {
  const now = ctx.now().toISOString();
  const rules: [string, SQL][] = [
    ['close date passed', sql`close_date < ${today}::date`],
    [
      `not updated in ${staleDays} days`,
      sql`updated_at < ${now}::timestamptz - make_interval(days => ${staleDays})`,
    ],
    ['no next step', sql`coalesce(next_step, '') = ''`],
  ];
  // One statement per rule, run together (separate pooled connections on PostgreSQL).
  return Promise.all(
    rules.map(async ([rule, cond]) => {
      const [row] = await queryRows<{ n: number; mrr: number; top: string[] | null }>(
        ctx.db,
        sql`select count(*) as n, coalesce(sum(amount_mrr), 0) as mrr,
            (select array_agg(id::text) from (select id from opportunities where workspace_id = ${ctx.workspaceId}
              and phase not in ('won', 'lost') and ${cond} order by amount_mrr desc limit ${top}) t) as top
          from opportunities where workspace_id = ${ctx.workspaceId} and phase not in ('won', 'lost') and ${cond}`,
      );
      return { rule, count: Number(row?.n ?? 0), pipelineMrr: Number(row?.mrr ?? 0), top: row?.top ?? [] };
    }),
  );
}

/** Members and summed capacity per role. */
export async function roleCapacity(ctx: RequestContext) {
  const rows = await queryRows<{ role: string; capacity: number | null; users: string[] }>(
    ctx.db,
    sql`select role, sum(capacity) as capacity, array_agg(distinct user_id::text) as users
        from memberships where workspace_id = ${ctx.workspaceId} group by role`,
  );
  return new Map(
    rows.map((r) => [
      r.role,
      { capacity: r.capacity === null ? null : Number(r.capacity), users: r.users ?? [] },
    ]),
  );
}

/**
 * How many records of a lifecycle are in each stage now: in-flows less out-flows over
 * all time, from the unsliced month rollups (each record's flows telescope to +1 at its
 * current stage, so this equals counting progress rows by stage) in a few hundred rows
 * rather than one per record.
 */
export async function currentBalances(ctx: RequestContext, lifecycle: string): Promise<Map<string, number>> {
  const rows = await queryRows<{ stage: string; n: number }>(
    ctx.db,
    sql`select stage, sum(case when kind = 'in' then n else -n end) as n from analytics_stage_rollup
        where workspace_id = ${ctx.workspaceId} and lifecycle = ${lifecycle} and dimension = 'all' and value = ''
          and span = 'month' and kind in ('in', 'out')
        group by stage having sum(case when kind = 'in' then n else -n end) <> 0`,
  );
  return new Map(rows.map((r) => [r.stage, Number(r.n)]));
}

/** The records longest in a stage. */
export async function oldestInStage(ctx: RequestContext, lifecycle: string, stage: string, limit: number) {
  const rows = await queryRows<{ id: string }>(
    ctx.db,
    sql`select entity_id::text as id from analytics_progress where workspace_id = ${ctx.workspaceId}
        and lifecycle = ${lifecycle} and stage = ${stage} order by stage_at limit ${limit}`,
  );
  return rows.map((r) => r.id);
}

/** Quotas of the given fiscal periods (owner or team), for the New MRR target. */
export function quotasOfPeriods(ctx: RequestContext, periods: string[]) {
  return queryRows<{ period: string; ownerUserId: string | null; teamId: string | null; amountMrr: number }>(
    ctx.db,
    sql`select period, owner_user_id as "ownerUserId", team_id as "teamId", amount_mrr::float8 as "amountMrr"
        from quotas where workspace_id = ${ctx.workspaceId} and period = any(${sql.param(periods)}::text[])`,
  );
}
