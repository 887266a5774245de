import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { accounts, people } from '../crm/schema.ts';
import { handoffs } from '../lifecycle/schema.ts';
import type { RequestContext } from '../platform/context.ts';
import { makeCrudStore } from '../platform/db/crud-store.ts';
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
});

export const quotasStore = makeCrudStore({
  table: quotas,
  sortable: { period: quotas.period, createdAt: quotas.createdAt },
  searchable: [quotas.period],
  filterable: { period: quotas.period, ownerUserId: quotas.ownerUserId, teamId: quotas.teamId },
});

export async function pipelineConfig(ctx: RequestContext) {
  const [row] = await ctx.db
    .select({
      timeZone: workspaces.timeZone,
      fiscalYearStartMonth: workspaces.fiscalYearStartMonth,
      settings: workspaces.settings,
    })
    .from(workspaces)
    .where(eq(workspaces.id, ctx.workspaceId));
  if (!row) throw new Error(`workspace ${ctx.workspaceId} is missing`);
  return { ...row, settings: (row.settings ?? {}) as Record<string, unknown> };
}

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
