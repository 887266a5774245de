import { type SQL, sql } from 'drizzle-orm';
import type { RequestContext } from '../platform/context.ts';
import { arrayParam } from '../platform/db/array-param.ts';
import { queryRows } from '../platform/db/query-rows.ts';
import { SLICE_DIMENSIONS } from './funnel.ts';
import type { Calendar } from './periods.ts';
import { localDayOf, slicesSelect } from './store.ts';

// The rollup rebuild as set-based SQL: the same cells rollupDeltas (rollup.ts) adds row by
// row, grouped in the database, so millions of history rows rebuild in minutes rather
// than streaming every row through Node. rebuild-rollups.test.ts holds the two equal.

/** What the rebuild needs of a lifecycle: its entity type, success path and dwell buckets. */
export interface RebuildSpec {
  lifecycle: string;
  entityType: string;
  path: { key: string; order: number }[];
  /** dwellBucketStarts(): the first millisecond of each bucket from 1 up. */
  bucketStarts: number[];
}

const ms = (column: SQL) => sql`floor(extract(epoch from ${column}) * 1000)`;

/** One row per slice dimension plus the unsliced `all`, from a progress row `p`. */
const dimensions = sql.raw(
  `(values ('all', ''), ${SLICE_DIMENSIONS.map((d) => `('${d}', p.${d})`).join(', ')}) d(dimension, value)`,
);

/** Bigger hash aggregates and sorts than the default 4 MB, for this transaction only. */
export async function raiseWorkMem(ctx: RequestContext): Promise<void> {
  await ctx.db.execute(sql`set local work_mem = '64MB'`);
}

/**
 * Progress of every record with history: cohort day of its first row, furthest
 * success-path order, the stage of its last row (by time, then write order), and its
 * slices as they are now. One sort of the lifecycle's history.
 */
export async function insertProgressFromHistory(ctx: RequestContext, cal: Calendar, s: RebuildSpec) {
  const ws = ctx.workspaceId;
  await ctx.db.execute(sql`insert into analytics_progress (workspace_id, lifecycle, entity_id, cohort_day,
      max_order, stage, stage_at, stage_skipped, segment, pod, campaign, source, owner)
    select ${ws}, ${s.lifecycle}, e.entity_id, (e.first_at at time zone ${cal.timeZone})::date, e.max_order,
      e.to_stage, e.at, e.skipped, coalesce(x.segment, ''), coalesce(x.pod, ''), coalesce(x.campaign, ''),
      coalesce(x.source, ''), coalesce(x.owner, '')
    from (select distinct on (h.entity_id) h.entity_id, h.to_stage, h.at, h.skipped,
            min(h.at) over w as first_at, coalesce(max(path.ord) over w, -1) as max_order
          from stage_history h
          left join unnest(${arrayParam(
            s.path.map((p) => p.key),
            'text',
          )}, ${arrayParam(
            s.path.map((p) => p.order),
            'int',
          )}) as path(key, ord) on path.key = h.to_stage
          where h.workspace_id = ${ws} and h.entity_type = ${s.entityType}
          window w as (partition by h.entity_id order by h.at desc, h.seq desc
            rows between unbounded preceding and unbounded following)
          order by h.entity_id, h.at desc, h.seq desc) e
    left join (${slicesSelect(ctx, s.entityType, sql`true`)}) x on x.id = e.entity_id`);
}

/** Entity ids splitting the lifecycle's records into runs of `size` (for batched cell inserts). */
export async function progressBoundaries(ctx: RequestContext, lifecycle: string, size: number) {
  const rows = await queryRows<{ id: string }>(
    ctx.db,
    sql`select id from (select entity_id::text as id, row_number() over (order by entity_id) as rn
          from analytics_progress where workspace_id = ${ctx.workspaceId} and lifecycle = ${lifecycle}) b
        where rn % ${size} = 0 order by rn`,
  );
  return rows.map((r) => r.id);
}

/**
 * A scratch table for the stage day cells of the runs of records: unindexed, so each run
 * appends cheaply; writeStageRollup then sums it once and inserts every span in key order
 * (appending to the primary-key index rather than probing it per row, as an upsert would).
 */
export async function createStageScratch(ctx: RequestContext): Promise<void> {
  await ctx.db.execute(sql`drop table if exists pg_temp.rebuild_stage_days`);
  await ctx.db.execute(sql`create temporary table rebuild_stage_days (dimension text, value text, day date,
    stage text, kind text, detail text, n bigint) on commit drop`);
}

/**
 * Day cells of the stage rollup for the records in (after, upTo]: each history row flows
 * `in` to its stage, `out` of the previous one (detail: destination) and, unless the
 * previous stage was skipped, a `dwell` there (detail: bucket); each counted unsliced and
 * once per slice of the record's progress row. Into the scratch table.
 */
export async function addStageDaysFromHistory(
  ctx: RequestContext,
  cal: Calendar,
  s: RebuildSpec,
  after: string | null,
  upTo: string | null,
) {
  const ws = ctx.workspaceId;
  const range = sql`${after ? sql`and h.entity_id > ${after}::uuid` : sql``} ${upTo ? sql`and h.entity_id <= ${upTo}::uuid` : sql``}`;
  await ctx.db.execute(sql`insert into rebuild_stage_days (dimension, value, day, stage, kind, detail, n)
    select d.dimension, d.value, r.day, c.stage, c.kind, c.detail, count(*)
    from (select h.entity_id, (h.at at time zone ${cal.timeZone})::date as day, h.to_stage,
            lag(h.to_stage) over w as prev_stage, lag(h.skipped) over w as prev_skipped,
            ${ms(sql`h.at`)} - ${ms(sql`lag(h.at) over w`)} as dwell_ms
          from stage_history h
          where h.workspace_id = ${ws} and h.entity_type = ${s.entityType} ${range}
          window w as (partition by h.entity_id order by h.at, h.seq)) r
    cross join lateral (values (r.to_stage, 'in', ''), (r.prev_stage, 'out', r.to_stage),
      (case when not r.prev_skipped then r.prev_stage end, 'dwell',
        width_bucket(r.dwell_ms::bigint, ${arrayParam(s.bucketStarts, 'bigint')})::text)) c(stage, kind, detail)
    join analytics_progress p on p.workspace_id = ${ws} and p.lifecycle = ${s.lifecycle} and p.entity_id = r.entity_id
    cross join lateral ${dimensions}
    where c.stage is not null
    group by d.dimension, d.value, r.day, c.stage, c.kind, c.detail`);
}

