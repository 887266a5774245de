import {
  bigint,
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
import { workspaces } from '../workspace/schema.ts';
import { tenantKey } from './columns.ts';

/**
 * Every mutation, from the API, the CLI, jobs and imports: who, what, before and after,
 * why. Append-only; `prevHash`/`hash` chain the rows of a workspace so tampering shows.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    ...tenantKey(),
    seq: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    actorType: text().notNull(),
    actorId: uuid(),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: uuid(),
    before: jsonb(),
    after: jsonb(),
    reason: text(),
    prevHash: text(),
    hash: text(),
    /** 1: the hash covers the payloads; 2: it covers their digests, so erasure can redact them. */
    hashVersion: smallint().notNull().default(1),
    /** Set when a privacy erasure redacted the payloads: the digests they had, so the chain still verifies. */
    beforeDigest: text(),
    afterDigest: text(),
    redactedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('audit_entity_idx').on(t.workspaceId, t.entityType, t.entityId, t.seq),
    index('audit_seq_idx').on(t.workspaceId, t.seq),
    foreignKey({ columns: [t.workspaceId], foreignColumns: [workspaces.id] }).onDelete('cascade'),
  ],
);

/**
 * Background work, polled with `FOR UPDATE SKIP LOCKED`. `dedupeKey` makes enqueueing
 * idempotent; handlers must be idempotent too because a killed run is retried.
 */
export const jobs = pgTable(
  'jobs',
  {
    ...tenantKey(),
    kind: text().notNull(),
    payload: jsonb().notNull().default({}),
    status: text().notNull().default('queued'),
    runAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    attempts: integer().notNull().default(0),
    maxAttempts: integer().notNull().default(10),
    lastError: text(),
    lockedBy: text(),
    lockedUntil: timestamp({ withTimezone: true }),
    progress: jsonb(),
    dedupeKey: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('jobs_due_idx').on(t.status, t.runAt),
    uniqueIndex('jobs_dedupe_uq').on(t.workspaceId, t.dedupeKey),
    foreignKey({ columns: [t.workspaceId], foreignColumns: [workspaces.id] }).onDelete('cascade'),
  ],
);

/** A message for one user (SLA breaches, hand-offs to them or their team); read when readAt is set. */
export const notifications = pgTable(
  'notifications',
  {
    ...tenantKey(),
    userId: uuid().notNull(),
    kind: text().notNull(),
    title: text().notNull(),
    entityType: text(),
    entityId: uuid(),
    data: jsonb().notNull().default({}),
    /** Makes raising the same notice twice (a retried job) a no-op. */
    dedupeKey: text(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    readAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('notifications_user_idx').on(t.workspaceId, t.userId, t.createdAt),
    uniqueIndex('notifications_dedupe_uq').on(t.workspaceId, t.userId, t.dedupeKey),
    foreignKey({ columns: [t.workspaceId], foreignColumns: [workspaces.id] }).onDelete('cascade'),
  ],
);

/** Where a workspace wants its events POSTed, signed with its secret (HMAC-SHA256). */
export const webhookSubscriptions = pgTable(
  'webhook_subscriptions',
  {
    ...tenantKey(),
    url: text().notNull(),
    events: jsonb().notNull().default([]),
    /** Kept, not hashed: signing each delivery needs it. Shown once at creation. */
    secret: text().notNull(),
    description: text(),
    active: boolean().notNull().default(true),
    version: bigint({ mode: 'number' }).notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({ columns: [t.workspaceId], foreignColumns: [workspaces.id] }).onDelete('cascade'),
  ],
);

/** One event for one subscription, and every attempt to deliver it (the delivery log). */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    ...tenantKey(),
    subscriptionId: uuid().notNull(),
    eventType: text().notNull(),
    payload: jsonb().notNull(),
    status: text().notNull().default('pending'),
    attempts: integer().notNull().default(0),
    lastStatusCode: integer(),
    lastError: text(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    lastAttemptAt: timestamp({ withTimezone: true }),
    deliveredAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('webhook_deliveries_sub_idx').on(t.workspaceId, t.subscriptionId, t.createdAt),
    foreignKey({
      columns: [t.workspaceId, t.subscriptionId],
      foreignColumns: [webhookSubscriptions.workspaceId, webhookSubscriptions.id],
    }).onDelete('cascade'),
  ],
);
