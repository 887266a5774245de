import { and, asc, desc, eq, inArray, isNull, lte, ne, type SQL, sql } from 'drizzle-orm';
import { recordDealChanges } from '../analytics/record-outcome-rollups.ts';
import { events } from '../capture/schema.ts';
import { accounts, people } from '../crm/schema.ts';
import { opportunities } from '../pipeline/schema.ts';
import type { RequestContext } from '../platform/context.ts';
import { bulkInsert } from '../platform/db/bulk-insert.ts';
import { makeCrudStore } from '../platform/db/crud-store.ts';
import { queryRows } from '../platform/db/query-rows.ts';
import { newId } from '../platform/ids.ts';
import { activities, tasks } from '../routing/schema.ts';
import { memberships, workspaces } from '../workspace/schema.ts';
import type { MrrChange } from './mrr-movements.ts';
import {
  customerAccounts,
  customerSignals,
  expansionSignals,
  healthSnapshots,
  subscriptionChanges,
  subscriptions,
  successConfigs,
} from './schema.ts';

export type SubscriptionRow = typeof subscriptions.$inferSelect;
export type SubscriptionChangeRow = typeof subscriptionChanges.$inferSelect;
export type CustomerAccountRow = typeof customerAccounts.$inferSelect;
export type TaskRow = typeof tasks.$inferSelect;
export type OpportunityRow = typeof opportunities.$inferSelect;
export type ExpansionSignalRow = typeof expansionSignals.$inferSelect;
export type CustomerSignalRow = typeof customerSignals.$inferSelect;

const ws = (ctx: RequestContext) => ctx.workspaceId;

export async function workspaceCalendar(
  ctx: RequestContext,
): Promise<{ timeZone: string; fiscalYearStartMonth: number }> {
  const [row] = await ctx.db
    .select({ timeZone: workspaces.timeZone, fiscalYearStartMonth: workspaces.fiscalYearStartMonth })
    .from(workspaces)
    .where(eq(workspaces.id, ws(ctx)));
  return row ?? { timeZone: 'Asia/Tokyo', fiscalYearStartMonth: 4 };
}

// ── configuration ─────────────────────────────────────────────────────────────
export async function latestSuccessConfig(ctx: RequestContext) {
  const [row] = await ctx.db
    .select()
    .from(successConfigs)
    .where(eq(successConfigs.workspaceId, ws(ctx)))
    .orderBy(desc(successConfigs.version))
    .limit(1);
  return row;
}

export async function insertSuccessConfig(ctx: RequestContext, version: number, config: unknown) {
  const [row] = await ctx.db
    .insert(successConfigs)
    .values({ workspaceId: ws(ctx), version, config, createdBy: ctx.actor.userId, createdAt: ctx.now() })
    .returning();
  return row!;
}

// ── subscriptions and their change log ───────────────────────────────────────
export const subscriptionsStore = makeCrudStore({
  table: subscriptions,
  sortable: {
    createdAt: subscriptions.createdAt,
    startsOn: subscriptions.startsOn,
    renewsOn: sql`coalesce(${subscriptions.renewsOn}, '9999-12-31')`,
    mrr: subscriptions.mrr,
  },
  searchable: [subscriptions.plan],
  filterable: {
    accountId: subscriptions.accountId,
    status: subscriptions.status,
    plan: subscriptions.plan,
  },
});

/** Another subscription of the account on the same plan whose days overlap [startsOn, endsOn). */
export async function findOverlapping(
  ctx: RequestContext,
  s: { accountId: string; plan: string; startsOn: string; endsOn: string | null; excludeId?: string },
): Promise<SubscriptionRow | undefined> {
  const [row] = await ctx.db
    .select()
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.workspaceId, ws(ctx)),
        eq(subscriptions.accountId, s.accountId),
        eq(subscriptions.plan, s.plan),
        s.excludeId ? ne(subscriptions.id, s.excludeId) : undefined,
        sql`(${subscriptions.endsOn} is null or ${subscriptions.endsOn} > ${s.startsOn})`,
        s.endsOn ? sql`${subscriptions.startsOn} < ${s.endsOn}` : undefined,
      ),
    )
    .limit(1);
  return row;
}

