import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { accounts, people } from '../crm/schema.ts';
import { handoffs } from '../lifecycle/schema.ts';
import type { RequestContext } from '../platform/context.ts';
import { makeCrudStore } from '../platform/db/crud-store.ts';
import { queryRows } from '../platform/db/query-rows.ts';
import { forgetMemo } from '../platform/transaction-memo.ts';
import { memberships, users, workspaces } from '../workspace/schema.ts';
import type { Candidate } from './assignment.ts';
import { routingCredits, teams } from './schema.ts';

export type TeamRow = typeof teams.$inferSelect;
export type HandoffRow = typeof handoffs.$inferSelect;

export const teamsStore = makeCrudStore({
  table: teams,
  sortable: { name: teams.name, createdAt: teams.createdAt },
  searchable: [teams.name],
  filterable: { kind: teams.kind },
});

export { getWorkspaceConfig } from '../workspace/store.ts';

/** Writes the org model and one settings section when the version is still `expectedVersion`. */
export async function updateWorkspaceConfig(
  ctx: RequestContext,
  expectedVersion: number,
  values: { orgModel: string; settings: Record<string, unknown> },
): Promise<boolean> {
  forgetMemo(ctx);
  const rows = await ctx.db
    .update(workspaces)
    .set({ ...values, version: sql`${workspaces.version} + 1`, updatedAt: ctx.now() })
    .where(and(eq(workspaces.id, ctx.workspaceId), eq(workspaces.version, expectedVersion)))
    .returning({ id: workspaces.id });
  return rows.length > 0;
}

export function listTeams(ctx: RequestContext): Promise<TeamRow[]> {
  return ctx.db
    .select()
    .from(teams)
    .where(eq(teams.workspaceId, ctx.workspaceId))
    .orderBy(asc(teams.createdAt), asc(teams.name));
}

/** Which of these users are members of the workspace that the scope condition (on the member's id) reaches. */
export async function usersWithinScope(
  ctx: RequestContext,
  userIds: string[],
  scope: (owner: typeof memberships.userId) => SQL | undefined,
): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await ctx.db
    .selectDistinct({ userId: memberships.userId })
    .from(memberships)
    .where(
      and(
        eq(memberships.workspaceId, ctx.workspaceId),
        inArray(memberships.userId, userIds),
        scope(memberships.userId),
      ),
    );
  return new Set(rows.map((r) => r.userId));
}

export function teamMembers(ctx: RequestContext, teamId: string) {
  return ctx.db
    .select({
      userId: memberships.userId,
      displayName: users.displayName,
      role: memberships.role,
      capacity: memberships.capacity,
      isLead: memberships.isLead,
    })
    .from(memberships)
    .innerJoin(users, and(eq(users.workspaceId, memberships.workspaceId), eq(users.id, memberships.userId)))
    .where(and(eq(memberships.workspaceId, ctx.workspaceId), eq(memberships.teamId, teamId)))
    .orderBy(asc(users.displayName));
}

export async function getHandoffForUpdate(ctx: RequestContext, id: string): Promise<HandoffRow | undefined> {
  const [row] = await ctx.db
    .select()
    .from(handoffs)
    .where(and(eq(handoffs.workspaceId, ctx.workspaceId), eq(handoffs.id, id)))
    .for('update');
  return row;
}

export async function setHandoffAssignment(
  ctx: RequestContext,
  id: string,
  values: { toUserId: string | null; toTeamId: string | null; routingReason: string },
): Promise<HandoffRow> {
  const [row] = await ctx.db
    .update(handoffs)
    .set(values)
    .where(and(eq(handoffs.workspaceId, ctx.workspaceId), eq(handoffs.id, id)))
    .returning();
  return row!;
}

/** The lead and account a hand-off is about, as routing reads them. */
export async function routingSubjectOf(
  ctx: RequestContext,
  h: { personId: string | null; accountId: string | null },
) {
  const [person] = h.personId
    ? await ctx.db
        .select({ source: people.source, accountId: people.accountId })
        .from(people)
        .where(and(eq(people.workspaceId, ctx.workspaceId), eq(people.id, h.personId)))
    : [];
  const accountId = h.accountId ?? person?.accountId ?? null;
  const [account] = accountId
    ? await ctx.db
        .select({
          employeeCount: accounts.employeeCount,
          industry: accounts.industry,
          region: accounts.region,
          tier: accounts.tier,
          ownerUserId: accounts.ownerUserId,
        })
        .from(accounts)
        .where(and(eq(accounts.workspaceId, ctx.workspaceId), eq(accounts.id, accountId)))
    : [];
  return { source: person?.source ?? null, account: account ?? null };
}

/**
 * Every active member holding `role`, with capacity and current load in the role's unit:
 * IS — half-hour slots used this week plus `slotsPerOpenLead` per open lead (an open
 * hand-off or a lead in sal); AE — open opportunities plus open sql hand-offs;
 * ONB/CSM/AM/ADR — accounts handed to them and not churned.
 */
