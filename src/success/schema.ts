import {
  date,
  foreignKey,
  index,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { accounts } from '../crm/schema.ts';
import { money, tenantKey, versioned } from '../platform/columns.ts';

/** A subscription (契約): plan, MRR, term and renewal. Amendments are kept in order. */
export const subscriptions = pgTable(
  'subscriptions',
  {
    ...tenantKey(),
    accountId: uuid().notNull(),
    opportunityId: uuid(),
    plan: text().notNull(),
    mrr: money().notNull(),
    startsOn: date().notNull(),
    termMonths: smallint().notNull().default(12),
    renewsOn: date(),
    endsOn: date(),
    status: text().notNull().default('active'),
    churnReason: text(),
    amendments: jsonb().notNull().default([]),
    ...versioned(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('subscriptions_account_idx').on(t.workspaceId, t.accountId),
    index('subscriptions_renews_idx').on(t.workspaceId, t.renewsOn),
    foreignKey({
      columns: [t.workspaceId, t.accountId],
      foreignColumns: [accounts.workspaceId, accounts.id],
    }),
  ],
);
