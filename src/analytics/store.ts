import { type SQL, sql } from 'drizzle-orm';
import type { RequestContext } from '../platform/context.ts';
import { arrayParam } from '../platform/db/array-param.ts';
import { queryRows } from '../platform/db/query-rows.ts';
import { memoInTransaction } from '../platform/transaction-memo.ts';
import { DEFAULT_TIERS } from '../routing/segments.ts';
import type { HistoryFact, SliceFilter, SliceKeys } from './funnel.ts';
import { type Calendar, coverBefore, coverRange, type Grain, type SpanSegment } from './periods.ts';
import type { CohortCell, EntityProgress, FlowKind, PeriodCell, StageCell } from './rollup.ts';

export async function workspaceCalendar(ctx: RequestContext): Promise<Calendar & { settings: unknown }> {
  const { definitions: _d, versions: _v, ...cal } = await reportSetup(ctx);
  return cal;
}

/** The workspace calendar, settings and the stage definitions in force, in one round trip. */
export function reportSetup(
  ctx: RequestContext,
): Promise<
  Calendar & { settings: unknown; definitions: Record<string, unknown>; versions: Record<string, number> }
> {
  return memoInTransaction(ctx, 'reportSetup', async () => {
    const [row] = await queryRows<{
      time_zone: string;
      fiscal_year_start_month: number;
      settings: unknown;
      definitions: Record<string, unknown> | null;
      versions: Record<string, number> | null;
    }>(
      ctx.db,
      sql`select w.time_zone, w.fiscal_year_start_month, w.settings, d.definitions, d.versions
          from workspaces w left join lateral (
            select jsonb_object_agg(lifecycle, stages) as definitions, jsonb_object_agg(lifecycle, version) as versions
            from (select distinct on (lifecycle) lifecycle, stages, version from stage_definitions
              where workspace_id = w.id order by lifecycle, version desc) latest) d on true
          where w.id = ${ctx.workspaceId}`,
    );
    return {
      timeZone: row?.time_zone ?? 'Asia/Tokyo',
      fiscalYearStartMonth: Number(row?.fiscal_year_start_month ?? 4),
      settings: row?.settings ?? {},
      definitions: row?.definitions ?? {},
      versions: row?.versions ?? {},
    };
  });
}

/** The stage definition in force for a lifecycle (the analytics read; the lifecycle slice writes it). */
export function latestStages(ctx: RequestContext, lifecycle: string): Promise<unknown> {
  return memoInTransaction(ctx, `latestStages:${lifecycle}`, async () => {
    const [row] = await queryRows<{ stages: unknown }>(
      ctx.db,
      sql`select stages from stage_definitions where workspace_id = ${ctx.workspaceId} and lifecycle = ${lifecycle}
          order by version desc limit 1`,
    );
    return row?.stages;
  });
}

const podOf = (owner: SQL) => sql`coalesce((select m.team_id::text from memberships m
  join teams t on t.workspace_id = m.workspace_id and t.id = m.team_id and t.kind = 'pod'
  where m.workspace_id = ${sql.raw('x.workspace_id')} and m.user_id = ${owner} order by m.team_id limit 1), '')`;
const firstTouch = (person: SQL) => sql`coalesce((select cm.campaign_id::text from campaign_members cm
  where cm.workspace_id = ${sql.raw('x.workspace_id')} and cm.person_id = ${person}
  order by cm.first_touch_at, cm.campaign_id limit 1), '')`;
/**
 * An account's segment as routing decides it (routing/segments.ts tierOf): its stored tier,
 * else the highest of the workspace's tiers (settings.salesFloor.tiers, else the defaults)
 * whose minimum its employee count reaches; '' when neither is known.
 */
const segmentOf = sql`coalesce(a.tier, (select t.v->>'key' from jsonb_array_elements(coalesce(
    (select case when jsonb_typeof(w.settings->'salesFloor'->'tiers') = 'array' then w.settings->'salesFloor'->'tiers' end
      from workspaces w where w.id = ${sql.raw('x.workspace_id')}),
    ${JSON.stringify(DEFAULT_TIERS)}::jsonb)) with ordinality as t(v, i)
  where a.employee_count >= (t.v->>'minEmployees')::int
  order by (t.v->>'minEmployees')::int desc, t.i limit 1), '')`;