export async function candidatesFor(
  ctx: RequestContext,
  role: string,
  week: { start: Date; end: Date },
  slotsPerOpenLead: number,
): Promise<Candidate[]> {
  const ws = ctx.workspaceId;
  const load =
    role === 'mdr' || role === 'sdr'
      ? sql`coalesce((select sum(case when a.type = 'note' then 0 else greatest(1, ceil(coalesce(a.duration_minutes, 30) / 30.0)) end)::int from activities a
            where a.workspace_id = ${ws} and a.user_id = m.user_id
              and a.occurred_at >= ${week.start.toISOString()} and a.occurred_at < ${week.end.toISOString()}), 0)
          + ${slotsPerOpenLead} * ((select count(*)::int from handoffs h where h.workspace_id = ${ws} and h.to_user_id = m.user_id and h.status = 'open')
          + (select count(*)::int from people p where p.workspace_id = ${ws} and p.owner_user_id = m.user_id and p.lifecycle_stage = 'sal'))`
      : role === 'ae'
        ? sql`(select count(*)::int from opportunities o where o.workspace_id = ${ws} and o.owner_user_id = m.user_id and o.phase not in ('won', 'lost'))
          + (select count(*)::int from handoffs h where h.workspace_id = ${ws} and h.to_user_id = m.user_id and h.status = 'open' and h.kind = 'sql')`
        : sql`(select count(distinct h.account_id)::int from handoffs h join accounts ac on ac.workspace_id = h.workspace_id and ac.id = h.account_id
            where h.workspace_id = ${ws} and h.to_user_id = m.user_id and h.status in ('open', 'accepted')
              and coalesce(ac.customer_stage, '') <> 'churned')`;
  return queryRows<Candidate & Record<string, unknown>>(
    ctx.db,
    sql`select m.user_id as "userId", u.display_name as "displayName", m.role, m.team_id as "teamId",
          coalesce(m.capacity, 0) as capacity, (${load}) as load
        from memberships m join users u on u.workspace_id = m.workspace_id and u.id = m.user_id
        where m.workspace_id = ${ws} and m.role = ${role} and u.status = 'active'
        order by m.user_id`,
  );
}

export async function creditsOf(ctx: RequestContext, pool: string): Promise<Map<string, number>> {
  const rows = await ctx.db
    .select({ userId: routingCredits.userId, credit: routingCredits.credit })
    .from(routingCredits)
    .where(and(eq(routingCredits.workspaceId, ctx.workspaceId), eq(routingCredits.pool, pool)))
    .for('update');
  return new Map(rows.map((r) => [r.userId, r.credit]));
}

export async function saveCredits(
  ctx: RequestContext,
  pool: string,
  credits: Map<string, number>,
  assignedUserId: string | null,
): Promise<void> {
  if (credits.size === 0) return;
  await ctx.db
    .insert(routingCredits)
    .values(
      [...credits].map(([userId, credit]) => ({
        workspaceId: ctx.workspaceId,
        pool,
        userId,
        credit,
        assigned: userId === assignedUserId ? 1 : 0,
        updatedAt: ctx.now(),
      })),
    )
    .onConflictDoUpdate({
      target: [routingCredits.workspaceId, routingCredits.pool, routingCredits.userId],
      set: {
        credit: sql`excluded.credit`,
        assigned: sql`${routingCredits.assigned} + excluded.assigned`,
        updatedAt: sql`excluded.updated_at`,
      },
    });
}

/** The lead follows its hand-off: the person's owner becomes the assignee. */
export async function setPersonOwner(ctx: RequestContext, personId: string, userId: string): Promise<void> {
  await ctx.db
    .update(people)
    .set({ ownerUserId: userId, updatedAt: ctx.now() })
    .where(and(eq(people.workspaceId, ctx.workspaceId), eq(people.id, personId)));
}

export function rolesOfUser(ctx: RequestContext, userId: string) {
  return ctx.db
    .select({ role: memberships.role, teamId: memberships.teamId, capacity: memberships.capacity })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, ctx.workspaceId), eq(memberships.userId, userId)));
}

export async function addMembership(
  ctx: RequestContext,
  values: { id: string; userId: string; teamId: string; role: string; capacity: number | null },
) {
  const [row] = await ctx.db
    .insert(memberships)
    .values({ ...values, workspaceId: ctx.workspaceId })
    .returning();
  return row!;
}

export async function removeMembership(ctx: RequestContext, teamId: string, userId: string, role: string) {
  return ctx.db
    .delete(memberships)
    .where(
      and(
        eq(memberships.workspaceId, ctx.workspaceId),
        eq(memberships.teamId, teamId),
        eq(memberships.userId, userId),
        eq(memberships.role, role),
      ),
    )
    .returning();
}

export async function userExists(ctx: RequestContext, userId: string): Promise<boolean> {
  const rows = await ctx.db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.workspaceId, ctx.workspaceId), eq(users.id, userId)));
  return rows.length > 0;
}

/** The segmentation facts of every account of the workspace (a plan's segment or POD). */
export function allAccountFacts(ctx: RequestContext) {
  return ctx.db
    .select({
      id: accounts.id,
      employeeCount: accounts.employeeCount,
      industry: accounts.industry,
      region: accounts.region,
      tier: accounts.tier,
    })
    .from(accounts)
    .where(eq(accounts.workspaceId, ctx.workspaceId));
}

export async function accountFacts(ctx: RequestContext, accountId: string) {
  const [row] = await ctx.db
    .select({
      employeeCount: accounts.employeeCount,
      industry: accounts.industry,
      region: accounts.region,
      tier: accounts.tier,
    })
    .from(accounts)
    .where(and(eq(accounts.workspaceId, ctx.workspaceId), eq(accounts.id, accountId)));
  return row;
}