export async function lockSubscription(
  ctx: RequestContext,
  id: string,
): Promise<SubscriptionRow | undefined> {
  const [row] = await ctx.db
    .select()
    .from(subscriptions)
    .where(and(eq(subscriptions.workspaceId, ws(ctx)), eq(subscriptions.id, id)))
    .for('update');
  return row;
}

export async function subscriptionsOfOpportunity(ctx: RequestContext, opportunityId: string) {
  return ctx.db
    .select()
    .from(subscriptions)
    .where(and(eq(subscriptions.workspaceId, ws(ctx)), eq(subscriptions.opportunityId, opportunityId)));
}

/** The account's subscriptions still billing (active), largest MRR first. */
export function activeSubscriptions(ctx: RequestContext, accountId: string): Promise<SubscriptionRow[]> {
  return ctx.db
    .select()
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.workspaceId, ws(ctx)),
        eq(subscriptions.accountId, accountId),
        eq(subscriptions.status, 'active'),
      ),
    )
    .orderBy(desc(subscriptions.mrr), asc(subscriptions.startsOn));
}

export async function insertSubscription(
  ctx: RequestContext,
  values: Omit<typeof subscriptions.$inferInsert, 'workspaceId' | 'id'>,
): Promise<SubscriptionRow> {
  const [row] = await ctx.db
    .insert(subscriptions)
    .values({ ...values, id: newId(ctx), workspaceId: ws(ctx), createdAt: ctx.now(), updatedAt: ctx.now() })
    .returning();
  return row!;
}

/** Updates a subscription the caller has locked; bumps its version. */
export async function updateSubscription(
  ctx: RequestContext,
  id: string,
  values: Partial<typeof subscriptions.$inferInsert>,
): Promise<SubscriptionRow> {
  const [row] = await ctx.db
    .update(subscriptions)
    .set({ ...values, version: sql`${subscriptions.version} + 1`, updatedAt: ctx.now() })
    .where(and(eq(subscriptions.workspaceId, ws(ctx)), eq(subscriptions.id, id)))
    .returning();
  return row!;
}

export type NewChange = Omit<
  typeof subscriptionChanges.$inferInsert,
  'workspaceId' | 'id' | 'seq' | 'recordedAt' | 'actorUserId'
>;

export async function insertChanges(ctx: RequestContext, rows: NewChange[]): Promise<void> {
  if (rows.length === 0) return;
  await ctx.db.insert(subscriptionChanges).values(
    rows.map((r) => ({
      ...r,
      id: newId(ctx),
      workspaceId: ws(ctx),
      actorUserId: ctx.actor.userId,
      recordedAt: ctx.now(),
    })),
  );
}

export function listChangesOf(ctx: RequestContext, subscriptionId: string): Promise<SubscriptionChangeRow[]> {
  return ctx.db
    .select()
    .from(subscriptionChanges)
    .where(
      and(
        eq(subscriptionChanges.workspaceId, ws(ctx)),
        eq(subscriptionChanges.subscriptionId, subscriptionId),
      ),
    )
    .orderBy(asc(subscriptionChanges.seq));
}

/** The change log up to a day, in log order, as the MRR module reads it. */
export function listMrrChanges(ctx: RequestContext, beforeDay: string): Promise<MrrChange[]> {
  return ctx.db
    .select({
      accountId: subscriptionChanges.accountId,
      subscriptionId: subscriptionChanges.subscriptionId,
      effectiveOn: subscriptionChanges.effectiveOn,
      mrr: subscriptionChanges.mrrAfter,
    })
    .from(subscriptionChanges)
    .where(
      and(
        eq(subscriptionChanges.workspaceId, ws(ctx)),
        sql`${subscriptionChanges.effectiveOn} < ${beforeDay}`,
      ),
    )
    .orderBy(asc(subscriptionChanges.seq));
}

/** Active subscriptions renewing on or before a day whose account is in a given customer stage. */
export function subscriptionsRenewingBy(ctx: RequestContext, day: string, stage: string) {
  return ctx.db
    .select({ subscription: subscriptions, accountName: accounts.name, ownerUserId: accounts.ownerUserId })
    .from(subscriptions)
    .innerJoin(
      accounts,
      and(eq(accounts.workspaceId, subscriptions.workspaceId), eq(accounts.id, subscriptions.accountId)),
    )
    .where(
      and(
        eq(subscriptions.workspaceId, ws(ctx)),
        eq(subscriptions.status, 'active'),
        lte(subscriptions.renewsOn, day),
        eq(accounts.customerStage, stage),
      ),
    )
    .orderBy(asc(subscriptions.renewsOn));
}

