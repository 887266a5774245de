import { and, asc, desc, eq, inArray, isNotNull, isNull, lte, type SQL, sql } from 'drizzle-orm';
import type { HandoffState } from '../analytics/outcomes.ts';
import { recordHandoffChanges } from '../analytics/record-outcome-rollups.ts';
import type { RequestContext } from '../platform/context.ts';
import { bulkInsert } from '../platform/db/bulk-insert.ts';
import { queryRows } from '../platform/db/query-rows.ts';
import { newId } from '../platform/ids.ts';
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
  return (await entityLinksMany(ctx, type, [id])).get(id)!;
}

/** The links of many records of one type (an account links only to itself). */
export async function entityLinksMany(
  ctx: RequestContext,
  type: EntityType,
  ids: string[],
): Promise<Map<string, EntityLinks>> {
  if (ids.length === 0) return new Map();
  if (type === 'account')
    return new Map(
      ids.map((id) => [id, { personId: null, accountId: id, opportunityId: null, source: null }]),
    );
  const idList = sql`${sql.param(ids)}::uuid[]`;
  // A person is its own person and carries its source; an opportunity names its primary person.
  const rows = await queryRows<{
    id: string;
    account_id: string | null;
    person_id: string | null;
    source: string | null;
  }>(
    ctx.db,
    type === 'person'
      ? sql`select id, account_id, id as person_id, source from people
            where workspace_id = ${ctx.workspaceId} and id = any(${idList})`
      : sql`select id, account_id, primary_person_id as person_id, null as source from opportunities
            where workspace_id = ${ctx.workspaceId} and id = any(${idList})`,
  );
  const found = new Map(rows.map((r) => [r.id, r]));
  return new Map(
    ids.map((id) => {
      const r = found.get(id);
      return [
        id,
        {
          personId: type === 'person' ? id : (r?.person_id ?? null),
          accountId: r?.account_id ?? null,
          opportunityId: type === 'opportunity' ? id : null,
          source: r?.source ?? null,
        },
      ];
    }),
  );
}

export async function insertHandoff(ctx: RequestContext, values: NewHandoff): Promise<HandoffRow> {
  const [row] = await ctx.db
    .insert(handoffs)
    .values({ ...values, id: newId(ctx), workspaceId: ctx.workspaceId })
    .returning();
  await recordHandoffChanges(ctx, [], [row!]);
  return row!;
}

/** What the hand-off outcome rollup counts of the hand-offs an update changes, as they are now. */
async function handoffStates(ctx: RequestContext, ids: string[]): Promise<HandoffState[]> {
  if (ids.length === 0) return [];
  const rows = await queryRows<{
    kind: string;
    status: string;
    due_at: string | Date;
    responded_at: string | Date | null;
  }>(
    ctx.db,
    sql`select kind, status, due_at, responded_at from handoffs
        where workspace_id = ${ctx.workspaceId} and id = any(${sql.param(ids)}::uuid[])`,
  );
  return rows.map((r) => ({
    kind: r.kind,
    status: r.status,
    dueAt: new Date(r.due_at),
    respondedAt: r.responded_at === null ? null : new Date(r.responded_at),
  }));
}

/** Many hand-offs in one statement, returned in the order given (batched moves). */
export async function insertHandoffsReturning(
  ctx: RequestContext,
  rows: NewHandoff[],
): Promise<HandoffRow[]> {
  if (rows.length === 0) return [];
  const values = rows.map((r) => ({ ...r, id: newId(ctx), workspaceId: ctx.workspaceId }));
  const inserted = await ctx.db.insert(handoffs).values(values).returning();
  await recordHandoffChanges(ctx, [], inserted);
  const byId = new Map(inserted.map((r) => [r.id, r]));
  return values.map((v) => byId.get(v.id)!);
}

/** How hand-offs are answered when their record leaves their stage by a direct move. */
export interface HandoffClosing {
  id: string;
  status: 'accepted' | 'rejected';
  respondedAt: Date;
  respondedByUserId: string | null;
  rejectReason: string | null;
  rejectOutcome: string | null;
}

