import {
  bigint,
  boolean,
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { workspaces } from '../workspace/schema.ts';

/**
 * Stage flows, maintained as stage history is written (same transaction): per local
 * day, ISO week and month, stage and kind (`in`; `out` with the destination in `detail`; `dwell` with
 * the time-in-stage bucket in `detail`), counted once unsliced (`dimension` = 'all')
 * and once per slice dimension. A dashboard reads whole months or weeks plus edge days, never history.
 */
export const analyticsStageRollup = pgTable(
  'analytics_stage_rollup',
  {
    workspaceId: uuid().notNull(),
    lifecycle: text().notNull(),
    dimension: text().notNull(),
    value: text().notNull(),
    /** day, week (ISO) or month: each count is kept at all three, `day` being the span's first day. */
    span: text().notNull(),
    day: date().notNull(),
    stage: text().notNull(),
    kind: text().notNull(),
    detail: text().notNull(),
    n: bigint({ mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({
      name: 'analytics_stage_rollup_pk',
      columns: [t.workspaceId, t.lifecycle, t.dimension, t.value, t.span, t.day, t.stage, t.kind, t.detail],
    }),
    foreignKey({ columns: [t.workspaceId], foreignColumns: [workspaces.id] }).onDelete('cascade'),
  ],
);

/** Records of a cohort day / week / month (when they entered the lifecycle) that reached each success-path stage. */
export const analyticsCohortRollup = pgTable(
  'analytics_cohort_rollup',
  {
    workspaceId: uuid().notNull(),
    lifecycle: text().notNull(),
    dimension: text().notNull(),
    value: text().notNull(),
    span: text().notNull(),
    day: date().notNull(),
    stage: text().notNull(),
    n: bigint({ mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({
      name: 'analytics_cohort_rollup_pk',
      columns: [t.workspaceId, t.lifecycle, t.dimension, t.value, t.span, t.day, t.stage],
    }),
    foreignKey({ columns: [t.workspaceId], foreignColumns: [workspaces.id] }).onDelete('cascade'),
  ],
);

/**
 * Where each record stands for the rollups: cohort day, furthest success-path order,
 * current stage and since when, and the slices it was counted in when it entered.
 */
export const analyticsProgress = pgTable(
  'analytics_progress',
  {
    workspaceId: uuid().notNull(),
    lifecycle: text().notNull(),
    entityId: uuid().notNull(),
    cohortDay: date().notNull(),
    maxOrder: integer().notNull(),
    stage: text(),
    stageAt: timestamp({ withTimezone: true }),
    stageSkipped: boolean().notNull().default(false),
    segment: text().notNull().default(''),
    pod: text().notNull().default(''),
    campaign: text().notNull().default(''),
    source: text().notNull().default(''),
    owner: text().notNull().default(''),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.lifecycle, t.entityId] }),
    index('analytics_progress_stage_idx').on(t.workspaceId, t.lifecycle, t.stage, t.stageAt),
    foreignKey({ columns: [t.workspaceId], foreignColumns: [workspaces.id] }).onDelete('cascade'),
  ],
);

/**
 * Closed deals per local day of `closed_at`, type and outcome (won / lost): count and MRR,
 * maintained by the writes that change a deal's phase, close time, type or amount (same
 * transaction). The KPI tree, scorecards and bottlenecks read days instead of deals.
 */
export const analyticsDealRollup = pgTable(
  'analytics_deal_rollup',
  {
    workspaceId: uuid().notNull(),
    type: text().notNull(),
    day: date().notNull(),
    outcome: text().notNull(),
    n: bigint({ mode: 'number' }).notNull(),
    mrr: bigint({ mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'analytics_deal_rollup_pk', columns: [t.workspaceId, t.type, t.day, t.outcome] }),
    foreignKey({ columns: [t.workspaceId], foreignColumns: [workspaces.id] }).onDelete('cascade'),
  ],
);

/**
 * Hand-off outcomes per local day and kind: `due` and `on_time` by the due day,
 * `accepted` and `rejected` by the day of the answer; maintained where hand-offs are
 * opened and answered (same transaction).
 */
export const analyticsHandoffRollup = pgTable(
  'analytics_handoff_rollup',
  {
    workspaceId: uuid().notNull(),
    day: date().notNull(),
    kind: text().notNull(),
    measure: text().notNull(),
    n: bigint({ mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'analytics_handoff_rollup_pk', columns: [t.workspaceId, t.day, t.kind, t.measure] }),
    foreignKey({ columns: [t.workspaceId], foreignColumns: [workspaces.id] }).onDelete('cascade'),
  ],
);