// ── accounts, people and the team (read) ─────────────────────────────────────
export async function getAccount(ctx: RequestContext, id: string) {
  const [row] = await ctx.db
    .select({
      id: accounts.id,
      name: accounts.name,
      customerStage: accounts.customerStage,
      ownerUserId: accounts.ownerUserId,
      employeeCount: accounts.employeeCount,
    })
    .from(accounts)
    .where(and(eq(accounts.workspaceId, ws(ctx)), eq(accounts.id, id)));
  return row;
}

export function peopleOfAccount(ctx: RequestContext, accountId: string) {
  return ctx.db
    .select({ id: people.id, lifecycleStage: people.lifecycleStage })
    .from(people)
    .where(and(eq(people.workspaceId, ws(ctx)), eq(people.accountId, accountId)));
}

/** The member holding a role with the fewest customer accounts assigned (ties: the earliest). */
export async function leastLoadedMember(
  ctx: RequestContext,
  role: 'onb' | 'csm' | 'am',
): Promise<string | null> {
  const column = { onb: 'onb_user_id', csm: 'csm_user_id', am: 'am_user_id' }[role];
  const rows = await queryRows<{ user_id: string }>(
    ctx.db,
    sql`select m.user_id from ${memberships} m
        left join ${customerAccounts} c on c.workspace_id = m.workspace_id and c.${sql.raw(column)} = m.user_id
        where m.workspace_id = ${ws(ctx)} and m.role = ${role}
        group by m.user_id, m.created_at order by count(c.account_id), m.created_at, m.user_id limit 1`,
  );
  return rows[0]?.user_id ?? null;
}

// ── customer accounts (CS state) ──────────────────────────────────────────────
export async function getCustomerAccount(
  ctx: RequestContext,
  accountId: string,
): Promise<CustomerAccountRow | undefined> {
  const [row] = await ctx.db
    .select()
    .from(customerAccounts)
    .where(and(eq(customerAccounts.workspaceId, ws(ctx)), eq(customerAccounts.accountId, accountId)));
  return row;
}

export async function upsertCustomerAccount(
  ctx: RequestContext,
  accountId: string,
  values: Partial<Omit<typeof customerAccounts.$inferInsert, 'workspaceId' | 'accountId'>>,
): Promise<CustomerAccountRow> {
  const [row] = await ctx.db
    .insert(customerAccounts)
    .values({ ...values, workspaceId: ws(ctx), accountId, createdAt: ctx.now(), updatedAt: ctx.now() })
    .onConflictDoUpdate({
      target: [customerAccounts.workspaceId, customerAccounts.accountId],
      set: { ...values, version: sql`${customerAccounts.version} + 1`, updatedAt: ctx.now() },
    })
    .returning();
  return row!;
}

export function listCustomerAccounts(ctx: RequestContext, accountIds?: string[]) {
  return ctx.db
    .select({ ca: customerAccounts, customerStage: accounts.customerStage })
    .from(customerAccounts)
    .innerJoin(
      accounts,
      and(
        eq(accounts.workspaceId, customerAccounts.workspaceId),
        eq(accounts.id, customerAccounts.accountId),
      ),
    )
    .where(
      and(
        eq(customerAccounts.workspaceId, ws(ctx)),
        accountIds ? inArray(customerAccounts.accountId, accountIds) : undefined,
      ),
    );
}

// ── tasks ─────────────────────────────────────────────────────────────────────
export type NewTask = Pick<
  typeof tasks.$inferInsert,
  'kind' | 'title' | 'dueAt' | 'assigneeUserId' | 'accountId' | 'opportunityId' | 'details'
>;

export async function insertTasks(ctx: RequestContext, rows: NewTask[]): Promise<TaskRow[]> {
  if (rows.length === 0) return [];
  return ctx.db
    .insert(tasks)
    .values(
      rows.map((r) => ({
        ...r,
        id: newId(ctx),
        workspaceId: ws(ctx),
        createdAt: ctx.now(),
        updatedAt: ctx.now(),
      })),
    )
    .returning();
}

