import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, isNotNull, isNull, lte, type SQL, sql } from 'drizzle-orm';
import { people } from '../crm/schema.ts';
import { opportunities } from '../pipeline/schema.ts';
import type { RequestContext } from '../platform/context.ts';
import { bulkInsert } from '../platform/db/bulk-insert.ts';
import { queryRows } from '../platform/db/query-rows.ts';
import { memberships } from '../workspace/schema.ts';
import { handoffs } from './schema.ts';
import type { EntityType } from './store.ts';

export type HandoffRow = typeof handoffs.$inferSelect;
export type NewHandoff = Omit<typeof handoffs.$inferInsert, 'workspaceId' | 'id'>;

/** The records around an entity a hand-off names: its person, account and opportunity, and a person's source. */
export interface EntityLinks {
  personId: string | null;
  accountId: string | null;
  opportunityId: string | null;
  source: string | null;
}

export async function entityLinks(ctx: RequestContext, type: EntityType, id: string): Promise<EntityLinks> {
  if (type === 'person') {
    const [p] = await ctx.db
      .select({ accountId: people.accountId, source: people.source })
      .from(people)
      .where(and(eq(people.workspaceId, ctx.workspaceId), eq(people.id, id)));
    return { personId: id, accountId: p?.accountId ?? null, opportunityId: null, source: p?.source ?? null };
  }
  if (type === 'opportunity') {
    const [o] = await ctx.db
      .select({ accountId: opportunities.accountId, personId: opportunities.primaryPersonId })
      .from(opportunities)
      .where(and(eq(opportunities.workspaceId, ctx.workspaceId), eq(opportunities.id, id)));
    return {
      personId: o?.personId ?? null,
      accountId: o?.accountId ?? null,
      opportunityId: id,
      source: null,
    };
  }
  return { personId: null, accountId: id, opportunityId: null, source: null };
}

export async function insertHandoff(ctx: RequestContext, values: NewHandoff): Promise<HandoffRow> {
  const [row] = await ctx.db
    .insert(handoffs)
    .values({ ...values, id: randomUUID(), workspaceId: ctx.workspaceId })
    .returning();
  return row!;
}

export async function insertHandoffsBulk(
  ctx: RequestContext,
  rows: (NewHandoff & { id: string })[],
): Promise<void> {
  await bulkInsert(
    ctx.db,
    handoffs,
    rows.map((r) => ({ ...r, workspaceId: ctx.workspaceId })),
  );
}

/** The answer and stale columns of many hand-offs at once (batched writers). */
export interface HandoffChange {
  id: string;
  status: string;
  respondedAt: Date | null;
  rejectReason: string | null;
  rejectOutcome: string | null;
  staleAt: Date | null;
}

export async function updateHandoffsBulk(ctx: RequestContext, rows: HandoffChange[]): Promise<void> {
  if (rows.length === 0) return;
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  await ctx.db.execute(
    sql`update handoffs h set status = u.status, responded_at = u.responded_at, reject_reason = u.reject_reason,
          reject_outcome = u.reject_outcome, stale_at = u.stale_at
        from unnest(${sql.param(rows.map((r) => r.id))}::uuid[], ${sql.param(rows.map((r) => r.status))}::text[],
                    ${sql.param(rows.map((r) => iso(r.respondedAt)))}::timestamptz[],
                    ${sql.param(rows.map((r) => r.rejectReason))}::text[],
                    ${sql.param(rows.map((r) => r.rejectOutcome))}::text[],
                    ${sql.param(rows.map((r) => iso(r.staleAt)))}::timestamptz[])
          as u(id, status, responded_at, reject_reason, reject_outcome, stale_at)
        where h.workspace_id = ${ctx.workspaceId} and h.id = u.id`,
  );
}

/** Reads a hand-off and locks it until the transaction ends (accept and reject queue up). */
export async function lockHandoff(ctx: RequestContext, id: string): Promise<HandoffRow | undefined> {
  const [row] = await ctx.db
    .select()
    .from(handoffs)
    .where(and(eq(handoffs.workspaceId, ctx.workspaceId), eq(handoffs.id, id)))
    .for('update');
  return row;
}

export async function getHandoff(ctx: RequestContext, id: string): Promise<HandoffRow | undefined> {
  const [row] = await ctx.db
    .select()
    .from(handoffs)
    .where(and(eq(handoffs.workspaceId, ctx.workspaceId), eq(handoffs.id, id)));
  return row;
}

export async function updateHandoff(
  ctx: RequestContext,
  id: string,
  values: Partial<Omit<typeof handoffs.$inferInsert, 'workspaceId' | 'id'>>,
): Promise<HandoffRow> {
  const [row] = await ctx.db
    .update(handoffs)
    .set(values)
    .where(and(eq(handoffs.workspaceId, ctx.workspaceId), eq(handoffs.id, id)))
    .returning();
  return row!;
}

/** Open hand-offs of one record (closed when it leaves their stage by another route). */
export function openHandoffsOf(ctx: RequestContext, type: EntityType, id: string): Promise<HandoffRow[]> {
  return ctx.db
    .select()
    .from(handoffs)
    .where(
      and(
        eq(handoffs.workspaceId, ctx.workspaceId),
        eq(handoffs.entityType, type),
        eq(handoffs.entityId, id),
        eq(handoffs.status, 'open'),
      ),
    )
    .for('update');
}

