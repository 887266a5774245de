import {
  bigint,
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
import { tenantKey, versioned } from '../platform/columns.ts';
import { workspaces } from '../workspace/schema.ts';

/**
 * A team: a function team (Assembly Line), a POD (one segment, all roles) or the
 * marketing team. `segmentRule` selects the accounts a POD owns (rules over account
 * fields: tier, industry, region); function teams leave it empty.
 */
export const teams = pgTable(
  'teams',
  {
    ...tenantKey(),
    name: text().notNull(),
    kind: text().notNull(),
    function: text(),
    segmentRule: jsonb(),
    ...versioned(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({ columns: [t.workspaceId], foreignColumns: [workspaces.id] }).onDelete('cascade'),
  ],
);

/** A logged touch (call, email, meeting, note) with its outcome; IS slot use is derived from these. */
export const activities = pgTable(
  'activities',
  {
    ...tenantKey(),
    type: text().notNull(),
    outcome: text(),
    personId: uuid(),
    accountId: uuid(),
    opportunityId: uuid(),
    userId: uuid(),
    occurredAt: timestamp({ withTimezone: true }).notNull(),
    durationMinutes: integer(),
    notes: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('activities_person_idx').on(t.workspaceId, t.personId, t.occurredAt),
    index('activities_user_time_idx').on(t.workspaceId, t.userId, t.occurredAt),
    foreignKey({ columns: [t.workspaceId], foreignColumns: [workspaces.id] }).onDelete('cascade'),
  ],
);

/** Work to do: follow-ups, cadence steps, risk and expansion tasks, onboarding items. */
export const tasks = pgTable(
  'tasks',
  {
    ...tenantKey(),
    kind: text().notNull(),
    title: text().notNull(),
    status: text().notNull().default('open'),
    dueAt: timestamp({ withTimezone: true }),
    assigneeUserId: uuid(),
    personId: uuid(),
    accountId: uuid(),
    opportunityId: uuid(),
    details: jsonb().notNull().default({}),
    completedAt: timestamp({ withTimezone: true }),
    ...versioned(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('tasks_assignee_idx').on(t.workspaceId, t.assigneeUserId, t.status, t.dueAt),
    foreignKey({ columns: [t.workspaceId], foreignColumns: [workspaces.id] }).onDelete('cascade'),
  ],
);

/**
 * Smooth weighted round-robin state: each member's running credit in one routing pool
 * (a team and role). Kept so the split over many hand-offs follows the weights across
 * requests and restarts.
 */
export const routingCredits = pgTable(
  'routing_credits',
  {
    workspaceId: uuid().notNull(),
    pool: text().notNull(),
    userId: uuid().notNull(),
    credit: bigint({ mode: 'number' }).notNull().default(0),
    assigned: integer().notNull().default(0),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.pool, t.userId] }),
    foreignKey({ columns: [t.workspaceId], foreignColumns: [workspaces.id] }).onDelete('cascade'),
  ],
);

/** A cadence template: ordered steps (day offset, channel, instructions) a lead is enrolled in. */
export const cadences = pgTable(
  'cadences',
  {
    ...tenantKey(),
    name: text().notNull(),
    status: text().notNull().default('active'),
    steps: jsonb().notNull().default([]),
    ...versioned(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({ columns: [t.workspaceId], foreignColumns: [workspaces.id] }).onDelete('cascade'),
  ],
);

/**
 * One person in one cadence. Active until its steps are done (completed) or a reply,
 * a stage change or an opt-out ends it (exited, with the reason).
 */
export const cadenceEnrolments = pgTable(
  'cadence_enrolments',
  {
    ...tenantKey(),
    cadenceId: uuid().notNull(),
    personId: uuid().notNull(),
    userId: uuid(),
    status: text().notNull().default('active'),
    currentStep: integer().notNull().default(0),
    /** The person's lead stage at enrolment: a different stage later ends the cadence. */
    stageAtEnrolment: text().notNull(),
    enrolledAt: timestamp({ withTimezone: true }).notNull(),
    endedAt: timestamp({ withTimezone: true }),
    exitReason: text(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('cadence_enrolments_person_idx').on(t.workspaceId, t.personId, t.status),
    foreignKey({
      columns: [t.workspaceId, t.cadenceId],
      foreignColumns: [cadences.workspaceId, cadences.id],
    }).onDelete('cascade'),
  ],
);
