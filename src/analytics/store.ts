import { type SQL, sql } from 'drizzle-orm';
import type { RequestContext } from '../platform/context.ts';
import { queryRows } from '../platform/db/query-rows.ts';
import type { HistoryFact, SliceFilter, SliceKeys } from './funnel.ts';
import type { Calendar, Grain } from './periods.ts';
import type { CohortCell, EntityProgress, FlowKind, PeriodCell, StageCell } from './rollup.ts';

const arr = (values: unknown[], type: string) => sql`${sql.param(values)}::${sql.raw(type)}[]`;

export async function workspaceCalendar(ctx: RequestContext): Promise<Calendar & { settings: unknown }> {
  const { definitions: _d, ...cal } = await reportSetup(ctx);
  return cal;
}

/** The workspace calendar, settings and the stage definitions in force, in one round trip. */
export async function reportSetup(
  ctx: RequestContext,
): Promise<Calendar & { settings: unknown; definitions: Record<string, unknown> }> {
  const [row] = await queryRows<{
    time_zone: string;
    fiscal_year_start_month: number;
    settings: unknown;
    definitions: Record<string, unknown> | null;
  }>(
    ctx.db,
    sql`select w.time_zone, w.fiscal_year_start_month, w.settings,
          (select jsonb_object_agg(lifecycle, stages) from (select distinct on (lifecycle) lifecycle, stages
            from stage_definitions where workspace_id = w.id order by lifecycle, version desc) d) as definitions
        from workspaces w where w.id = ${ctx.workspaceId}`,
  );
  return {
    timeZone: row?.time_zone ?? 'Asia/Tokyo',
    fiscalYearStartMonth: Number(row?.fiscal_year_start_month ?? 4),
    settings: row?.settings ?? {},
    definitions: row?.definitions ?? {},
  };
}

/** The stage definition in force for a lifecycle (the analytics read; the lifecycle slice writes it). */
export async function latestStages(ctx: RequestContext, lifecycle: string): Promise<unknown> {
  const [row] = await queryRows<{ stages: unknown }>(
    ctx.db,
    sql`select stages from stage_definitions where workspace_id = ${ctx.workspaceId} and lifecycle = ${lifecycle}
        order by version desc limit 1`,
  );
  return row?.stages;
}

const podOf = (owner: SQL) => sql`coalesce((select m.team_id::text from memberships m
  join teams t on t.workspace_id = m.workspace_id and t.id = m.team_id and t.kind = 'pod'
  where m.workspace_id = ${sql.raw('x.workspace_id')} and m.user_id = ${owner} order by m.team_id limit 1), '')`;
const firstTouch = (person: SQL) => sql`coalesce((select cm.campaign_id::text from campaign_members cm
  where cm.workspace_id = ${sql.raw('x.workspace_id')} and cm.person_id = ${person}
  order by cm.first_touch_at, cm.campaign_id limit 1), '')`;
const segmentOf = sql`coalesce(a.tier, case when a.employee_count >= 500 then 'enterprise'
  when a.employee_count is not null then 'smb' end, '')`;

/** The slice keys of records as they are now (segment, POD of the owner, first-touch campaign, source, owner). */
export async function lookupSlices(
  ctx: RequestContext,
  entityType: string,
  ids: string[],
): Promise<Map<string, SliceKeys>> {
  if (ids.length === 0) return new Map();
  const ws = ctx.workspaceId;
  const idList = arr(ids, 'uuid');
  let query: SQL;
  if (entityType === 'person') {
    query = sql`select x.id, ${segmentOf} as segment, ${podOf(sql`x.owner_user_id`)} as pod,
      ${firstTouch(sql`x.id`)} as campaign, coalesce(x.source, '') as source, coalesce(x.owner_user_id::text, '') as owner
      from people x left join accounts a on a.workspace_id = x.workspace_id and a.id = x.account_id
      where x.workspace_id = ${ws} and x.id = any(${idList})`;
  } else if (entityType === 'opportunity') {
    query = sql`select x.id, ${segmentOf} as segment, ${podOf(sql`x.owner_user_id`)} as pod,
      ${firstTouch(sql`x.primary_person_id`)} as campaign, coalesce(p.source, '') as source,
      coalesce(x.owner_user_id::text, '') as owner
      from opportunities x left join accounts a on a.workspace_id = x.workspace_id and a.id = x.account_id
      left join people p on p.workspace_id = x.workspace_id and p.id = x.primary_person_id
      where x.workspace_id = ${ws} and x.id = any(${idList})`;
  } else {
    query = sql`select x.id, ${segmentOf} as segment, ${podOf(sql`x.owner_user_id`)} as pod, '' as campaign,
      '' as source, coalesce(x.owner_user_id::text, '') as owner
      from accounts x left join accounts a on a.workspace_id = x.workspace_id and a.id = x.id
      where x.workspace_id = ${ws} and x.id = any(${idList})`;
  }
  const rows = await queryRows<SliceKeys & { id: string }>(ctx.db, query);
  return new Map(rows.map(({ id, ...keys }) => [id, keys]));
}