export async function lockTask(ctx: RequestContext, id: string): Promise<TaskRow | undefined> {
  const [row] = await ctx.db
    .select()
    .from(tasks)
    .where(and(eq(tasks.workspaceId, ws(ctx)), eq(tasks.id, id)))
    .for('update');
  return row;
}

export async function completeTask(ctx: RequestContext, id: string, at: Date): Promise<TaskRow> {
  const [row] = await ctx.db
    .update(tasks)
    .set({ status: 'done', completedAt: at, version: sql`${tasks.version} + 1`, updatedAt: ctx.now() })
    .where(and(eq(tasks.workspaceId, ws(ctx)), eq(tasks.id, id)))
    .returning();
  return row!;
}

export function tasksOfAccount(ctx: RequestContext, accountId: string, kind?: string): Promise<TaskRow[]> {
  return ctx.db
    .select()
    .from(tasks)
    .where(
      and(
        eq(tasks.workspaceId, ws(ctx)),
        eq(tasks.accountId, accountId),
        kind ? eq(tasks.kind, kind) : undefined,
      ),
    )
    .orderBy(asc(tasks.dueAt), asc(tasks.createdAt));
}

// ── opportunities (the pipeline's table; renewal and expansion deals start here) ──
export async function getOpportunity(ctx: RequestContext, id: string): Promise<OpportunityRow | undefined> {
  const [row] = await ctx.db
    .select()
    .from(opportunities)
    .where(and(eq(opportunities.workspaceId, ws(ctx)), eq(opportunities.id, id)));
  return row;
}

export async function insertOpportunity(
  ctx: RequestContext,
  values: Omit<typeof opportunities.$inferInsert, 'workspaceId' | 'id'>,
): Promise<OpportunityRow> {
  const [row] = await ctx.db
    .insert(opportunities)
    .values({ ...values, id: newId(ctx), workspaceId: ws(ctx), createdAt: ctx.now(), updatedAt: ctx.now() })
    .returning();
  await recordDealChanges(ctx, [], [row!]);
  return row!;
}

/** Open (not won or lost) opportunities of an account of one type. */
export function openOpportunities(ctx: RequestContext, accountId: string, type: string) {
  return ctx.db
    .select()
    .from(opportunities)
    .where(
      and(
        eq(opportunities.workspaceId, ws(ctx)),
        eq(opportunities.accountId, accountId),
        eq(opportunities.type, type),
        isNull(opportunities.closedAt),
        sql`${opportunities.phase} not in ('won', 'lost')`,
      ),
    );
}

export async function setOpportunityClosed(
  ctx: RequestContext,
  id: string,
  fields: { lossReason?: string | null },
) {
  const before = await getOpportunity(ctx, id);
  const after = await ctx.db
    .update(opportunities)
    .set({ closedAt: ctx.now(), ...fields, version: sql`${opportunities.version} + 1`, updatedAt: ctx.now() })
    .where(and(eq(opportunities.workspaceId, ws(ctx)), eq(opportunities.id, id)))
    .returning();
  await recordDealChanges(ctx, before ? [before] : [], after);
}

// ── health inputs and results ────────────────────────────────────────────────
export interface HealthInputRow {
  accountId: string;
  usageEvents: number;
  activeUsers: number;
  openTickets: number;
  npsScores: number[];
  engagements: number;
  renewsOn: string | null;
  previousScore: number | null;
  redSince: Date | null;
  csmUserId: string | null;
  amUserId: string | null;
  ownerUserId: string | null;
  accountName: string;
}

