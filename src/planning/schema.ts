import { foreignKey, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { tenantKey, versioned } from '../platform/columns.ts';
import { workspaces } from '../workspace/schema.ts';

/** A saved plan: its target, the assumptions it used (measured or overridden) and its outcome. */
export const planScenarios = pgTable(
  'plan_scenarios',
  {
    ...tenantKey(),
    name: text().notNull(),
    period: text().notNull(),
    target: jsonb().notNull(),
    assumptions: jsonb().notNull(),
    outcome: jsonb().notNull(),
    createdBy: uuid(),
    ...versioned(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({ columns: [t.workspaceId], foreignColumns: [workspaces.id] }).onDelete('cascade'),
  ],
);