/**
 * The slice keys of records as they are now (segment, POD of the owner, first-touch
 * campaign, source, owner), as a select of `id` and the five keys over the records
 * matching `which` (a condition on `x.id`): shared by the lookup and the set-based rebuild.
 */
export function slicesSelect(ctx: RequestContext, entityType: string, which: SQL): SQL {
  const ws = ctx.workspaceId;
  if (entityType === 'person') {
    return sql`select x.id, ${segmentOf} as segment, ${podOf(sql`x.owner_user_id`)} as pod,
      ${firstTouch(sql`x.id`)} as campaign, coalesce(x.source, '') as source, coalesce(x.owner_user_id::text, '') as owner
      from people x left join accounts a on a.workspace_id = x.workspace_id and a.id = x.account_id
      where x.workspace_id = ${ws} and ${which}`;
  }
  if (entityType === 'opportunity') {
    return sql`select x.id, ${segmentOf} as segment, ${podOf(sql`x.owner_user_id`)} as pod,
      ${firstTouch(sql`x.primary_person_id`)} as campaign, coalesce(p.source, '') as source,
      coalesce(x.owner_user_id::text, '') as owner
      from opportunities x left join accounts a on a.workspace_id = x.workspace_id and a.id = x.account_id
      left join people p on p.workspace_id = x.workspace_id and p.id = x.primary_person_id
      where x.workspace_id = ${ws} and ${which}`;
  }
  return sql`select x.id, ${segmentOf} as segment, ${podOf(sql`x.owner_user_id`)} as pod, '' as campaign,
      '' as source, coalesce(x.owner_user_id::text, '') as owner
      from accounts x left join accounts a on a.workspace_id = x.workspace_id and a.id = x.id
      where x.workspace_id = ${ws} and ${which}`;
}

/** The slice keys of the given records as they are now. */
export async function lookupSlices(
  ctx: RequestContext,
  entityType: string,
  ids: string[],
): Promise<Map<string, SliceKeys>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<SliceKeys & { id: string }>(
    ctx.db,
    slicesSelect(ctx, entityType, sql`x.id = any(${arrayParam(ids, 'uuid')})`),
  );
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
        where workspace_id = ${ctx.workspaceId} and lifecycle = ${lifecycle} and entity_id = any(${arrayParam(ids, 'uuid')})`,
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
      from unnest(${arrayParam(
        c.map((r) => r.entityId),
        'uuid',
      )}, ${arrayParam(
        c.map((r) => r.cohortDay),
        'text',
      )}, ${arrayParam(
        c.map((r) => r.maxOrder),
        'int',
      )}, ${arrayParam(
        c.map((r) => r.stage),
        'text',
      )}, ${arrayParam(
        c.map((r) => r.stageAt),
        'timestamptz',
      )}, ${arrayParam(
        c.map((r) => r.stageSkipped),
        'boolean',
      )}, ${arrayParam(
        c.map((r) => r.slices.segment),
        'text',
      )}, ${arrayParam(
        c.map((r) => r.slices.pod),
        'text',
      )}, ${arrayParam(
        c.map((r) => r.slices.campaign),
        'text',
      )}, ${arrayParam(
        c.map((r) => r.slices.source),
        'text',
      )}, ${arrayParam(
        c.map((r) => r.slices.owner),
        'text',
      )}) as t(e, d, o, s, a, k, sg, pd, cp, sr, ow)
      on conflict (workspace_id, lifecycle, entity_id) do update set max_order = excluded.max_order,
        stage = excluded.stage, stage_at = excluded.stage_at, stage_skipped = excluded.stage_skipped`);
  }
}

/**
 * Cells in one global order, so concurrent transactions lock shared rollup rows in the
 * same order and cannot deadlock on them; cells with the same key are summed first, since
 * one upsert statement may not touch a row twice (a bulk import yields many such cells).
 */