/** Everything health needs for the customer accounts (all, or some), in a handful of grouped queries. */
export async function loadHealthInputs(
  ctx: RequestContext,
  o: { accountIds?: string[]; since: Date; npsSince: Date; trendSince: Date; usageTypes: string[] },
): Promise<HealthInputRow[]> {
  const only = o.accountIds ? sql`and c.account_id in ${o.accountIds}` : sql``;
  const since = o.since.toISOString();
  const now = ctx.now().toISOString();
  return queryRows<HealthInputRow & Record<string, unknown>>(
    ctx.db,
    sql`with c as (
          select c.account_id, c.health_score, c.red_since,
                 (select h.score from ${healthSnapshots} h where h.workspace_id = c.workspace_id and h.account_id = c.account_id
                    and h.computed_at <= ${o.trendSince.toISOString()} order by h.computed_at desc limit 1) as score_before, c.csm_user_id, c.am_user_id, a.owner_user_id, a.name
          from ${customerAccounts} c join ${accounts} a on a.workspace_id = c.workspace_id and a.id = c.account_id
          where c.workspace_id = ${ws(ctx)} and a.customer_stage is not null and a.customer_stage <> 'churned' ${only}
        ), u as (
          select e.account_id, count(*)::int as n, count(distinct e.person_id)::int as users
          from ${events} e join c on c.account_id = e.account_id
          where e.workspace_id = ${ws(ctx)} and e.occurred_at >= ${since} and e.occurred_at < ${now}
            and e.type = any(${sql.param(o.usageTypes)}::text[])
          group by e.account_id
        ), t as (
          select s.account_id, count(*) filter (where s.kind = 'support_ticket' and s.status = 'open')::int as tickets,
                 coalesce(array_agg(s.value) filter (where s.kind = 'nps' and s.occurred_at >= ${o.npsSince.toISOString()}), '{}') as nps
          from ${customerSignals} s join c on c.account_id = s.account_id
          where s.workspace_id = ${ws(ctx)} and s.occurred_at < ${now}
          group by s.account_id
        ), g as (
          select x.account_id, count(*)::int as n from ${activities} x join c on c.account_id = x.account_id
          where x.workspace_id = ${ws(ctx)} and x.occurred_at >= ${since} and x.occurred_at < ${now}
          group by x.account_id
        ), r as (
          select s.account_id, min(s.renews_on)::text as renews_on from ${subscriptions} s join c on c.account_id = s.account_id
          where s.workspace_id = ${ws(ctx)} and s.status = 'active' group by s.account_id
        )
        select c.account_id as "accountId", coalesce(u.n, 0) as "usageEvents", coalesce(u.users, 0) as "activeUsers",
               coalesce(t.tickets, 0) as "openTickets", coalesce(t.nps, '{}') as "npsScores",
               coalesce(g.n, 0) as "engagements", r.renews_on as "renewsOn", c.score_before as "previousScore",
               c.red_since as "redSince", c.csm_user_id as "csmUserId", c.am_user_id as "amUserId",
               c.owner_user_id as "ownerUserId", c.name as "accountName"
        from c left join u using (account_id) left join t using (account_id) left join g using (account_id)
               left join r using (account_id)
        order by c.account_id`,
  );
}

/**
 * The event types that are product usage (start with the prefix). The distinct types are
 * walked on the (workspace, type, time) index one step each, so this stays cheap at
 * hundreds of millions of events, and the health queries can then use that index too.
 */
export async function usageEventTypes(ctx: RequestContext, prefix: string): Promise<string[]> {
  const rows = await queryRows<{ type: string }>(
    ctx.db,
    sql`with recursive t(type) as (
          (select type from ${events} where workspace_id = ${ws(ctx)} order by type limit 1)
          union all
          select (select e.type from ${events} e where e.workspace_id = ${ws(ctx)} and e.type > t.type order by e.type limit 1)
          from t where t.type is not null)
        select type from t where type is not null and starts_with(type, ${prefix})`,
  );
  return rows.map((r) => r.type);
}

/** Usage events per window (oldest first) for accounts, windows ending now. */
export async function usageByWindow(
  ctx: RequestContext,
  o: { accountIds: string[]; windowDays: number; windows: number; usageTypes: string[] },
): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  if (o.accountIds.length === 0) return out;
  const now = ctx.now();
  const start = new Date(now.getTime() - o.windowDays * o.windows * 86_400_000);
  const rows = await queryRows<{ account_id: string; w: number; n: number }>(
    ctx.db,
    sql`select account_id, floor(extract(epoch from (${now.toISOString()}::timestamptz - occurred_at)) / ${o.windowDays * 86_400})::int as w,
               count(*)::int as n
        from ${events}
        where workspace_id = ${ws(ctx)} and account_id in ${o.accountIds} and type = any(${sql.param(o.usageTypes)}::text[])
          and occurred_at >= ${start.toISOString()} and occurred_at < ${now.toISOString()}
        group by 1, 2`,
  );
  for (const id of o.accountIds) out.set(id, new Array(o.windows).fill(0));
  for (const r of rows) {
    const list = out.get(r.account_id)!;
    const index = o.windows - 1 - Number(r.w);
    if (index >= 0 && index < o.windows) list[index] = Number(r.n);
  }
  return out;
}