/** Closes many hand-offs in one statement; returns the updated rows by id. */
export async function closeHandoffsBulk(
  ctx: RequestContext,
  rows: HandoffClosing[],
): Promise<Map<string, HandoffRow>> {
  if (rows.length === 0) return new Map();
  const iso = (d: Date) => d.toISOString();
  const ids = rows.map((r) => r.id);
  const before = await handoffStates(ctx, ids);
  await ctx.db.execute(
    sql`update handoffs h set status = u.status, responded_at = u.responded_at, responded_by_user_id = u.responded_by,
          reject_reason = coalesce(u.reject_reason, h.reject_reason), reject_outcome = coalesce(u.reject_outcome, h.reject_outcome)
        from unnest(${sql.param(ids)}::uuid[], ${sql.param(rows.map((r) => r.status))}::text[],
          ${sql.param(rows.map((r) => iso(r.respondedAt)))}::timestamptz[], ${sql.param(rows.map((r) => r.respondedByUserId))}::uuid[],
          ${sql.param(rows.map((r) => r.rejectReason))}::text[], ${sql.param(rows.map((r) => r.rejectOutcome))}::text[])
          as u(id, status, responded_at, responded_by, reject_reason, reject_outcome)
        where h.workspace_id = ${ctx.workspaceId} and h.id = u.id`,
  );
  const updated = await ctx.db
    .select()
    .from(handoffs)
    .where(
      and(eq(handoffs.workspaceId, ctx.workspaceId), sql`${handoffs.id} = any(${sql.param(ids)}::uuid[])`),
    );
  await recordHandoffChanges(ctx, before, updated);
  return new Map(updated.map((r) => [r.id, r]));
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
  await recordHandoffChanges(
    ctx,
    [],
    rows.map((r) => ({
      kind: r.kind,
      status: r.status ?? 'open',
      dueAt: r.dueAt,
      respondedAt: r.respondedAt ?? null,
    })),
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
  const ids = rows.map((r) => r.id);
  const before = await handoffStates(ctx, ids);
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
  await recordHandoffChanges(ctx, before, await handoffStates(ctx, ids));
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
  // Only an answer (or a corrected kind or due time) moves the outcome rollup.
  const counted = ['status', 'respondedAt', 'dueAt', 'kind'].some((k) => k in values);
  const before = counted ? await handoffStates(ctx, [id]) : [];
  const [row] = await ctx.db
    .update(handoffs)
    .set(values)
    .where(and(eq(handoffs.workspaceId, ctx.workspaceId), eq(handoffs.id, id)))
    .returning();
  if (counted) await recordHandoffChanges(ctx, before, [row!]);
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

/** openHandoffsOf for many records of one type, locked in id order. */
export async function openHandoffsOfMany(
  ctx: RequestContext,
  type: EntityType,
  ids: string[],
): Promise<Map<string, HandoffRow[]>> {
  const rows = await ctx.db
    .select()
    .from(handoffs)
    .where(
      and(
        eq(handoffs.workspaceId, ctx.workspaceId),
        eq(handoffs.entityType, type),
        sql`${handoffs.entityId} = any(${sql.param(ids)}::uuid[])`,
        eq(handoffs.status, 'open'),
      ),
    )
    .orderBy(asc(handoffs.id))
    .for('update');
  const out = new Map<string, HandoffRow[]>();
  for (const r of rows) out.set(r.entityId!, [...(out.get(r.entityId!) ?? []), r]);
  return out;
}

/** The accounts among these with an open hand-off of a kind (openHandoffForAccount for many). */
export async function accountsWithOpenHandoff(
  ctx: RequestContext,
  kind: string,
  accountIds: string[],
): Promise<Set<string>> {
  if (accountIds.length === 0) return new Set();
  const rows = await ctx.db
    .selectDistinct({ accountId: handoffs.accountId })
    .from(handoffs)
    .where(
      and(
        eq(handoffs.workspaceId, ctx.workspaceId),
        eq(handoffs.kind, kind),
        sql`${handoffs.accountId} = any(${sql.param(accountIds)}::uuid[])`,
        eq(handoffs.status, 'open'),
      ),
    );
  return new Set(rows.map((r) => r.accountId!));
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
  /** Hand-offs of any of these people (a rep's queue of the day). */
  personIds?: string[] | undefined;
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
    f.personIds ? inArray(handoffs.personId, f.personIds) : undefined,
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
    .orderBy(asc(handoffs.dueAt), asc(handoffs.id))
    .limit(limit)
    .for('update', { skipLocked: true });
}

/** Managers to alert for a team's breach: the team's managers, or the workspace's without a team. */
/** Marks found breaches stale (and, when the workspace says so, back to their role's queue). */
export async function markStale(
  ctx: RequestContext,
  ids: string[],
  now: Date,
  reassign: boolean,
): Promise<Map<string, HandoffRow>> {
  const rows = await ctx.db
    .update(handoffs)
    .set({ staleAt: now, ...(reassign ? { toUserId: null } : {}) })
    .where(
      and(eq(handoffs.workspaceId, ctx.workspaceId), sql`${handoffs.id} = any(${sql.param(ids)}::uuid[])`),
    )
    .returning();
  return new Map(rows.map((r) => [r.id, r]));
}

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

/** Hand-offs by id, locked in id order when `lock` (accept and reject queue up). */
export async function getHandoffs(
  ctx: RequestContext,
  ids: string[],
  lock = false,
): Promise<Map<string, HandoffRow>> {
  if (ids.length === 0) return new Map();
  const query = ctx.db
    .select()
    .from(handoffs)
    .where(and(eq(handoffs.workspaceId, ctx.workspaceId), inArray(handoffs.id, ids)))
    .orderBy(asc(handoffs.id));
  const rows = lock ? await query.for('update') : await query;
  return new Map(rows.map((r) => [r.id, r]));
}

/** Which of these hand-offs exist within an access condition (undefined: no condition). */
export async function handoffsInScope(
  ctx: RequestContext,
  ids: string[],
  scope: SQL | undefined,
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await ctx.db
    .select({ id: handoffs.id })
    .from(handoffs)
    .where(and(eq(handoffs.workspaceId, ctx.workspaceId), inArray(handoffs.id, ids), scope));
  return new Set(rows.map((r) => r.id));
}