function sortCells<T extends { n: number }>(cells: T[], key: (c: T) => string): T[] {
  const merged = new Map<string, T>();
  for (const c of cells) {
    const k = key(c);
    const seen = merged.get(k);
    merged.set(k, seen ? { ...seen, n: seen.n + c.n } : c);
  }
  return [...merged.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, c]) => c);
}

export async function addStageCells(
  ctx: RequestContext,
  lifecycle: string,
  cells: StageCell[],
): Promise<void> {
  cells = sortCells(
    cells,
    (x) => `${x.span}|${x.day}|${x.stage}|${x.kind}|${x.detail}|${x.dimension}|${x.value}`,
  );
  for (let i = 0; i < cells.length; i += 5000) {
    const c = cells.slice(i, i + 5000);
    await ctx.db.execute(sql`insert into analytics_stage_rollup (workspace_id, lifecycle, dimension, value, span, day, stage, kind, detail, n)
      select ${ctx.workspaceId}, ${lifecycle}, dm, v, sp, d::date, s, k, dt, n
      from unnest(${arrayParam(
        c.map((x) => x.span),
        'text',
      )}, ${arrayParam(
        c.map((x) => x.dimension),
        'text',
      )}, ${arrayParam(
        c.map((x) => x.value),
        'text',
      )}, ${arrayParam(
        c.map((x) => x.day),
        'text',
      )}, ${arrayParam(
        c.map((x) => x.stage),
        'text',
      )}, ${arrayParam(
        c.map((x) => x.kind),
        'text',
      )}, ${arrayParam(
        c.map((x) => x.detail),
        'text',
      )}, ${arrayParam(
        c.map((x) => x.n),
        'bigint',
      )}) as t(sp, dm, v, d, s, k, dt, n)
      on conflict (workspace_id, lifecycle, dimension, value, span, day, stage, kind, detail)
      do update set n = analytics_stage_rollup.n + excluded.n`);
  }
}

export async function addCohortCells(
  ctx: RequestContext,
  lifecycle: string,
  cells: CohortCell[],
): Promise<void> {
  cells = sortCells(cells, (x) => `${x.span}|${x.day}|${x.stage}|${x.dimension}|${x.value}`);
  for (let i = 0; i < cells.length; i += 5000) {
    const c = cells.slice(i, i + 5000);
    await ctx.db.execute(sql`insert into analytics_cohort_rollup (workspace_id, lifecycle, dimension, value, span, day, stage, n)
      select ${ctx.workspaceId}, ${lifecycle}, dm, v, sp, d::date, s, n
      from unnest(${arrayParam(
        c.map((x) => x.span),
        'text',
      )}, ${arrayParam(
        c.map((x) => x.dimension),
        'text',
      )}, ${arrayParam(
        c.map((x) => x.value),
        'text',
      )}, ${arrayParam(
        c.map((x) => x.day),
        'text',
      )}, ${arrayParam(
        c.map((x) => x.stage),
        'text',
      )}, ${arrayParam(
        c.map((x) => x.n),
        'bigint',
      )}) as t(sp, dm, v, d, s, n)
      on conflict (workspace_id, lifecycle, dimension, value, span, day, stage)
      do update set n = analytics_cohort_rollup.n + excluded.n`);
  }
}

/** Empties a workspace's rollups of one lifecycle (before a rebuild from raw history). */
export async function clearRollups(ctx: RequestContext, lifecycle: string): Promise<void> {
  for (const table of ['analytics_stage_rollup', 'analytics_cohort_rollup', 'analytics_progress']) {
    await ctx.db.execute(
      sql`delete from ${sql.raw(table)} where workspace_id = ${ctx.workspaceId} and lifecycle = ${lifecycle}`,
    );
  }
}

/** The local day of a timestamp column in the workspace zone. */
export const localDayOf = (column: string, cal: Calendar) =>
  sql`(${sql.raw(column)} at time zone ${cal.timeZone})::date`;