export async function insertHealthSnapshots(
  ctx: RequestContext,
  rows: Omit<typeof healthSnapshots.$inferInsert, 'workspaceId' | 'id'>[],
): Promise<void> {
  await bulkInsert(
    ctx.db,
    healthSnapshots,
    rows.map((r) => ({ ...r, id: newId(ctx), workspaceId: ws(ctx) })),
  );
}

export function healthHistory(ctx: RequestContext, accountId: string, limit: number) {
  return ctx.db
    .select()
    .from(healthSnapshots)
    .where(and(eq(healthSnapshots.workspaceId, ws(ctx)), eq(healthSnapshots.accountId, accountId)))
    .orderBy(desc(healthSnapshots.computedAt), desc(healthSnapshots.id))
    .limit(limit);
}

/** Writes the current health of many accounts in one statement. */
export async function setCurrentHealth(
  ctx: RequestContext,
  rows: {
    accountId: string;
    score: number;
    band: string;
    trend: number | null;
    explanation: unknown;
    redSince: Date | null;
  }[],
): Promise<void> {
  if (rows.length === 0) return;
  await ctx.db.execute(
    sql`update ${customerAccounts} c set health_score = v.score, health_band = v.band, health_trend = v.trend,
          health_explanation = v.explanation::jsonb, health_computed_at = ${ctx.now().toISOString()}, red_since = v.red_since,
          updated_at = ${ctx.now().toISOString()}
        from unnest(${sql.param(rows.map((r) => r.accountId))}::uuid[], ${sql.param(rows.map((r) => r.score))}::int[],
                    ${sql.param(rows.map((r) => r.band))}::text[], ${sql.param(rows.map((r) => r.trend))}::int[],
                    ${sql.param(rows.map((r) => JSON.stringify(r.explanation)))}::text[],
                    ${sql.param(rows.map((r) => r.redSince?.toISOString() ?? null))}::timestamptz[])
             as v(account_id, score, band, trend, explanation, red_since)
        where c.workspace_id = ${ws(ctx)} and c.account_id = v.account_id`,
  );
}

// ── expansion signals ────────────────────────────────────────────────────────
export async function accountsWithOpenSignal(
  ctx: RequestContext,
  accountIds: string[],
): Promise<Set<string>> {
  if (accountIds.length === 0) return new Set();
  const rows = await ctx.db
    .select({ accountId: expansionSignals.accountId })
    .from(expansionSignals)
    .where(
      and(
        eq(expansionSignals.workspaceId, ws(ctx)),
        inArray(expansionSignals.accountId, accountIds),
        eq(expansionSignals.status, 'open'),
      ),
    );
  return new Set(rows.map((r) => r.accountId));
}

export async function insertExpansionSignals(
  ctx: RequestContext,
  rows: { accountId: string; evidence: unknown }[],
): Promise<ExpansionSignalRow[]> {
  if (rows.length === 0) return [];
  return ctx.db
    .insert(expansionSignals)
    .values(
      rows.map((r) => ({
        ...r,
        id: newId(ctx),
        workspaceId: ws(ctx),
        detectedAt: ctx.now(),
        createdAt: ctx.now(),
        updatedAt: ctx.now(),
      })),
    )
    .returning();
}

export const expansionSignalsStore = makeCrudStore({
  table: expansionSignals,
  sortable: { detectedAt: expansionSignals.detectedAt, createdAt: expansionSignals.createdAt },
  searchable: [],
  filterable: { accountId: expansionSignals.accountId, status: expansionSignals.status },
});

// ── support tickets and NPS ──────────────────────────────────────────────────
export async function insertCustomerSignals(
  ctx: RequestContext,
  rows: Omit<typeof customerSignals.$inferInsert, 'workspaceId' | 'id'>[],
): Promise<number> {
  return bulkInsert(
    ctx.db,
    customerSignals,
    rows.map((r) => ({ ...r, id: newId(ctx), workspaceId: ws(ctx), createdAt: ctx.now() })),
    { onConflictDoNothing: true },
  );
}

/** The ids of these accounts that exist in the workspace (and are inside `scope`, a condition over `accounts`). */
export async function existingAccountIds(
  ctx: RequestContext,
  ids: string[],
  scope?: SQL,
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await ctx.db
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.workspaceId, ws(ctx)), inArray(accounts.id, ids), scope));
  return new Set(rows.map((r) => r.id));
}