/** An open hand-off of a kind for an account (a win opens one ONB hand-off, not two). */
export async function openHandoffForAccount(
  ctx: RequestContext,
  kind: string,
  accountId: string,
): Promise<HandoffRow | undefined> {
  const [row] = await ctx.db
    .select()
    .from(handoffs)
    .where(
      and(
        eq(handoffs.workspaceId, ctx.workspaceId),
        eq(handoffs.kind, kind),
        eq(handoffs.accountId, accountId),
        eq(handoffs.status, 'open'),
      ),
    )
    .limit(1);
  return row;
}

export interface HandoffFilter {
  status?: string | undefined;
  kind?: string | undefined;
  toRole?: string | undefined;
  toUserId?: string | undefined;
  personId?: string | undefined;
  stale?: boolean | undefined;
  limit: number;
  /** Record-level access: only hand-offs within this condition. */
  scope?: SQL | undefined;
  /** Keyset: rows opened before this (openedAt, id). */
  before?: [Date, string] | undefined;
}

export function listHandoffs(ctx: RequestContext, f: HandoffFilter): Promise<HandoffRow[]> {
  const where: (SQL | undefined)[] = [
    eq(handoffs.workspaceId, ctx.workspaceId),
    f.scope,
    f.status ? eq(handoffs.status, f.status) : undefined,
    f.kind ? eq(handoffs.kind, f.kind) : undefined,
    f.toRole ? eq(handoffs.toRole, f.toRole) : undefined,
    f.toUserId ? eq(handoffs.toUserId, f.toUserId) : undefined,
    f.personId ? eq(handoffs.personId, f.personId) : undefined,
    f.stale === true ? isNotNull(handoffs.staleAt) : f.stale === false ? isNull(handoffs.staleAt) : undefined,
    f.before
      ? sql`(${handoffs.openedAt}, ${handoffs.id}) < (${f.before[0].toISOString()}::timestamptz, ${f.before[1]}::uuid)`
      : undefined,
  ];
  return ctx.db
    .select()
    .from(handoffs)
    .where(and(...where))
    .orderBy(desc(handoffs.openedAt), desc(handoffs.id))
    .limit(f.limit);
}

/**
 * Open hand-offs past their due time that are not yet marked stale: the SLA check's work,
 * locked (SKIP LOCKED: a hand-off being answered right now is left for the next run).
 */
export function lockBreaches(ctx: RequestContext, now: Date, limit: number): Promise<HandoffRow[]> {
  return ctx.db
    .select()
    .from(handoffs)
    .where(
      and(
        eq(handoffs.workspaceId, ctx.workspaceId),
        eq(handoffs.status, 'open'),
        lte(handoffs.dueAt, now),
        isNull(handoffs.staleAt),
      ),
    )
    .orderBy(asc(handoffs.dueAt))
    .limit(limit)
    .for('update', { skipLocked: true });
}

/** Managers to alert for a team's breach: the team's managers, or the workspace's without a team. */
export async function managersOf(ctx: RequestContext, teamId: string | null): Promise<string[]> {
  const rows = await ctx.db
    .selectDistinct({ userId: memberships.userId })
    .from(memberships)
    .where(
      and(
        eq(memberships.workspaceId, ctx.workspaceId),
        eq(memberships.role, 'manager'),
        teamId ? eq(memberships.teamId, teamId) : isNull(memberships.teamId),
      ),
    );
  return rows.map((r) => r.userId);
}

/**
 * People whose recycle re-approach date has come (their last history row is the recycle),
 * locked up front so the wake-up takes every record lock before the audit lock.
 */
export function dueRecycles(
  ctx: RequestContext,
  recycleStage: string,
  now: Date,
  limit: number,
): Promise<{ personId: string; reapproachOn: Date }[]> {
  return queryRows<{ personId: string; reapproachOn: Date }>(
    ctx.db,
    sql`select p.id as "personId", h.reapproach_on as "reapproachOn"
        from people p
        join lateral (
          select reapproach_on from stage_history
          where workspace_id = p.workspace_id and entity_type = 'person' and entity_id = p.id
          order by at desc, seq desc limit 1
        ) h on true
        where p.workspace_id = ${ctx.workspaceId} and p.lifecycle_stage = ${recycleStage}
          and h.reapproach_on <= ${now.toISOString()}::timestamptz
        order by h.reapproach_on
        limit ${limit}
        for update of p skip locked`,
  ).then((rows) => rows.map((r) => ({ ...r, reapproachOn: new Date(r.reapproachOn) })));
}

/** Whether a hand-off exists within an access condition (undefined: no condition). */
export async function handoffInScope(
  ctx: RequestContext,
  id: string,
  scope: SQL | undefined,
): Promise<boolean> {
  const rows = await ctx.db
    .select({ id: handoffs.id })
    .from(handoffs)
    .where(and(eq(handoffs.workspaceId, ctx.workspaceId), eq(handoffs.id, id), scope));
  return rows.length > 0;
}
