import { sql } from 'drizzle-orm';
import {
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenantKey, versioned } from '../platform/columns.ts';

/**
 * The tenant. Its own id is the workspace_id of every other row, so in Citus it is
 * distributed by id and every tenant table is colocated with it.
 */
export const workspaces = pgTable('workspaces', {
  id: uuid().primaryKey(),
  name: text().notNull(),
  slug: text().notNull().unique(),
  timeZone: text().notNull().default('Asia/Tokyo'),
  fiscalYearStartMonth: smallint().notNull().default(4),
  currency: text().notNull().default('JPY'),
  locale: text().notNull().default('ja'),
  orgModel: text().notNull().default('assembly_line'),
  settings: jsonb().notNull().default({}),
  ...versioned(),
});

export const users = pgTable(
  'users',
  {
    ...tenantKey(),
    email: text().notNull(),
    displayName: text().notNull(),
    passwordHash: text(),
    locale: text(),
    status: text().notNull().default('active'),
    lastLoginAt: timestamp({ withTimezone: true }),
    ...versioned(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('users_workspace_email_uq').on(t.workspaceId, sql`lower(${t.email})`),
    // Login looks a person up by email before it knows the workspace.
    index('users_email_idx').on(sql`lower(${t.email})`),
    foreignKey({ columns: [t.workspaceId], foreignColumns: [workspaces.id] }).onDelete('cascade'),
  ],
);

/**
 * A role a user holds, optionally in a team, with the capacity that role gives
 * (IS: half-hour slots a week; AE: open opportunities; ONB/CSM: accounts).
 */
export const memberships = pgTable(
  'memberships',
  {
    ...tenantKey(),
    userId: uuid().notNull(),
    teamId: uuid(),
    role: text().notNull(),
    capacity: integer(),
    isLead: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('memberships_user_idx').on(t.workspaceId, t.userId),
    foreignKey({
      columns: [t.workspaceId, t.userId],
      foreignColumns: [users.workspaceId, users.id],
    }).onDelete('cascade'),
  ],
);

/** Browser sessions; the cookie holds `<workspace id>.<secret>` and only a hash is stored. */
export const sessions = pgTable(
  'sessions',
  {
    ...tenantKey(),
    userId: uuid().notNull(),
    tokenHash: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('sessions_token_uq').on(t.workspaceId, t.tokenHash),
    foreignKey({
      columns: [t.workspaceId, t.userId],
      foreignColumns: [users.workspaceId, users.id],
    }).onDelete('cascade'),
  ],
);

/** Bearer tokens for scripts: `baton_<workspace id>_<secret>`; only a hash is stored. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    ...tenantKey(),
    userId: uuid().notNull(),
    name: text().notNull(),
    tokenHash: text().notNull(),
    lastUsedAt: timestamp({ withTimezone: true }),
    expiresAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('api_tokens_hash_uq').on(t.workspaceId, t.tokenHash),
    foreignKey({
      columns: [t.workspaceId, t.userId],
      foreignColumns: [users.workspaceId, users.id],
    }).onDelete('cascade'),
  ],
);