interface ProgressRow extends Record<string, unknown> {
  entity_id: string;
  cohort_day: string;
  max_order: number;
  stage: string | null;
  stage_at: string | Date | null;
  stage_skipped: boolean;
  segment: string;
  pod: string;
  campaign: string;
  source: string;
  owner: string;
}

const toProgress = (r: ProgressRow): EntityProgress => ({
  entityId: r.entity_id,
  cohortDay: r.cohort_day,
  maxOrder: Number(r.max_order),
  stage: r.stage,
  stageAt: r.stage_at === null ? null : new Date(r.stage_at),
  stageSkipped: r.stage_skipped,
  slices: { segment: r.segment, pod: r.pod, campaign: r.campaign, source: r.source, owner: r.owner },
});

const progressColumns = sql`entity_id::text as entity_id, to_char(cohort_day, 'YYYY-MM-DD') as cohort_day, max_order,
  stage, stage_at, stage_skipped, segment, pod, campaign, source, owner`;

export async function loadProgress(
  ctx: RequestContext,
  lifecycle: string,
  ids: string[],
): Promise<Map<string, EntityProgress>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<ProgressRow>(
    ctx.db,
    sql`select ${progressColumns} from analytics_progress
        where workspace_id = ${ctx.workspaceId} and lifecycle = ${lifecycle} and entity_id = any(${arr(ids, 'uuid')})`,
  );
  return new Map(rows.map((r) => [r.entity_id, toProgress(r)]));
}

/** Every record's progress of a lifecycle (for the oracle's slices and the tests). */
export async function listProgress(ctx: RequestContext, lifecycle: string): Promise<EntityProgress[]> {
  const rows = await queryRows<ProgressRow>(
    ctx.db,
    sql`select ${progressColumns} from analytics_progress where workspace_id = ${ctx.workspaceId} and lifecycle = ${lifecycle}`,
  );
  return rows.map(toProgress);
}

export async function saveProgress(
  ctx: RequestContext,
  lifecycle: string,
  rows: EntityProgress[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 5000) {
    const c = rows.slice(i, i + 5000);
    await ctx.db.execute(sql`insert into analytics_progress (workspace_id, lifecycle, entity_id, cohort_day, max_order,
        stage, stage_at, stage_skipped, segment, pod, campaign, source, owner)
      select ${ctx.workspaceId}, ${lifecycle}, e, d::date, o, s, a, k, sg, pd, cp, sr, ow
      from unnest(${arr(
        c.map((r) => r.entityId),
        'uuid',
      )}, ${arr(
        c.map((r) => r.cohortDay),
        'text',
      )}, ${arr(
        c.map((r) => r.maxOrder),
        'int',
      )}, ${arr(
        c.map((r) => r.stage),
        'text',
      )}, ${arr(
        c.map((r) => r.stageAt?.toISOString() ?? null),
        'timestamptz',
      )}, ${arr(
        c.map((r) => r.stageSkipped),
        'boolean',
      )}, ${arr(
        c.map((r) => r.slices.segment),
        'text',
      )}, ${arr(
        c.map((r) => r.slices.pod),
        'text',
      )}, ${arr(
        c.map((r) => r.slices.campaign),
        'text',
      )}, ${arr(
        c.map((r) => r.slices.source),
        'text',
      )}, ${arr(
        c.map((r) => r.slices.owner),
        'text',
      )}) as t(e, d, o, s, a, k, sg, pd, cp, sr, ow)
      on conflict (workspace_id, lifecycle, entity_id) do update set max_order = excluded.max_order,
        stage = excluded.stage, stage_at = excluded.stage_at, stage_skipped = excluded.stage_skipped`);
  }
}

