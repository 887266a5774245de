import {
  doublePrecision,
  foreignKey,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { people } from '../crm/schema.ts';
import { workspaces } from '../workspace/schema.ts';

/**
 * One version of a workspace's scoring rules (fit, engagement, decay, MQL rule), kept
 * whole as validated data. The highest version is in force; scores name the version.
 */
export const scoringRuleVersions = pgTable(
  'scoring_rule_versions',
  {
    workspaceId: uuid().notNull(),
    version: integer().notNull(),
    rules: jsonb().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.version] }),
    foreignKey({ columns: [t.workspaceId], foreignColumns: [workspaces.id] }).onDelete('cascade'),
  ],
);

/**
 * A person's current score. `engagementRaw` is the exact fixed-point sum of event
 * contributions at the scoring epoch (see engagement.ts): events add to it in the same
 * transaction that stores them, and a full recompute produces the same integer.
 * `engagement` is that sum decayed to `scoredAt`, kept for sorting queues. It has no index
 * of its own: it changes with every scored event, and an index on it made each score update
 * write new entries in both indexes instead of a heap-only (HOT) update; the queues read it
 * by primary key.
 */
export const personScores = pgTable(
  'person_scores',
  {
    workspaceId: uuid().notNull(),
    personId: uuid().notNull(),
    ruleVersion: integer().notNull(),
    engagementRaw: numeric().notNull().default('0'),
    engagement: doublePrecision().notNull().default(0),
    scoredAt: timestamp({ withTimezone: true }).notNull(),
    fitPoints: integer().notNull().default(0),
    grade: text().notNull().default('D'),
    eventCount: integer().notNull().default(0),
    lastEventAt: timestamp({ withTimezone: true }),
    handRaisedAt: timestamp({ withTimezone: true }),
    handRaiseEventId: uuid(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.personId] }),
    foreignKey({
      columns: [t.workspaceId, t.personId],
      foreignColumns: [people.workspaceId, people.id],
    }).onDelete('cascade'),
  ],
);
