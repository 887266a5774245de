import { and, asc, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { DealState } from '../analytics/outcomes.ts';
import { recordDealChanges } from '../analytics/record-outcome-rollups.ts';
import { recordRollups } from '../analytics/record-rollups.ts';
import { accounts, people } from '../crm/schema.ts';
import { opportunities } from '../pipeline/schema.ts';
import type { RequestContext } from '../platform/context.ts';
import { arrayParam } from '../platform/db/array-param.ts';
import { bulkInsert } from '../platform/db/bulk-insert.ts';
import { queryRows } from '../platform/db/query-rows.ts';
import { newTimeOrderedId } from '../platform/ids.ts';
import { forgetMemo, memoInTransaction } from '../platform/transaction-memo.ts';
import { workspaces } from '../workspace/schema.ts';
import { type BusinessCalendar, workspaceCalendar } from './business-hours.ts';
import { stageDefinitions, stageHistory } from './schema.ts';
import type { Lifecycle, LifecycleDefinition } from './stages.ts';

export type EntityType = 'person' | 'opportunity' | 'account';
export type StageHistoryRow = typeof stageHistory.$inferSelect;

/** Which lifecycle an entity runs, and where its current stage is kept. */
export const ENTITY_LIFECYCLE: Record<EntityType, Lifecycle> = {
  person: 'lead',
  opportunity: 'opportunity',
  account: 'customer',
};

const stageColumns = {
  person: {
    table: people,
    stage: people.lifecycleStage,
    enteredAt: 'stage_entered_at',
    column: 'lifecycle_stage',
  },
  opportunity: {
    table: opportunities,
    stage: opportunities.phase,
    enteredAt: 'phase_entered_at',
    column: 'phase',
  },
  account: {
    table: accounts,
    stage: accounts.customerStage,
    enteredAt: 'customer_stage_entered_at',
    column: 'customer_stage',
  },
} as const;

export async function currentDefinition(
  ctx: RequestContext,
  lifecycle: Lifecycle,
): Promise<{ version: number; definition: LifecycleDefinition } | undefined> {
  return memoInTransaction(ctx, `definition:${lifecycle}`, async () => {
    const [row] = await ctx.db
      .select({ version: stageDefinitions.version, stages: stageDefinitions.stages })
      .from(stageDefinitions)
      .where(
        and(eq(stageDefinitions.workspaceId, ctx.workspaceId), eq(stageDefinitions.lifecycle, lifecycle)),
      )
      .orderBy(desc(stageDefinitions.version))
      .limit(1);
    return row ? { version: row.version, definition: row.stages as LifecycleDefinition } : undefined;
  });
}

export async function insertDefinition(
  ctx: RequestContext,
  version: number,
  definition: LifecycleDefinition,
): Promise<void> {
  forgetMemo(ctx);
  await ctx.db.insert(stageDefinitions).values({
    workspaceId: ctx.workspaceId,
    lifecycle: definition.lifecycle,
    version,
    stages: definition,
    createdBy: ctx.actor.userId,
    createdAt: ctx.now(),
  });
}

/** Reads an entity's current stage and locks its row until the transaction ends. */
export async function lockEntityStage(
  ctx: RequestContext,
  type: EntityType,
  id: string,
): Promise<{ stage: string | null } | undefined> {
  const c = stageColumns[type];
  const rows = await queryRows<{ stage: string | null }>(
    ctx.db,
    sql`select ${sql.raw(c.column)} as stage from ${c.table} where workspace_id = ${ctx.workspaceId} and id = ${id} for update`,
  );
  return rows[0];
}

/** lockEntityStage for many records: their current stages (absent: no such record), locked in id order. */
export async function lockEntityStages(
  ctx: RequestContext,
  type: EntityType,
  ids: string[],
): Promise<Map<string, string | null>> {
  const c = stageColumns[type];
  const rows = await queryRows<{ id: string; stage: string | null }>(
    ctx.db,
    sql`select id, ${sql.raw(c.column)} as stage from ${c.table}
        where workspace_id = ${ctx.workspaceId} and id = any(${arrayParam(ids, 'uuid')}) order by id for update`,
  );
  return new Map(rows.map((r) => [r.id, r.stage]));
}

export async function setEntityStage(
  ctx: RequestContext,
  type: EntityType,
  id: string,
  stage: string,
  at: Date,
): Promise<void> {
  const c = stageColumns[type];
  const deals = type === 'opportunity' ? await dealStates(ctx, [id]) : [];
  await ctx.db.execute(
    sql`update ${c.table} set ${sql.raw(c.column)} = ${stage}, ${sql.raw(c.enteredAt)} = ${at.toISOString()}, updated_at = ${ctx.now().toISOString()}
        where workspace_id = ${ctx.workspaceId} and id = ${id}`,
  );
  await recordDealChanges(
    ctx,
    deals,
    deals.map((d) => ({ ...d, phase: stage })),
  );
}

/** What the closed-deal rollup counts of the opportunities a move changes (their phase). */
async function dealStates(ctx: RequestContext, ids: string[]): Promise<(DealState & { id: string })[]> {
  const rows = await queryRows<{
    id: string;
    type: string;
    phase: string;
    closed_at: string | Date | null;
    amount_mrr: number;
  }>(
    ctx.db,
    sql`select id::text as id, type, phase, closed_at, amount_mrr from opportunities
        where workspace_id = ${ctx.workspaceId} and id = any(${arrayParam(ids, 'uuid')})`,
  );
  return rows.map((r) => ({
    id: r.id,
    type: r.type,
    phase: r.phase,
    closedAt: r.closed_at === null ? null : new Date(r.closed_at),
    amountMrr: Number(r.amount_mrr),
  }));
}

export interface NewHistoryRow {
  entityType: EntityType;
  entityId: string;
  fromStage: string | null;
  toStage: string;
  at: Date;
  reason: string | null;
  causeEventId: string | null;
  definitionVersion: number;
  skipped: boolean;
  reapproachOn: Date | null;
}

/**
 * A history row as inserted. Object.assign, not `{ ...r, id, … }`: Node 20's V8 builds
 * the spread-then-add form ~8x slower (2.0 against 0.3 s for 250,000 rows), and imports
 * and the demo write millions of these.
 */
const historyValues = (ctx: RequestContext, r: NewHistoryRow) =>
  Object.assign({}, r, {
    id: newTimeOrderedId(ctx),
    workspaceId: ctx.workspaceId,
    lifecycle: ENTITY_LIFECYCLE[r.entityType],
    actorUserId: ctx.actor.userId,
  });

export async function appendHistory(ctx: RequestContext, rows: NewHistoryRow[]): Promise<StageHistoryRow[]> {
  if (rows.length === 0) return [];
  const inserted = await ctx.db
    .insert(stageHistory)
    .values(rows.map((r) => historyValues(ctx, r)))
    .returning();
  // Analytics rollups move with history, in the same transaction.
  await recordRollups(ctx, inserted);
  return inserted;
}

/** The same rows as appendHistory, in set-based chunks for volume. */
export async function appendHistoryBulk(
  ctx: RequestContext,
  rows: NewHistoryRow[],
  options: { newRecords?: boolean } = {},
): Promise<void> {
  const values = rows.map((r) => historyValues(ctx, r));
  await bulkInsert(ctx.db, stageHistory, values);
  // Analytics rollups move with history, in the same transaction.
  await recordRollups(ctx, values, options);
}

export function listHistory(ctx: RequestContext, type: EntityType, id: string): Promise<StageHistoryRow[]> {
  return ctx.db
    .select()
    .from(stageHistory)
    .where(
      and(
        eq(stageHistory.workspaceId, ctx.workspaceId),
        eq(stageHistory.entityType, type),
        eq(stageHistory.entityId, id),
      ),
    )
    .orderBy(asc(stageHistory.at), asc(stageHistory.seq));
}

/** The workspace's business calendar (time zone, working hours, holidays) for SLA due times. */
export function calendarOf(ctx: RequestContext): Promise<BusinessCalendar> {
  return memoInTransaction(ctx, 'calendar', async () => {
    const [row] = await ctx.db
      .select({ timeZone: workspaces.timeZone, settings: workspaces.settings })
      .from(workspaces)
      .where(eq(workspaces.id, ctx.workspaceId));
    return workspaceCalendar(row?.timeZone ?? 'Asia/Tokyo', row?.settings ?? {});
  });
}

/** How many records of a lifecycle are in each stage (a new definition must keep those stages). */
export async function stageCounts(ctx: RequestContext, lifecycle: Lifecycle): Promise<Map<string, number>> {
  const type = (Object.keys(ENTITY_LIFECYCLE) as EntityType[]).find(
    (t) => ENTITY_LIFECYCLE[t] === lifecycle,
  )!;
  const c = stageColumns[type];
  const rows = await queryRows<{ stage: string | null; n: number }>(
    ctx.db,
    sql`select ${sql.raw(c.column)} as stage, count(*)::int as n from ${c.table}
        where workspace_id = ${ctx.workspaceId} group by 1`,
  );
  return new Map(rows.filter((r) => r.stage !== null).map((r) => [r.stage!, Number(r.n)]));
}

/** Every definition version of a lifecycle, newest first. */
export function definitionVersions(ctx: RequestContext, lifecycle: Lifecycle) {
  return ctx.db
    .select({ version: stageDefinitions.version, createdAt: stageDefinitions.createdAt })
    .from(stageDefinitions)
    .where(and(eq(stageDefinitions.workspaceId, ctx.workspaceId), eq(stageDefinitions.lifecycle, lifecycle)))
    .orderBy(desc(stageDefinitions.version));
}

/** The workspace's free-form settings (business hours, SLA rules). */
export async function workspaceSettingsOf(ctx: RequestContext): Promise<Record<string, unknown>> {
  const [row] = await ctx.db
    .select({ settings: workspaces.settings })
    .from(workspaces)
    .where(eq(workspaces.id, ctx.workspaceId));
  return (row?.settings as Record<string, unknown> | undefined) ?? {};
}

/** An entity's current stage without locking it (undefined: no such record). */
export async function readEntityStage(
  ctx: RequestContext,
  type: EntityType,
  id: string,
): Promise<{ stage: string | null } | undefined> {
  const c = stageColumns[type];
  const rows = await queryRows<{ stage: string | null }>(
    ctx.db,
    sql`select ${sql.raw(c.column)} as stage from ${c.table} where workspace_id = ${ctx.workspaceId} and id = ${id}`,
  );
  return rows[0];
}

/** The re-approach date on the record's last history row (set when it was recycled). */
export async function lastReapproachOn(
  ctx: RequestContext,
  type: EntityType,
  id: string,
): Promise<Date | null> {
  const [row] = await ctx.db
    .select({ reapproachOn: stageHistory.reapproachOn })
    .from(stageHistory)
    .where(
      and(
        eq(stageHistory.workspaceId, ctx.workspaceId),
        eq(stageHistory.entityType, type),
        eq(stageHistory.entityId, id),
      ),
    )
    .orderBy(desc(stageHistory.at), desc(stageHistory.seq))
    .limit(1);
  return row?.reapproachOn ?? null;
}

/** lastReapproachOn for many records at once. */
export async function lastReapproachOns(
  ctx: RequestContext,
  type: EntityType,
  ids: string[],
): Promise<Map<string, Date | null>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ id: string; reapproach_on: Date | string | null }>(
    ctx.db,
    sql`select distinct on (entity_id) entity_id as id, reapproach_on from stage_history
        where workspace_id = ${ctx.workspaceId} and entity_type = ${type} and entity_id = any(${arrayParam(ids, 'uuid')})
        order by entity_id, at desc, seq desc`,
  );
  return new Map(rows.map((r) => [r.id, r.reapproach_on === null ? null : new Date(r.reapproach_on)]));
}