export async function addStageCells(
  ctx: RequestContext,
  lifecycle: string,
  cells: StageCell[],
): Promise<void> {
  for (let i = 0; i < cells.length; i += 5000) {
    const c = cells.slice(i, i + 5000);
    await ctx.db.execute(sql`insert into analytics_stage_daily (workspace_id, lifecycle, dimension, value, day, stage, kind, detail, n)
      select ${ctx.workspaceId}, ${lifecycle}, dm, v, d::date, s, k, dt, n
      from unnest(${arr(
        c.map((x) => x.dimension),
        'text',
      )}, ${arr(
        c.map((x) => x.value),
        'text',
      )}, ${arr(
        c.map((x) => x.day),
        'text',
      )}, ${arr(
        c.map((x) => x.stage),
        'text',
      )}, ${arr(
        c.map((x) => x.kind),
        'text',
      )}, ${arr(
        c.map((x) => x.detail),
        'text',
      )}, ${arr(
        c.map((x) => x.n),
        'bigint',
      )}) as t(dm, v, d, s, k, dt, n)
      on conflict (workspace_id, lifecycle, dimension, value, day, stage, kind, detail)
      do update set n = analytics_stage_daily.n + excluded.n`);
  }
}

export async function addCohortCells(
  ctx: RequestContext,
  lifecycle: string,
  cells: CohortCell[],
): Promise<void> {
  for (let i = 0; i < cells.length; i += 5000) {
    const c = cells.slice(i, i + 5000);
    await ctx.db.execute(sql`insert into analytics_cohort_daily (workspace_id, lifecycle, dimension, value, day, stage, n)
      select ${ctx.workspaceId}, ${lifecycle}, dm, v, d::date, s, n
      from unnest(${arr(
        c.map((x) => x.dimension),
        'text',
      )}, ${arr(
        c.map((x) => x.value),
        'text',
      )}, ${arr(
        c.map((x) => x.day),
        'text',
      )}, ${arr(
        c.map((x) => x.stage),
        'text',
      )}, ${arr(
        c.map((x) => x.n),
        'bigint',
      )}) as t(dm, v, d, s, n)
      on conflict (workspace_id, lifecycle, dimension, value, day, stage)
      do update set n = analytics_cohort_daily.n + excluded.n`);
  }
}

/** Empties a workspace's rollups of one lifecycle (before a rebuild from raw history). */
export async function clearRollups(ctx: RequestContext, lifecycle: string): Promise<void> {
  for (const table of ['analytics_stage_daily', 'analytics_cohort_daily', 'analytics_progress']) {
    await ctx.db.execute(
      sql`delete from ${sql.raw(table)} where workspace_id = ${ctx.workspaceId} and lifecycle = ${lifecycle}`,
    );
  }
}

/** The first day of the period a rollup day belongs to, in SQL (mirrors periods.ts periodStart). */
function periodExpr(grain: Grain, fiscalStart: number): SQL {
  const shift = sql.raw(`interval '${fiscalStart - 1} month'`);
  switch (grain) {
    case 'day':
      return sql`day`;
    case 'week':
      return sql`date_trunc('week', day)`;
    case 'month':
      return sql`date_trunc('month', day)`;
    case 'fiscal_quarter':
      return sql`(date_trunc('quarter', day - ${shift}) + ${shift})`;
    case 'fiscal_year':
      return sql`(date_trunc('year', day - ${shift}) + ${shift})`;
  }
}

export interface RollupRange {
  lifecycle: string;
  grain: Grain;
  from: string;
  to: string;
  slice: SliceFilter;
}

