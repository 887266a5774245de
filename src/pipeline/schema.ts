import { sql } from 'drizzle-orm';
import {
  date,
  foreignKey,
  index,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { accounts, people } from '../crm/schema.ts';
import { money, tenantKey, versioned } from '../platform/columns.ts';
import { workspaces } from '../workspace/schema.ts';

/** A deal (商談) worked by Field Sales through the five phases to won or lost. */
export const opportunities = pgTable(
  'opportunities',
  {
    ...tenantKey(),
    accountId: uuid().notNull(),
    primaryPersonId: uuid(),
    name: text().notNull(),
    type: text().notNull().default('new'),
    phase: text().notNull().default('qualification'),
    phaseEnteredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    amountMrr: money().notNull().default(0),
    amountOneTime: money().notNull().default(0),
    closeDate: date(),
    probability: smallint(),
    forecastCategory: text(),
    nextStep: text(),
    competitors: jsonb().notNull().default([]),
    exitCriteria: jsonb().notNull().default({}),
    lossReason: text(),
    ownerUserId: uuid(),
    closedAt: timestamp({ withTimezone: true }),
    ...versioned(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('opportunities_account_idx').on(t.workspaceId, t.accountId),
    index('opportunities_owner_phase_idx').on(t.workspaceId, t.ownerUserId, t.phase),
    index('opportunities_close_idx').on(t.workspaceId, t.closeDate),
    // Reports of deals closed in a range (KPI tree, scorecards, bottlenecks) read this index
    // alone: every column they use is in it.
    index('opportunities_closed_at_idx').on(
      t.workspaceId,
      t.closedAt,
      t.type,
      t.phase,
      t.amountMrr,
      t.createdAt,
    ),
    // Open deals are a small part of all deals: hygiene and open pipeline read only them,
    // the close-date and staleness rules and open pipeline MRR from this index alone.
    index('opportunities_open_idx')
      .on(t.workspaceId, t.amountMrr, t.type, t.closeDate, t.updatedAt)
      .where(sql`${t.phase} not in ('won', 'lost')`),
    // Open deals without a next step (a hygiene rule), counted and ranked from the index alone.
    index('opportunities_no_next_step_idx')
      .on(t.workspaceId, t.amountMrr)
      .where(sql`${t.phase} not in ('won', 'lost') and coalesce(${t.nextStep}, '') = ''`),
    // The median cycle of won deals (scorecards): won deals only, read from the index alone.
    index('opportunities_won_idx')
      .on(t.workspaceId, t.type, t.closedAt, t.createdAt)
      .where(sql`${t.phase} = 'won'`),
    // The same in cycle order: the median is read at its rank instead of sorting every win.
    index('opportunities_won_cycle_idx')
      .on(t.workspaceId, t.type, sql`(${t.closedAt} - ${t.createdAt})`, t.closedAt, t.createdAt)
      .where(sql`${t.phase} = 'won'`),
    foreignKey({
      columns: [t.workspaceId, t.accountId],
      foreignColumns: [accounts.workspaceId, accounts.id],
    }),
    foreignKey({
      columns: [t.workspaceId, t.primaryPersonId],
      foreignColumns: [people.workspaceId, people.id],
    }),
  ],
);

/**
 * A quota (目標) for one fiscal period, for one owner or one team/POD (exactly one of the
 * two), in the currency's minor unit of MRR. `period` is a key such as FY2026-Q1.
 */
export const quotas = pgTable(
  'quotas',
  {
    ...tenantKey(),
    period: text().notNull(),
    ownerUserId: uuid(),
    teamId: uuid(),
    amountMrr: money().notNull(),
    ...versioned(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('quotas_owner_period_uq')
      .on(t.workspaceId, t.period, t.ownerUserId)
      .where(sql`${t.ownerUserId} is not null`),
    uniqueIndex('quotas_team_period_uq')
      .on(t.workspaceId, t.period, t.teamId)
      .where(sql`${t.teamId} is not null`),
    foreignKey({ columns: [t.workspaceId], foreignColumns: [workspaces.id] }).onDelete('cascade'),
  ],
);
