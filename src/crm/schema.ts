import { sql } from 'drizzle-orm';
import {
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenantKey, versioned } from '../platform/columns.ts';
import { workspaces } from '../workspace/schema.ts';

/** A company (取引先). After its first win it runs the customer lifecycle. */
export const accounts = pgTable(
  'accounts',
  {
    ...tenantKey(),
    name: text().notNull(),
    domain: text(),
    industry: text(),
    employeeCount: integer(),
    region: text(),
    tier: text(),
    ownerUserId: uuid(),
    customerStage: text(),
    customerStageEnteredAt: timestamp({ withTimezone: true }),
    attributes: jsonb().notNull().default({}),
    ...versioned(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('accounts_domain_uq').on(t.workspaceId, t.domain).where(sql`${t.domain} is not null`),
    index('accounts_name_idx').on(t.workspaceId, t.name, t.id),
    index('accounts_created_idx').on(t.workspaceId, t.createdAt, t.id),
    foreignKey({ columns: [t.workspaceId], foreignColumns: [workspaces.id] }).onDelete('cascade'),
  ],
);

/**
 * A person (見込み顧客 → 顧客の担当者). `lifecycleStage` is the current lead-lifecycle
 * stage; it is always equal to the last stage-history row of the person.
 */
export const people = pgTable(
  'people',
  {
    ...tenantKey(),
    accountId: uuid(),
    email: text(),
    emailNormalized: text(),
    phone: text(),
    lastName: text(),
    firstName: text(),
    title: text(),
    department: text(),
    source: text(),
    lifecycleStage: text().notNull().default('lead'),
    stageEnteredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    ownerUserId: uuid(),
    attributes: jsonb().notNull().default({}),
    /** Set when the person's personal data was erased; the row stays so counts and funnels stay right. */
    erasedAt: timestamp({ withTimezone: true }),
    ...versioned(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('people_email_uq')
      .on(t.workspaceId, t.emailNormalized)
      .where(sql`${t.emailNormalized} is not null`),
    index('people_account_idx').on(t.workspaceId, t.accountId),
    index('people_stage_idx').on(t.workspaceId, t.lifecycleStage),
    index('people_created_idx').on(t.workspaceId, t.createdAt, t.id),
    index('people_owner_idx').on(t.workspaceId, t.ownerUserId),
    foreignKey({ columns: [t.workspaceId], foreignColumns: [workspaces.id] }).onDelete('cascade'),
    foreignKey({
      columns: [t.workspaceId, t.accountId],
      foreignColumns: [accounts.workspaceId, accounts.id],
    }),
  ],
);