/** Rollup flows grouped by period start; its cost follows the days in range, not history. */
export async function rollupFlows(
  ctx: RequestContext,
  cal: Calendar,
  r: RollupRange,
): Promise<{
  opening: { stage: string; n: number }[];
  flows: (Omit<PeriodCell, 'period'> & { start: string })[];
  cohorts: { start: string; stage: string; n: number }[];
}> {
  const where = sql`workspace_id = ${ctx.workspaceId} and lifecycle = ${r.lifecycle}
    and dimension = ${r.slice?.dimension ?? 'all'} and value = ${r.slice?.value ?? ''}`;
  const p = periodExpr(r.grain, cal.fiscalYearStartMonth);
  // One round trip: the opening balance before the range, flows and cohorts grouped by period.
  const rows = await queryRows<{
    part: string;
    start: string;
    stage: string;
    kind: FlowKind;
    detail: string;
    n: number;
  }>(
    ctx.db,
    sql`select 'opening' as part, '' as start, stage, '' as kind, '' as detail, sum(case when kind = 'in' then n else -n end) as n
          from analytics_stage_daily where ${where} and day < ${r.from}::date and kind in ('in', 'out') group by stage
        union all
        select 'flow', to_char(${p}, 'YYYY-MM-DD'), stage, kind, detail, sum(n) from analytics_stage_daily
          where ${where} and day between ${r.from}::date and ${r.to}::date group by 2, 3, 4, 5
        union all
        select 'cohort', to_char(${p}, 'YYYY-MM-DD'), stage, '', '', sum(n) from analytics_cohort_daily
          where ${where} and day between ${r.from}::date and ${r.to}::date group by 2, 3`,
  );
  const opening = rows.filter((x) => x.part === 'opening').map(({ stage, n }) => ({ stage, n }));
  const flows = rows
    .filter((x) => x.part === 'flow')
    .map(({ start, stage, kind, detail, n }) => ({ start, stage, kind, detail, n }));
  const cohorts = rows.filter((x) => x.part === 'cohort').map(({ start, stage, n }) => ({ start, stage, n }));
  const num = <T extends { n: unknown }>(rows: T[]) => rows.map((x) => ({ ...x, n: Number(x.n) }));
  return { opening: num(opening), flows: num(flows), cohorts: num(cohorts) };
}

/** Raw stage history of a lifecycle in order: the oracle's input, and the rebuild's. */
export async function loadHistory(
  ctx: RequestContext,
  lifecycle: string,
  afterEntity: string | null = null,
  limitEntities = 1_000_000_000,
): Promise<HistoryFact[]> {
  const rows = await queryRows<{
    entity_id: string;
    from_stage: string | null;
    to_stage: string;
    at: string | Date;
    skipped: boolean;
    seq: number;
  }>(
    ctx.db,
    sql`with e as (select distinct entity_id from stage_history where workspace_id = ${ctx.workspaceId}
          and lifecycle = ${lifecycle} ${afterEntity ? sql`and entity_id > ${afterEntity}` : sql``}
          order by entity_id limit ${limitEntities})
        select h.entity_id::text as entity_id, h.from_stage, h.to_stage, h.at, h.skipped, h.seq
        from stage_history h join e on e.entity_id = h.entity_id
        where h.workspace_id = ${ctx.workspaceId} and h.lifecycle = ${lifecycle}
        order by h.entity_id, h.at, h.seq`,
  );
  return rows.map((r) => ({
    entityId: r.entity_id,
    fromStage: r.from_stage,
    toStage: r.to_stage,
    at: new Date(r.at),
    skipped: r.skipped,
    seq: Number(r.seq),
  }));
}

const localDayOf = (column: string, cal: Calendar) =>
  sql`(${sql.raw(column)} at time zone ${cal.timeZone})::date`;

