import { foreignKey, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { people } from '../crm/schema.ts';
import { workspaces } from '../workspace/schema.ts';

/**
 * A person's consent on one channel (email, phone, sms, postal): granted, denied or
 * unsubscribed. Cadences and exports ask `canContact` before using a channel; every
 * change is in the audit log.
 */
export const consents = pgTable(
  'consents',
  {
    workspaceId: uuid().notNull(),
    personId: uuid().notNull(),
    channel: text().notNull(),
    status: text().notNull(),
    source: text(),
    changedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.personId, t.channel] }),
    foreignKey({
      columns: [t.workspaceId, t.personId],
      foreignColumns: [people.workspaceId, people.id],
    }).onDelete('cascade'),
  ],
);

/**
 * Addresses that must not come back: the SHA-256 of the normalised email of an erased
 * (or suppressed) person. Creation and imports refuse a person whose email hashes here.
 */
export const suppressions = pgTable(
  'suppressions',
  {
    workspaceId: uuid().notNull(),
    emailHash: text().notNull(),
    reason: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.emailHash] }),
    index('suppressions_created_idx').on(t.workspaceId, t.createdAt),
    foreignKey({ columns: [t.workspaceId], foreignColumns: [workspaces.id] }).onDelete('cascade'),
  ],
);
