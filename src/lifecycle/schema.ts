import {
  bigint,
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenantKey } from '../platform/columns.ts';
import { workspaces } from '../workspace/schema.ts';

/**
 * One version of one lifecycle's stage definitions (lead, opportunity, customer), kept
 * whole as validated data so an analytics result can name the version that produced it.
 * The highest version of a lifecycle is the one in force.
 */
export const stageDefinitions = pgTable(
  'stage_definitions',
  {
    workspaceId: uuid().notNull(),
    lifecycle: text().notNull(),
    version: integer().notNull(),
    stages: jsonb().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.lifecycle, t.version] }),
    foreignKey({ columns: [t.workspaceId], foreignColumns: [workspaces.id] }).onDelete('cascade'),
  ],
);

/**
 * Every stage change of every entity, append-only. `skipped` marks success-path stages
 * passed on the way (imports, fast movers) so cohort funnels stay consistent.
 */
export const stageHistory = pgTable(
  'stage_history',
  {
    ...tenantKey(),
    /** Orders rows written at the same instant (a skip records several stages at once). */
    seq: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    entityType: text().notNull(),
    entityId: uuid().notNull(),
    lifecycle: text().notNull(),
    fromStage: text(),
    toStage: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull(),
    actorUserId: uuid(),
    reason: text(),
    causeEventId: uuid(),
    definitionVersion: integer().notNull(),
    skipped: boolean().notNull().default(false),
    reapproachOn: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('stage_history_entity_idx').on(t.workspaceId, t.entityType, t.entityId, t.at),
    index('stage_history_stage_time_idx').on(t.workspaceId, t.lifecycle, t.toStage, t.at),
    foreignKey({ columns: [t.workspaceId], foreignColumns: [workspaces.id] }).onDelete('cascade'),
  ],
);

/**
 * A hand-off between departments (mql → IS, sql → AE, won → ONB/CSM, expansion → AE/AM):
 * a two-sided contract that is open with a due time, then accepted or rejected with a reason.
 */
export const handoffs = pgTable(
  'handoffs',
  {
    ...tenantKey(),
    kind: text().notNull(),
    /** The record whose stage change opened it, and the stage it entered. */
    entityType: text().notNull().default('person'),
    entityId: uuid(),
    stage: text(),
    personId: uuid(),
    accountId: uuid(),
    opportunityId: uuid(),
    fromRole: text().notNull(),
    fromUserId: uuid(),
    toRole: text().notNull(),
    toUserId: uuid(),
    toTeamId: uuid(),
    routingReason: text(),
    status: text().notNull().default('open'),
    context: jsonb().notNull().default({}),
    openedAt: timestamp({ withTimezone: true }).notNull(),
    dueAt: timestamp({ withTimezone: true }).notNull(),
    respondedAt: timestamp({ withTimezone: true }),
    rejectReason: text(),
    /** Where a rejected lead went: recycled or disqualified. */
    rejectOutcome: text(),
    respondedByUserId: uuid(),
    /** Set once, when the SLA check first finds it open past its due time. */
    staleAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('handoffs_open_due_idx').on(t.workspaceId, t.status, t.dueAt),
    index('handoffs_to_user_idx').on(t.workspaceId, t.toUserId, t.status),
    index('handoffs_person_idx').on(t.workspaceId, t.personId),
    index('handoffs_entity_idx').on(t.workspaceId, t.entityType, t.entityId, t.status),
    // Hand-off SLA statistics (scorecards) read this index alone.
    index('handoffs_kind_due_idx').on(t.workspaceId, t.kind, t.dueAt, t.status, t.respondedAt),
    foreignKey({ columns: [t.workspaceId], foreignColumns: [workspaces.id] }).onDelete('cascade'),
  ],
);