/** New-business opportunities closed per period (local days), won and lost, with won MRR. */
export async function closedByPeriod(
  ctx: RequestContext,
  cal: Calendar,
  grain: Grain,
  from: string,
  to: string,
): Promise<{ start: string; wins: number; lost: number; mrr: number }[]> {
  const rows = await queryRows<{ start: string; wins: number; lost: number; mrr: number }>(
    ctx.db,
    sql`select to_char(${periodExpr(grain, cal.fiscalYearStartMonth)}, 'YYYY-MM-DD') as start,
          count(*) filter (where phase = 'won') as wins, count(*) filter (where phase = 'lost') as lost,
          coalesce(sum(amount_mrr) filter (where phase = 'won'), 0) as mrr
        from (select ${localDayOf('closed_at', cal)} as day, phase, amount_mrr from opportunities
              where workspace_id = ${ctx.workspaceId} and type = 'new' and phase in ('won', 'lost')
                and closed_at is not null) o
        where day between ${from}::date and ${to}::date group by 1`,
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

/** Local-day range as instants: [start of `from`, start of the day after `to`). */
const instantRange = (column: string, cal: Calendar, from: string, to: string) =>
  sql`${sql.raw(column)} >= (${from}::date::timestamp at time zone ${cal.timeZone})
      and ${sql.raw(column)} < ((${to}::date + 1)::timestamp at time zone ${cal.timeZone})`;

/** Hand-offs of the range by kind: responded (accepted, rejected) and came due (on time or not). */
export async function handoffStats(ctx: RequestContext, cal: Calendar, from: string, to: string) {
  return queryRows<{ kind: string; accepted: number; rejected: number; due: number; on_time: number }>(
    ctx.db,
    sql`select kind,
          count(*) filter (where status = 'accepted' and ${instantRange('responded_at', cal, from, to)}) as accepted,
          count(*) filter (where status = 'rejected' and ${instantRange('responded_at', cal, from, to)}) as rejected,
          count(*) filter (where ${instantRange('due_at', cal, from, to)} and due_at <= ${ctx.now().toISOString()}) as due,
          count(*) filter (where ${instantRange('due_at', cal, from, to)} and due_at <= ${ctx.now().toISOString()}
            and responded_at is not null and responded_at <= due_at) as on_time
        from handoffs where workspace_id = ${ctx.workspaceId} group by kind`,
  );
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

/** New-business deals closed in the range, median cycle, and open pipeline MRR. */
export async function dealStats(ctx: RequestContext, cal: Calendar, from: string, to: string) {
  const [row] = await queryRows<{
    wins: number;
    losses: number;
    won_mrr: number;
    cycle: number | null;
    open_mrr: number;
  }>(
    ctx.db,
    sql`select count(*) filter (where phase = 'won' and ${instantRange('closed_at', cal, from, to)}) as wins,
          count(*) filter (where phase = 'lost' and ${instantRange('closed_at', cal, from, to)}) as losses,
          coalesce(sum(amount_mrr) filter (where phase = 'won' and ${instantRange('closed_at', cal, from, to)}), 0) as won_mrr,
          percentile_cont(0.5) within group (order by extract(epoch from closed_at - created_at) / 86400)
            filter (where phase = 'won' and ${instantRange('closed_at', cal, from, to)}) as cycle,
          coalesce(sum(amount_mrr) filter (where phase not in ('won', 'lost')), 0) as open_mrr
        from opportunities where workspace_id = ${ctx.workspaceId} and type = 'new'`,
  );
  return {
    wins: Number(row?.wins ?? 0),
    losses: Number(row?.losses ?? 0),
    wonMrr: Number(row?.won_mrr ?? 0),
    medianCycleDays: row?.cycle === null || row?.cycle === undefined ? null : Number(row.cycle),
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
  const out = [];
  for (const [rule, cond] of rules) {
    const [row] = await queryRows<{ n: number; mrr: number; top: string[] | null }>(
      ctx.db,
      sql`select count(*) as n, coalesce(sum(amount_mrr), 0) as mrr,
            (select array_agg(id::text) from (select id from opportunities where workspace_id = ${ctx.workspaceId}
              and phase not in ('won', 'lost') and ${cond} order by amount_mrr desc limit ${top}) t) as top
          from opportunities where workspace_id = ${ctx.workspaceId} and phase not in ('won', 'lost') and ${cond}`,
    );
    out.push({ rule, count: Number(row?.n ?? 0), pipelineMrr: Number(row?.mrr ?? 0), top: row?.top ?? [] });
  }
  return out;
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

/** How many records of a lifecycle are in each stage now (from the progress rows). */
export async function currentBalances(ctx: RequestContext, lifecycle: string): Promise<Map<string, number>> {
  const rows = await queryRows<{ stage: string; n: number }>(
    ctx.db,
    sql`select stage, count(*) as n from analytics_progress where workspace_id = ${ctx.workspaceId}
        and lifecycle = ${lifecycle} group by stage`,
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

/**
 * The straightforward recomputation in SQL: period in- and out-flows grouped straight
 * from stage history. Its cost grows with history; the benchmark prints it beside the rollups.
 */
export async function scanHistoryFlows(ctx: RequestContext, cal: Calendar, r: RollupRange) {
  const p = periodExpr(r.grain, cal.fiscalYearStartMonth);
  return queryRows<{ start: string; stage: string; kind: string; detail: string; n: number }>(
    ctx.db,
    sql`select to_char(${p}, 'YYYY-MM-DD') as start, stage, kind, detail, count(*) as n from (
          select ${localDayOf('at', cal)} as day, to_stage as stage, 'in' as kind, '' as detail from stage_history
            where workspace_id = ${ctx.workspaceId} and lifecycle = ${r.lifecycle}
          union all
          select ${localDayOf('at', cal)}, from_stage, 'out', to_stage from stage_history
            where workspace_id = ${ctx.workspaceId} and lifecycle = ${r.lifecycle} and from_stage is not null) h
        where day between ${r.from}::date and ${r.to}::date group by 1, 2, 3, 4`,
  );
}
