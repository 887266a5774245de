import { and, asc, eq, sql } from 'drizzle-orm';
import type { RequestContext } from '../platform/context.ts';
import { makeCrudStore } from '../platform/db/crud-store.ts';
import { queryRows } from '../platform/db/query-rows.ts';
import { planScenarios } from './schema.ts';

export const scenariosStore = makeCrudStore({
  table: planScenarios,
  sortable: { createdAt: planScenarios.createdAt, name: planScenarios.name },
  searchable: [planScenarios.name],
  filterable: { period: planScenarios.period },
});

export interface StepMeasurement {
  entered: number;
  reached: number;
  /** Of those who reached: how many took 0, 1, 2, … whole months (30.44 days). */
  lagMonths: Map<number, number>;
}

/**
 * Cohort conversion of one step from stage history: records that entered `fromStage`
 * in [from, to), how many later entered any of `toStages`, and after how long.
 */
export async function measureStep(
  ctx: RequestContext,
  q: { lifecycle: string; fromStage: string; toStages: string[]; from: Date; to: Date; scope?: AccountScope },
): Promise<StepMeasurement> {
  const rows = await queryRows<{ entered: number; reached: number; lag: number | null; n: number }>(
    ctx.db,
    sql`with entered as (
          select h.entity_id, min(h.at) as at from stage_history h ${inScope(ctx, q.lifecycle, q.scope)}
          where h.workspace_id = ${ctx.workspaceId} and h.lifecycle = ${q.lifecycle} and h.to_stage = ${q.fromStage}
            and h.at >= ${q.from.toISOString()} and h.at < ${q.to.toISOString()}
          group by h.entity_id),
        reached as (
          select e.entity_id, min(h.at) - e.at as took from entered e
          join stage_history h on h.workspace_id = ${ctx.workspaceId} and h.entity_id = e.entity_id
            and h.lifecycle = ${q.lifecycle} and h.to_stage = any(${sql.param(q.toStages)}::text[]) and h.at >= e.at
          group by e.entity_id, e.at)
        select (select count(*) from entered) as entered, (select count(*) from reached) as reached,
               floor(extract(epoch from took) / 86400 / 30.44)::int as lag, count(*) as n
        from reached group by 3
        union all select (select count(*) from entered), 0, null, 0 where not exists (select 1 from reached)`,
  );
  const lagMonths = new Map<number, number>();
  for (const r of rows) if (r.lag !== null) lagMonths.set(r.lag, r.n);
  return { entered: rows[0]?.entered ?? 0, reached: rows[0]?.reached ?? 0, lagMonths };
}

/** Won opportunities closed in the window: their count, lost count and MRR amounts. */
export async function measureWins(ctx: RequestContext, from: Date, to: Date, scope?: AccountScope) {
  const [row] = await queryRows<{
    won: number;
    lost: number;
    mean_mrr: number | null;
    log_sd: number | null;
  }>(
    ctx.db,
    sql`select count(*) filter (where phase = 'won') as won, count(*) filter (where phase = 'lost') as lost,
               avg(amount_mrr) filter (where phase = 'won' and amount_mrr > 0) as mean_mrr,
               stddev_samp(ln(amount_mrr)) filter (where phase = 'won' and amount_mrr > 0) as log_sd
        from opportunities h
        where h.workspace_id = ${ctx.workspaceId} and h.closed_at >= ${from.toISOString()} and h.closed_at < ${to.toISOString()}
          ${scope ? sql`and h.account_id = any(${sql.param(scope.accountIds)}::uuid[])` : sql``}`,
  );
  return {
    won: row?.won ?? 0,
    lost: row?.lost ?? 0,
    meanMrr: row?.mean_mrr ?? null,
    logSd: row?.log_sd ?? null,
  };
}

/** Members and their capacities per role, for the current headcount (of the given teams only, when named). */
export function roleCapacities(ctx: RequestContext, teamIds?: string[]) {
  return queryRows<{ role: string; members: number; mean_capacity: number | null }>(
    ctx.db,
    sql`select m.role, count(distinct m.user_id) as members, avg(m.capacity) as mean_capacity
        from memberships m join users u on u.workspace_id = m.workspace_id and u.id = m.user_id
        where m.workspace_id = ${ctx.workspaceId} and u.status = 'active'
          ${teamIds ? sql`and m.team_id = any(${sql.param(teamIds)}::uuid[])` : sql``}
        group by m.role`,
  );
}

/**
 * A plan for one segment or POD measures only the records of its accounts: people by their
 * account, opportunities by theirs (routing decides which accounts those are).
 */
export interface AccountScope {
  accountIds: string[];
}

function inScope(ctx: RequestContext, lifecycle: string, scope: AccountScope | undefined) {
  if (!scope) return sql``;
  const ids = sql`${sql.param(scope.accountIds)}::uuid[]`;
  if (lifecycle === 'opportunity')
    return sql`join opportunities s on s.workspace_id = ${ctx.workspaceId} and s.id = h.entity_id and s.account_id = any(${ids})`;
  return sql`join people s on s.workspace_id = ${ctx.workspaceId} and s.id = h.entity_id and s.account_id = any(${ids})`;
}

export function listScenariosById(ctx: RequestContext, ids: string[]) {
  return ctx.db
    .select()
    .from(planScenarios)
    .where(
      and(
        eq(planScenarios.workspaceId, ctx.workspaceId),
        sql`${planScenarios.id} = any(${sql.param(ids)}::uuid[])`,
      ),
    )
    .orderBy(asc(planScenarios.createdAt));
}

/** Share of people whose account has at least `employees` employees (the enterprise segment). */
export async function segmentShare(ctx: RequestContext, employees: number): Promise<number> {
  const [row] = await queryRows<{ share: number | null }>(
    ctx.db,
    sql`select avg(case when a.employee_count >= ${employees} then 1.0 else 0.0 end) as share
        from people p join accounts a on a.workspace_id = p.workspace_id and a.id = p.account_id
        where p.workspace_id = ${ctx.workspaceId}`,
  );
  return row?.share ?? 0.5;
}
