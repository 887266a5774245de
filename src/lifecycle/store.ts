import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { recordRollups } from '../analytics/record-rollups.ts';
import { accounts, people } from '../crm/schema.ts';
import { opportunities } from '../pipeline/schema.ts';
import type { RequestContext } from '../platform/context.ts';
import { bulkInsert } from '../platform/db/bulk-insert.ts';
import { queryRows } from '../platform/db/query-rows.ts';
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
  const [row] = await ctx.db
    .select({ version: stageDefinitions.version, stages: stageDefinitions.stages })
    .from(stageDefinitions)
    .where(and(eq(stageDefinitions.workspaceId, ctx.workspaceId), eq(stageDefinitions.lifecycle, lifecycle)))
    .orderBy(desc(stageDefinitions.version))
    .limit(1);
  return row ? { version: row.version, definition: row.stages as LifecycleDefinition } : undefined;
}

export async function insertDefinition(
  ctx: RequestContext,
  version: number,
  definition: LifecycleDefinition,
): Promise<void> {
  await ctx.db.insert(stageDefinitions).values({
    workspaceId: ctx.workspaceId,
    lifecycle: definition.lifecycle,
    version,
    stages: definition,
    createdBy: ctx.actor.userId,
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

export async function setEntityStage(
  ctx: RequestContext,
  type: EntityType,
  id: string,
  stage: string,
  at: Date,
): Promise<void> {
  const c = stageColumns[type];
  await ctx.db.execute(
    sql`update ${c.table} set ${sql.raw(c.column)} = ${stage}, ${sql.raw(c.enteredAt)} = ${at.toISOString()}, updated_at = ${ctx.now().toISOString()}
        where workspace_id = ${ctx.workspaceId} and id = ${id}`,
  );
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

export async function appendHistory(ctx: RequestContext, rows: NewHistoryRow[]): Promise<StageHistoryRow[]> {
  if (rows.length === 0) return [];
  const inserted = await ctx.db
    .insert(stageHistory)
    .values(
      rows.map((r) => ({
        ...r,
        id: randomUUID(),
        workspaceId: ctx.workspaceId,
        lifecycle: ENTITY_LIFECYCLE[r.entityType],
        actorUserId: ctx.actor.userId,
      })),
    )
    .returning();
  // Analytics rollups move with history, in the same transaction.
  await recordRollups(ctx, inserted);
  return inserted;
}

/** The same rows as appendHistory, in set-based chunks for volume. */
export async function appendHistoryBulk(ctx: RequestContext, rows: NewHistoryRow[]): Promise<void> {
  const values = rows.map((r) => ({
    ...r,
    id: randomUUID(),
    workspaceId: ctx.workspaceId,
    lifecycle: ENTITY_LIFECYCLE[r.entityType],
    actorUserId: ctx.actor.userId,
  }));
  await bulkInsert(ctx.db, stageHistory, values);
  // Analytics rollups move with history, in the same transaction.
  await recordRollups(ctx, values);
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
