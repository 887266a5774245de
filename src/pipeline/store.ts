import { and, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import { recordDealChanges } from '../analytics/record-outcome-rollups.ts';
import { accounts, people } from '../crm/schema.ts';
import { handoffs } from '../lifecycle/schema.ts';
import type { RequestContext } from '../platform/context.ts';
import { makeCrudStore } from '../platform/db/crud-store.ts';
import { queryRows } from '../platform/db/query-rows.ts';
import { forgetMemo } from '../platform/transaction-memo.ts';
import { memberships, workspaces } from '../workspace/schema.ts';
import { opportunities, quotas } from './schema.ts';

export type OpportunityRow = typeof opportunities.$inferSelect;
export type QuotaRow = typeof quotas.$inferSelect;

export const opportunitiesStore = makeCrudStore({
  table: opportunities,
  sortable: {
    createdAt: opportunities.createdAt,
    updatedAt: opportunities.updatedAt,
    name: opportunities.name,
    amountMrr: opportunities.amountMrr,
    closeDate: sql`coalesce(${opportunities.closeDate}, '9999-12-31'::date)`,
  },
  searchable: [opportunities.name, opportunities.nextStep],
  filterable: {
    phase: opportunities.phase,
    ownerUserId: opportunities.ownerUserId,
    accountId: opportunities.accountId,
    type: opportunities.type,
  },
  // Closed deals are counted per day for the reports (analytics_deal_rollup).
  onChange: recordDealChanges,
});

export const quotasStore = makeCrudStore({
  table: quotas,
  sortable: { period: quotas.period, createdAt: quotas.createdAt },
  searchable: [quotas.period],
  filterable: { period: quotas.period, ownerUserId: quotas.ownerUserId, teamId: quotas.teamId },
});

export { getWorkspaceConfig as pipelineConfig } from '../workspace/store.ts';

export function rolesOfUser(ctx: RequestContext, userId: string) {
  return ctx.db
    .select({ role: memberships.role, teamId: memberships.teamId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, ctx.workspaceId), eq(memberships.userId, userId)));
}

export async function accountStage(
  ctx: RequestContext,
  accountId: string,
): Promise<{ customerStage: string | null } | undefined> {
  const [row] = await ctx.db
    .select({ customerStage: accounts.customerStage })
    .from(accounts)
    .where(and(eq(accounts.workspaceId, ctx.workspaceId), eq(accounts.id, accountId)));
  return row;
}

export async function personStage(ctx: RequestContext, personId: string): Promise<string | undefined> {
  const [row] = await ctx.db
    .select({ stage: people.lifecycleStage })
    .from(people)
    .where(and(eq(people.workspaceId, ctx.workspaceId), eq(people.id, personId)));
  return row?.stage;
}

/** The opportunity's contacts: its primary person and the account's people working the deal. */
export function contactsOf(ctx: RequestContext, opp: OpportunityRow) {
  return ctx.db
    .select({ id: people.id, stage: people.lifecycleStage })
    .from(people)
    .where(
      and(
        eq(people.workspaceId, ctx.workspaceId),
        or(
          opp.primaryPersonId ? eq(people.id, opp.primaryPersonId) : undefined,
          and(eq(people.accountId, opp.accountId), inArray(people.lifecycleStage, ['sql', 'opportunity'])),
        ),
      ),
    );
}

/** Won → Customer Success hand-offs still waiting for an assignee. */
export function unassignedWonHandoffs(ctx: RequestContext, opp: OpportunityRow) {
  return ctx.db
    .select({ id: handoffs.id })
    .from(handoffs)
    .where(
      and(
        eq(handoffs.workspaceId, ctx.workspaceId),
        eq(handoffs.kind, 'won'),
        eq(handoffs.status, 'open'),
        isNull(handoffs.toUserId),
        or(eq(handoffs.opportunityId, opp.id), eq(handoffs.accountId, opp.accountId)),
      ),
    );
}

const ownerTeam = sql`(select m.team_id from memberships m where m.workspace_id = o.workspace_id and m.user_id = o.owner_user_id
  and m.role in ('ae', 'am') order by m.created_at limit 1)`;

