import { sql } from 'drizzle-orm';
import type { RequestContext } from '../platform/context.ts';
import { queryRows } from '../platform/db/query-rows.ts';
import { instantRange } from './metrics-store.ts';
import type { Calendar, Grain } from './periods.ts';
import { localDayOf, periodExpr } from './store.ts';

// The closed-deal and hand-off figures counted straight from the deals and hand-offs,
// row by row: what the outcome rollups (analytics_deal_rollup, analytics_handoff_rollup)
// must always equal. The tests hold the rollups to these; the reports read the rollups.

/** closedByPeriod counted from the deals themselves: the oracle the rollup is tested against. */
export async function closedByPeriodFromDeals(
  ctx: RequestContext,
  cal: Calendar,
  grain: Grain,
  from: string,
  to: string,
): Promise<{ start: string; wins: number; lost: number; mrr: number }[]> {
  const rows = await queryRows<{ start: string; wins: number; lost: number; mrr: number }>(
    ctx.db,
    // Formatted once per period, not once per deal.
    sql`select to_char(start, 'YYYY-MM-DD') as start, wins, lost, mrr from (
          select ${periodExpr(grain, cal.fiscalYearStartMonth)} as start,
            count(*) filter (where phase = 'won') as wins, count(*) filter (where phase = 'lost') as lost,
            coalesce(sum(amount_mrr) filter (where phase = 'won'), 0) as mrr
          from (select ${localDayOf('closed_at', cal)} as day, phase, amount_mrr from opportunities
                where workspace_id = ${ctx.workspaceId} and type = 'new' and phase in ('won', 'lost')
                  and ${instantRange('closed_at', cal, from, to)}) o
          group by 1) g`,
  );
  return rows.map((r) => ({
    start: r.start,
    wins: Number(r.wins),
    lost: Number(r.lost),
    mrr: Number(r.mrr),
  }));
}

/** Hand-offs of the range by kind, counted from the hand-offs: the oracle of handoffStats. */
export async function handoffStatsFromHandoffs(ctx: RequestContext, cal: Calendar, from: string, to: string) {
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

/** dealStats counted from the deals alone: the oracle of the rollup. */
export async function dealStatsFromDeals(ctx: RequestContext, cal: Calendar, from: string, to: string) {
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
        from opportunities where workspace_id = ${ctx.workspaceId} and type = 'new'
          -- Only the rows some aggregate counts: open deals, and deals closed in the range.
          and (phase not in ('won', 'lost') or ${instantRange('closed_at', cal, from, to)})`,
  );
  return {
    wins: Number(row?.wins ?? 0),
    losses: Number(row?.losses ?? 0),
    wonMrr: Number(row?.won_mrr ?? 0),
    medianCycleDays: row?.cycle === null || row?.cycle === undefined ? null : Number(row.cycle),
    openPipelineMrr: Number(row?.open_mrr ?? 0),
  };
}
