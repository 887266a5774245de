import { bigint, timestamp, uuid } from 'drizzle-orm/pg-core';

/** The columns every tenant row starts with: the Citus distribution key and a UUID. */
export const tenantKey = () => ({
  workspaceId: uuid().notNull(),
  id: uuid().notNull(),
});

/** Optimistic concurrency: every update must name the version it read (409 otherwise). */
export const versioned = () => ({
  version: bigint({ mode: 'number' }).notNull().default(1),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Money is an integer in the currency's minor unit (JPY: yen). */
export const money = () => bigint({ mode: 'number' });