/** Open opportunities closing in the period and opportunities won in it, with the owner's team. */
export function forecastRows(
  ctx: RequestContext,
  period: { startDate: string; endDate: string; start: Date; end: Date },
  scope: SQL | undefined,
) {
  return queryRows<{
    ownerUserId: string | null;
    teamId: string | null;
    phase: string;
    amountMrr: number;
    probability: number | null;
    forecastCategory: string | null;
  }>(
    ctx.db,
    sql`select o.owner_user_id as "ownerUserId", ${ownerTeam} as "teamId", o.phase, o.amount_mrr as "amountMrr",
          o.probability, o.forecast_category as "forecastCategory"
        from opportunities o
        where o.workspace_id = ${ctx.workspaceId}
          and ((o.phase not in ('won', 'lost') and o.close_date >= ${period.startDate}::date and o.close_date < ${period.endDate}::date)
            or (o.phase = 'won' and o.closed_at >= ${period.start.toISOString()} and o.closed_at < ${period.end.toISOString()}))
          ${scope ? sql`and o.id in (select ${opportunities.id} from ${opportunities} where ${opportunities.workspaceId} = ${ctx.workspaceId} and ${scope})` : sql``}`,
  );
}

/** The quotas of a period, limited by `scope` (a condition over `quotas`). */
export function quotasOf(ctx: RequestContext, period: string, scope: SQL | undefined) {
  return ctx.db
    .select({ ownerUserId: quotas.ownerUserId, teamId: quotas.teamId, amountMrr: quotas.amountMrr })
    .from(quotas)
    .where(and(eq(quotas.workspaceId, ctx.workspaceId), eq(quotas.period, period), scope));
}

/** Quotas of the teams the user belongs to. */
export function ownTeamQuota(ctx: RequestContext, userId: string): SQL {
  return sql`${quotas.teamId} in (select m.team_id from ${memberships} m
    where m.workspace_id = ${ctx.workspaceId} and m.user_id = ${userId} and m.team_id is not null)`;
}

/**
 * Open opportunities with the managers of their owner's teams, limited by `scope` (the
 * actor's read scope, which names the unaliased `opportunities` table).
 */
export function hygieneRows(ctx: RequestContext, scope: SQL | undefined, ownerUserId?: string) {
  return queryRows<{
    id: string;
    name: string;
    ownerUserId: string | null;
    managerUserIds: string[];
    phase: string;
    closeDate: string | null;
    nextStep: string | null;
    updatedAt: Date;
    phaseEnteredAt: Date;
    amountMrr: number;
  }>(
    ctx.db,
    sql`select opportunities.id, opportunities.name, opportunities.owner_user_id as "ownerUserId",
          coalesce((select array_agg(distinct mm.user_id::text) from memberships om
            join memberships mm on mm.workspace_id = om.workspace_id and mm.team_id = om.team_id and mm.role = 'manager'
            where om.workspace_id = opportunities.workspace_id and om.user_id = opportunities.owner_user_id), '{}') as "managerUserIds",
          opportunities.phase, opportunities.close_date::text as "closeDate", opportunities.next_step as "nextStep",
          opportunities.updated_at as "updatedAt", opportunities.phase_entered_at as "phaseEnteredAt",
          opportunities.amount_mrr as "amountMrr"
        from opportunities
        where opportunities.workspace_id = ${ctx.workspaceId} and opportunities.phase not in ('won', 'lost')
          ${ownerUserId ? sql`and opportunities.owner_user_id = ${ownerUserId}` : sql``}
          ${scope ? sql`and ${scope}` : sql``}
        order by opportunities.close_date nulls last, opportunities.id`,
  );
}

/** Replaces one section of workspaces.settings when the workspace version is still `expectedVersion`. */
export async function saveSettingsSection(
  ctx: RequestContext,
  section: string,
  value: unknown,
  expectedVersion: number,
): Promise<boolean> {
  forgetMemo(ctx);
  const rows = await ctx.db
    .update(workspaces)
    .set({
      settings: sql`jsonb_set(${workspaces.settings}, ${`{${section}}`}::text[], ${JSON.stringify(value)}::jsonb)`,
      version: sql`${workspaces.version} + 1`,
      updatedAt: ctx.now(),
    })
    .where(and(eq(workspaces.id, ctx.workspaceId), eq(workspaces.version, expectedVersion)))
    .returning({ id: workspaces.id });
  return rows.length > 0;
}

export async function workspaceVersion(ctx: RequestContext): Promise<number> {
  const [row] = await ctx.db
    .select({ version: workspaces.version })
    .from(workspaces)
    .where(eq(workspaces.id, ctx.workspaceId));
  return row?.version ?? 0;
}