/** Each day cell again at its ISO week (from Monday) and month. */
const spansOf = (day: string) =>
  sql.raw(`(values ('day', ${day}), ('week', date_trunc('week', ${day}::timestamp)::date),
    ('month', date_trunc('month', ${day}::timestamp)::date)) sp(span, day)`);

/** The stage rollup from the scratch day cells: summed over runs, at every span, in key order. */
export async function writeStageRollup(ctx: RequestContext, lifecycle: string) {
  await ctx.db.execute(sql`insert into analytics_stage_rollup (workspace_id, lifecycle, dimension, value, span, day,
      stage, kind, detail, n)
    select ${ctx.workspaceId}, ${lifecycle}, c.dimension, c.value, sp.span, sp.day, c.stage, c.kind, c.detail, sum(c.n)
    from rebuild_stage_days c cross join lateral ${spansOf('c.day')}
    group by c.dimension, c.value, sp.span, sp.day, c.stage, c.kind, c.detail
    order by c.dimension, c.value, sp.span, sp.day, c.stage, c.kind, c.detail`);
}

/** The cohort rollup: each record counts at its cohort day, week and month for every path stage up to its furthest. */
export async function writeCohortRollup(ctx: RequestContext, s: RebuildSpec) {
  const ws = ctx.workspaceId;
  await ctx.db.execute(sql`insert into analytics_cohort_rollup (workspace_id, lifecycle, dimension, value, span, day, stage, n)
    select ${ws}, ${s.lifecycle}, d.dimension, d.value, sp.span, sp.day, path.key, count(*)
    from analytics_progress p
    join unnest(${arrayParam(
      s.path.map((x) => x.key),
      'text',
    )}, ${arrayParam(
      s.path.map((x) => x.order),
      'int',
    )}) as path(key, ord) on path.ord > -1 and path.ord <= p.max_order
    cross join lateral ${dimensions}
    cross join lateral ${spansOf('p.cohort_day')}
    where p.workspace_id = ${ws} and p.lifecycle = ${s.lifecycle}
    group by d.dimension, d.value, sp.span, sp.day, path.key
    order by d.dimension, d.value, sp.span, sp.day, path.key`);
}

/** Records and history rows the rebuild covered. */
export async function rebuildCounts(ctx: RequestContext, s: RebuildSpec) {
  const [row] = await queryRows<{ records: number; rows: number }>(
    ctx.db,
    sql`select (select count(*) from analytics_progress where workspace_id = ${ctx.workspaceId}
          and lifecycle = ${s.lifecycle}) as records,
        (select count(*) from stage_history where workspace_id = ${ctx.workspaceId}
          and entity_type = ${s.entityType}) as rows`,
  );
  return { records: Number(row?.records ?? 0), rows: Number(row?.rows ?? 0) };
}

/**
 * The closed-deal rollup from the deals (the cells outcomes.ts dealCells counts one deal
 * in, grouped): replaces the workspace's rows; returns how many it wrote.
 */
export async function rebuildDealRollup(ctx: RequestContext, cal: Calendar): Promise<number> {
  const ws = ctx.workspaceId;
  await ctx.db.execute(sql`delete from analytics_deal_rollup where workspace_id = ${ws}`);
  const [row] = await queryRows<{ n: number }>(
    ctx.db,
    sql`with w as (insert into analytics_deal_rollup (workspace_id, type, day, outcome, n, mrr)
          select ${ws}, type, ${localDayOf('closed_at', cal)}, phase, count(*), coalesce(sum(amount_mrr), 0)
          from opportunities
          where workspace_id = ${ws} and phase in ('won', 'lost') and closed_at is not null
          group by 2, 3, 4
          returning 1)
        select count(*) as n from w`,
  );
  return Number(row?.n ?? 0);
}

/** The hand-off outcome rollup from the hand-offs (outcomes.ts handoffCells, grouped). */
export async function rebuildHandoffRollup(ctx: RequestContext, cal: Calendar): Promise<number> {
  const ws = ctx.workspaceId;
  await ctx.db.execute(sql`delete from analytics_handoff_rollup where workspace_id = ${ws}`);
  const [row] = await queryRows<{ n: number }>(
    ctx.db,
    sql`with w as (insert into analytics_handoff_rollup (workspace_id, day, kind, measure, n)
          select ${ws}, day, kind, measure, count(*) from (
            select ${localDayOf('due_at', cal)} as day, kind, 'due' as measure from handoffs
              where workspace_id = ${ws}
            union all
            select ${localDayOf('due_at', cal)}, kind, 'on_time' from handoffs
              where workspace_id = ${ws} and responded_at is not null and responded_at <= due_at
            union all
            select ${localDayOf('responded_at', cal)}, kind, status from handoffs
              where workspace_id = ${ws} and status in ('accepted', 'rejected') and responded_at is not null) c
          group by 2, 3, 4
          returning 1)
        select count(*) as n from w`,
  );
  return Number(row?.n ?? 0);
}