/** The first day of the period a rollup day belongs to, in SQL (mirrors periods.ts periodStart). */
export function periodExpr(grain: Grain, fiscalStart: number): SQL {
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

/** Rollup rows of the given spans and start days, as one SQL condition. */
function segments(segs: SpanSegment[]): SQL {
  const parts = segs.map((g) => sql`(span = ${g.span} and day between ${g.from}::date and ${g.to}::date)`);
  return sql`(${sql.join(parts, sql` or `)})`;
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
  const range = segments(coverRange(r.from, r.to, r.grain));
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
          from analytics_stage_rollup where ${where} and ${segments(coverBefore(r.from))} and kind in ('in', 'out') group by stage
        union all
        select 'flow', to_char(${p}, 'YYYY-MM-DD'), stage, kind, detail, sum(n) from analytics_stage_rollup
          where ${where} and ${range} group by 2, 3, 4, 5
        union all
        select 'cohort', to_char(${p}, 'YYYY-MM-DD'), stage, '', '', sum(n) from analytics_cohort_rollup
          where ${where} and ${range} group by 2, 3`,
  );
  const opening = rows.filter((x) => x.part === 'opening').map(({ stage, n }) => ({ stage, n }));
  const flows = rows
    .filter((x) => x.part === 'flow')
    .map(({ start, stage, kind, detail, n }) => ({ start, stage, kind, detail, n }));
  const cohorts = rows.filter((x) => x.part === 'cohort').map(({ start, stage, n }) => ({ start, stage, n }));
  const num = <T extends { n: unknown }>(rows: T[]) => rows.map((x) => ({ ...x, n: Number(x.n) }));
  return { opening: num(opening), flows: num(flows), cohorts: num(cohorts) };
}

/**
 * In-flows per local day to some stages, from the day rows of the stage rollup: what a
 * daily series needs (the bottleneck report's control bands) without the out-flows,
 * dwell buckets, cohorts and opening balance a funnel reads.
 */
export async function dailyInflows(
  ctx: RequestContext,
  r: { lifecycle: string; stages: string[]; from: string; to: string; slice: SliceFilter },
): Promise<{ day: string; stage: string; n: number }[]> {
  const rows = await queryRows<{ day: string; stage: string; n: number }>(
    ctx.db,
    sql`select to_char(day, 'YYYY-MM-DD') as day, stage, sum(n) as n from analytics_stage_rollup
        where workspace_id = ${ctx.workspaceId} and lifecycle = ${r.lifecycle}
          and dimension = ${r.slice?.dimension ?? 'all'} and value = ${r.slice?.value ?? ''}
          and span = 'day' and day between ${r.from}::date and ${r.to}::date
          and kind = 'in' and stage = any(${sql.param(r.stages)}::text[])
        group by 1, 2`,
  );
  return rows.map((x) => ({ day: x.day, stage: x.stage, n: Number(x.n) }));
}

/** The entity type that runs each lifecycle (see lifecycle/store ENTITY_LIFECYCLE). */
export const ENTITY_TYPE_OF: Record<string, string> = {
  lead: 'person',
  opportunity: 'opportunity',
  customer: 'account',
};

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
    // Entity type rather than lifecycle (1:1), and a key range rather than a join, so the
    // (workspace, entity type, entity, at) index serves both steps.
    sql`with e as (select max(entity_id::text)::uuid as last from (select distinct entity_id from stage_history
          where workspace_id = ${ctx.workspaceId} and entity_type = ${ENTITY_TYPE_OF[lifecycle] ?? 'person'}
          ${afterEntity ? sql`and entity_id > ${afterEntity}` : sql``}
          order by entity_id limit ${limitEntities}) c)
        select h.entity_id::text as entity_id, h.from_stage, h.to_stage, h.at, h.skipped, h.seq
        from stage_history h, e
        where h.workspace_id = ${ctx.workspaceId} and h.entity_type = ${ENTITY_TYPE_OF[lifecycle] ?? 'person'}
          ${afterEntity ? sql`and h.entity_id > ${afterEntity}` : sql``} and h.entity_id <= e.last
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
