import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  foreignKey,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { people } from '../crm/schema.ts';
import { money, tenantKey, versioned } from '../platform/columns.ts';
import { workspaces } from '../workspace/schema.ts';

/** A marketing campaign: channel, period and what it cost (minor units of the workspace currency). */
export const campaigns = pgTable(
  'campaigns',
  {
    ...tenantKey(),
    name: text().notNull(),
    channel: text().notNull(),
    status: text().notNull().default('planned'),
    startsOn: date(),
    endsOn: date(),
    cost: money().notNull().default(0),
    ...versioned(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('campaigns_name_idx').on(t.workspaceId, t.name, t.id),
    foreignKey({ columns: [t.workspaceId], foreignColumns: [workspaces.id] }).onDelete('cascade'),
  ],
);

/** A person's membership of a campaign (sent, registered, attended, responded). */
export const campaignMembers = pgTable(
  'campaign_members',
  {
    workspaceId: uuid().notNull(),
    campaignId: uuid().notNull(),
    personId: uuid().notNull(),
    status: text().notNull(),
    firstTouchAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.campaignId, t.personId] }),
    index('campaign_members_person_idx').on(t.workspaceId, t.personId),
    foreignKey({
      columns: [t.workspaceId, t.campaignId],
      foreignColumns: [campaigns.workspaceId, campaigns.id],
    }).onDelete('cascade'),
    foreignKey({
      columns: [t.workspaceId, t.personId],
      foreignColumns: [people.workspaceId, people.id],
    }).onDelete('cascade'),
  ],
);

/** An anonymous browser (pre-lead). `personId` is set when it identifies. */
export const visitors = pgTable(
  'visitors',
  {
    ...tenantKey(),
    anonymousId: text().notNull(),
    personId: uuid(),
    firstSeenAt: timestamp({ withTimezone: true }).notNull(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull(),
    identifiedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('visitors_anonymous_uq').on(t.workspaceId, t.anonymousId),
    index('visitors_person_idx').on(t.workspaceId, t.personId),
    foreignKey({
      columns: [t.workspaceId, t.personId],
      foreignColumns: [people.workspaceId, people.id],
    }).onDelete('cascade'),
  ],
);

/**
 * Behaviour events, append-only. `idempotencyKey` is the client's event id: a replay
 * of the same key is stored once. `seq` orders events for incremental consumers.
 */
export const events = pgTable(
  'events',
  {
    ...tenantKey(),
    seq: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    idempotencyKey: text().notNull(),
    type: text().notNull(),
    occurredAt: timestamp({ withTimezone: true }).notNull(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    personId: uuid(),
    visitorId: uuid(),
    accountId: uuid(),
    campaignId: uuid(),
    properties: jsonb().notNull().default({}),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('events_idempotency_uq').on(t.workspaceId, t.idempotencyKey),
    index('events_person_idx').on(t.workspaceId, t.personId, t.occurredAt),
    index('events_visitor_idx').on(t.workspaceId, t.visitorId).where(sql`${t.visitorId} is not null`),
    index('events_type_time_idx').on(t.workspaceId, t.type, t.occurredAt),
    // No foreign keys: a key check per appended row (and on the workspace row, one row
    // every concurrent insert locks) cost more than the insert itself. The writers take
    // the ids from rows read in the same transaction; deleting a person deletes its
    // events, and an account or campaign that events name cannot be deleted (crud rules).
  ],
);

/**
 * Write keys for the public tracking endpoint. A write key is embedded in web pages, so
 * it only lets a browser append events; only its SHA-256 is stored, and it names its
 * workspace so the lookup stays on one shard.
 */
export const trackingWriteKeys = pgTable(
  'tracking_write_keys',
  {
    ...tenantKey(),
    name: text().notNull(),
    keyHash: text().notNull(),
    keyHint: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid(),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('tracking_write_keys_hash_uq').on(t.workspaceId, t.keyHash),
    foreignKey({ columns: [t.workspaceId], foreignColumns: [workspaces.id] }).onDelete('cascade'),
  ],
);

/**
 * A form posted to `/f/v1/:formKey`: what kind it is (the `form` property of its
 * form_submit event, e.g. demo_request), the campaign it feeds, and whether it is a hand-raise.
 */
export const forms = pgTable(
  'forms',
  {
    ...tenantKey(),
    formKey: text().notNull(),
    name: text().notNull(),
    kind: text().notNull(),
    handRaise: boolean().notNull().default(false),
    campaignId: uuid(),
    memberStatus: text().notNull().default('responded'),
    ...versioned(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('forms_key_uq').on(t.workspaceId, t.formKey),
    foreignKey({ columns: [t.workspaceId], foreignColumns: [workspaces.id] }).onDelete('cascade'),
    foreignKey({
      columns: [t.workspaceId, t.campaignId],
      foreignColumns: [campaigns.workspaceId, campaigns.id],
    }),
  ],
);