export function listCustomerSignals(ctx: RequestContext, accountId: string, limit: number) {
  return ctx.db
    .select()
    .from(customerSignals)
    .where(and(eq(customerSignals.workspaceId, ws(ctx)), eq(customerSignals.accountId, accountId)))
    .orderBy(desc(customerSignals.occurredAt), desc(customerSignals.id))
    .limit(limit);
}

/** Whether a user holds one of the roles. */
export async function holdsRole(ctx: RequestContext, userId: string, roles: string[]): Promise<boolean> {
  const rows = await ctx.db
    .select({ role: memberships.role })
    .from(memberships)
    .where(
      and(
        eq(memberships.workspaceId, ws(ctx)),
        eq(memberships.userId, userId),
        inArray(memberships.role, roles),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

export async function lockExpansionSignal(
  ctx: RequestContext,
  id: string,
): Promise<ExpansionSignalRow | undefined> {
  const [row] = await ctx.db
    .select()
    .from(expansionSignals)
    .where(and(eq(expansionSignals.workspaceId, ws(ctx)), eq(expansionSignals.id, id)))
    .for('update');
  return row;
}

export async function updateExpansionSignal(
  ctx: RequestContext,
  id: string,
  values: Partial<typeof expansionSignals.$inferInsert>,
): Promise<ExpansionSignalRow> {
  const [row] = await ctx.db
    .update(expansionSignals)
    .set({ ...values, version: sql`${expansionSignals.version} + 1`, updatedAt: ctx.now() })
    .where(and(eq(expansionSignals.workspaceId, ws(ctx)), eq(expansionSignals.id, id)))
    .returning();
  return row!;
}

/** Inserts signals; a ticket sent again with the same external id updates its status. */
export async function upsertCustomerSignals(
  ctx: RequestContext,
  rows: Omit<typeof customerSignals.$inferInsert, 'workspaceId' | 'id'>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    await ctx.db
      .insert(customerSignals)
      .values(
        rows
          .slice(i, i + 1000)
          .map((r) => ({ ...r, id: newId(ctx), workspaceId: ws(ctx), createdAt: ctx.now() })),
      )
      .onConflictDoUpdate({
        target: [customerSignals.workspaceId, customerSignals.kind, customerSignals.externalId],
        set: {
          status: sql`excluded.status`,
          closedAt: sql`excluded.closed_at`,
          value: sql`excluded.value`,
          subject: sql`excluded.subject`,
        },
      });
  }
}

/** Onboarding milestones of the customer accounts that started onboarding in a time range. */
export function onboardingMilestones(ctx: RequestContext, since: Date) {
  return ctx.db
    .select({
      accountId: customerAccounts.accountId,
      startedAt: customerAccounts.onboardingStartedAt,
      firstValueAt: customerAccounts.firstValueAt,
      completedAt: customerAccounts.onboardingCompletedAt,
      onbUserId: customerAccounts.onbUserId,
    })
    .from(customerAccounts)
    .where(
      and(
        eq(customerAccounts.workspaceId, ws(ctx)),
        sql`${customerAccounts.onboardingStartedAt} >= ${since.toISOString()}`,
      ),
    );
}

/** Won deals closed since a time that no subscription or amendment has picked up yet. */
export async function wonWithoutRevenue(ctx: RequestContext, since: Date): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    ctx.db,
    sql`select o.id from ${opportunities} o
        where o.workspace_id = ${ws(ctx)} and o.phase = 'won' and o.closed_at >= ${since.toISOString()}
          and not exists (select 1 from ${subscriptions} s where s.workspace_id = o.workspace_id and s.opportunity_id = o.id)
          and not exists (select 1 from ${subscriptions} s where s.workspace_id = o.workspace_id
                            and s.amendments @> jsonb_build_array(jsonb_build_object('opportunityId', o.id::text)))
        order by o.closed_at, o.id`,
  );
  return rows.map((r) => r.id);
}

export async function personStage(ctx: RequestContext, personId: string): Promise<string | null> {
  const [row] = await ctx.db
    .select({ stage: people.lifecycleStage })
    .from(people)
    .where(and(eq(people.workspaceId, ws(ctx)), eq(people.id, personId)));
  return row?.stage ?? null;
}