/** Sets many records' current stages at once, as setEntityStage does one (batched moves). */
export async function setEntityStagesBulk(
  ctx: RequestContext,
  type: EntityType,
  rows: { id: string; stage: string; at: Date }[],
): Promise<void> {
  if (rows.length === 0) return;
  const c = stageColumns[type];
  const deals =
    type === 'opportunity'
      ? await dealStates(
          ctx,
          rows.map((r) => r.id),
        )
      : [];
  const ids = arrayParam(
    rows.map((r) => r.id),
    'uuid',
  );
  const stages = arrayParam(
    rows.map((r) => r.stage),
    'text',
  );
  const ats = arrayParam(
    rows.map((r) => r.at),
    'timestamptz',
  );
  await ctx.db.execute(
    sql`update ${c.table} t set ${sql.raw(c.column)} = u.stage, ${sql.raw(c.enteredAt)} = u.at, updated_at = ${ctx.now().toISOString()}
        from unnest(${ids}, ${stages}, ${ats}) as u(id, stage, at)
        where t.workspace_id = ${ctx.workspaceId} and t.id = u.id`,
  );
  // The last row of a record wins, as in the update.
  const stageOf = new Map(rows.map((r) => [r.id, r.stage]));
  await recordDealChanges(
    ctx,
    deals,
    deals.map((d) => ({ ...d, phase: stageOf.get(d.id) ?? d.phase })),
  );
}

const ownerColumns = {
  person: people.ownerUserId,
  account: accounts.ownerUserId,
  opportunity: opportunities.ownerUserId,
};

/** The owner column of an entity type, for record-level access conditions. */
export function entityOwnerColumn(type: EntityType) {
  return ownerColumns[type];
}

/** Whether a record exists within an access condition (undefined: no condition). */
export async function entityInScope(
  ctx: RequestContext,
  type: EntityType,
  id: string,
  scope: SQL | undefined,
): Promise<boolean> {
  const c = stageColumns[type];
  const rows = await queryRows<{ id: string }>(
    ctx.db,
    sql`select id from ${c.table} where workspace_id = ${ctx.workspaceId} and id = ${id}${scope ? sql` and ${scope}` : sql``}`,
  );
  return rows.length > 0;
}
