import { sql } from 'drizzle-orm';
import type { RequestContext } from '../platform/context.ts';
import { arrayParam } from '../platform/db/array-param.ts';
import type { DealCell, HandoffCell } from './outcomes.ts';

/** Sorted by key so concurrent writers lock the counters in one order. */
function merge<C extends { n: number; mrr?: number }>(cells: C[], key: (c: C) => string): C[] {
  const merged = new Map<string, C>();
  for (const c of cells) {
    const k = key(c);
    const seen = merged.get(k);
    merged.set(
      k,
      seen
        ? { ...seen, n: seen.n + c.n, ...(c.mrr === undefined ? {} : { mrr: (seen.mrr ?? 0) + c.mrr }) }
        : c,
    );
  }
  return [...merged.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([, c]) => c)
    .filter((c) => c.n !== 0 || (c.mrr ?? 0) !== 0);
}

/** Adds closed-deal deltas; a counter that reaches zero is removed (a rebuild would not write it). */
export async function addDealCells(ctx: RequestContext, cells: DealCell[]): Promise<void> {
  const c = merge(cells, (x) => `${x.type}|${x.day}|${x.outcome}`);
  if (c.length === 0) return;
  await ctx.db.execute(sql`insert into analytics_deal_rollup (workspace_id, type, day, outcome, n, mrr)
    select ${ctx.workspaceId}, t, d::date, o, n, m
    from unnest(${arrayParam(
      c.map((x) => x.type),
      'text',
    )}, ${arrayParam(
      c.map((x) => x.day),
      'text',
    )}, ${arrayParam(
      c.map((x) => x.outcome),
      'text',
    )}, ${arrayParam(
      c.map((x) => x.n),
      'bigint',
    )}, ${arrayParam(
      c.map((x) => x.mrr),
      'bigint',
    )}) as u(t, d, o, n, m)
    on conflict (workspace_id, type, day, outcome)
    do update set n = analytics_deal_rollup.n + excluded.n, mrr = analytics_deal_rollup.mrr + excluded.mrr`);
  if (c.some((x) => x.n < 0))
    await ctx.db.execute(sql`delete from analytics_deal_rollup where workspace_id = ${ctx.workspaceId}
      and n = 0 and mrr = 0 and day = any(${arrayParam(
        c.map((x) => x.day),
        'date',
      )})`);
}

/** Adds hand-off outcome deltas; a counter that reaches zero is removed. */
export async function addHandoffCells(ctx: RequestContext, cells: HandoffCell[]): Promise<void> {
  const c = merge(cells, (x) => `${x.day}|${x.kind}|${x.measure}`);
  if (c.length === 0) return;
  await ctx.db.execute(sql`insert into analytics_handoff_rollup (workspace_id, day, kind, measure, n)
    select ${ctx.workspaceId}, d::date, k, m, n
    from unnest(${arrayParam(
      c.map((x) => x.day),
      'text',
    )}, ${arrayParam(
      c.map((x) => x.kind),
      'text',
    )}, ${arrayParam(
      c.map((x) => x.measure),
      'text',
    )}, ${arrayParam(
      c.map((x) => x.n),
      'bigint',
    )}) as u(d, k, m, n)
    on conflict (workspace_id, day, kind, measure)
    do update set n = analytics_handoff_rollup.n + excluded.n`);
  if (c.some((x) => x.n < 0))
    await ctx.db.execute(sql`delete from analytics_handoff_rollup where workspace_id = ${ctx.workspaceId}
      and n = 0 and day = any(${arrayParam(
        c.map((x) => x.day),
        'date',
      )})`);
}
