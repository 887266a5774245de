import {
  bigint,
  date,
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
import { accounts } from '../crm/schema.ts';
import { money, tenantKey, versioned } from '../platform/columns.ts';
import { workspaces } from '../workspace/schema.ts';

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

/**
 * Every change of a subscription's MRR, append-only: the log MRR movements are computed
 * from. `effectiveOn` is the calendar day (workspace time zone) the new MRR applies from.
 */
export const subscriptionChanges = pgTable(
  'subscription_changes',
  {
    ...tenantKey(),
    seq: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    subscriptionId: uuid().notNull(),
    accountId: uuid().notNull(),
    kind: text().notNull(),
    effectiveOn: date().notNull(),
    plan: text().notNull(),
    mrrBefore: money().notNull(),
    mrrAfter: money().notNull(),
    reason: text(),
    actorUserId: uuid(),
    recordedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('subscription_changes_effective_idx').on(t.workspaceId, t.effectiveOn, t.seq),
    index('subscription_changes_subscription_idx').on(t.workspaceId, t.subscriptionId, t.seq),
    foreignKey({
      columns: [t.workspaceId, t.subscriptionId],
      foreignColumns: [subscriptions.workspaceId, subscriptions.id],
    }).onDelete('cascade'),
  ],
);

/**
 * Customer Success's state of one customer account: who onboards and carries it, the
 * onboarding milestones (time to first value) and the current health.
 */
export const customerAccounts = pgTable(
  'customer_accounts',
  {
    workspaceId: uuid().notNull(),
    accountId: uuid().notNull(),
    onbUserId: uuid(),
    csmUserId: uuid(),
    amUserId: uuid(),
    onboardingPlan: text(),
    onboardingStartedAt: timestamp({ withTimezone: true }),
    firstValueAt: timestamp({ withTimezone: true }),
    onboardingCompletedAt: timestamp({ withTimezone: true }),
    healthScore: smallint(),
    healthBand: text(),
    healthTrend: smallint(),
    healthExplanation: jsonb(),
    healthComputedAt: timestamp({ withTimezone: true }),
    /** Set while the account is red: one risk task per red episode. */
    redSince: timestamp({ withTimezone: true }),
    ...versioned(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.accountId] }),
    index('customer_accounts_csm_idx').on(t.workspaceId, t.csmUserId),
    foreignKey({
      columns: [t.workspaceId, t.accountId],
      foreignColumns: [accounts.workspaceId, accounts.id],
    }).onDelete('cascade'),
  ],
);

/** Health scores as computed, append-only: the trend and the history of a customer's health. */
export const healthSnapshots = pgTable(
  'health_snapshots',
  {
    ...tenantKey(),
    accountId: uuid().notNull(),
    computedAt: timestamp({ withTimezone: true }).notNull(),
    score: smallint().notNull(),
    band: text().notNull(),
    factors: jsonb().notNull(),
    configVersion: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('health_snapshots_account_idx').on(t.workspaceId, t.accountId, t.computedAt),
    foreignKey({
      columns: [t.workspaceId, t.accountId],
      foreignColumns: [accounts.workspaceId, accounts.id],
    }).onDelete('cascade'),
  ],
);

/**
 * Customer Success settings (health factors and thresholds, renewal lead days, growth
 * signal, onboarding checklists per plan), versioned: the highest version is in force.
 */
export const successConfigs = pgTable(
  'success_configs',
  {
    workspaceId: uuid().notNull(),
    version: integer().notNull(),
    config: jsonb().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.version] }),
    foreignKey({ columns: [t.workspaceId], foreignColumns: [workspaces.id] }).onDelete('cascade'),
  ],
);

/** Support tickets and NPS responses, from the API or a CSV import; inputs of health. */
export const customerSignals = pgTable(
  'customer_signals',
  {
    ...tenantKey(),
    accountId: uuid().notNull(),
    personId: uuid(),
    kind: text().notNull(),
    externalId: text(),
    occurredAt: timestamp({ withTimezone: true }).notNull(),
    /** NPS: 0-10. Ticket: priority 1 (urgent) - 4 (low). */
    value: smallint(),
    status: text(),
    closedAt: timestamp({ withTimezone: true }),
    subject: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('customer_signals_account_idx').on(t.workspaceId, t.accountId, t.kind, t.occurredAt),
    uniqueIndex('customer_signals_external_uq').on(t.workspaceId, t.kind, t.externalId),
    foreignKey({
      columns: [t.workspaceId, t.accountId],
      foreignColumns: [accounts.workspaceId, accounts.id],
    }).onDelete('cascade'),
  ],
);

/** Sustained usage growth spotted in an account; accepted, it becomes an expansion opportunity. */
export const expansionSignals = pgTable(
  'expansion_signals',
  {
    ...tenantKey(),
    accountId: uuid().notNull(),
    status: text().notNull().default('open'),
    detectedAt: timestamp({ withTimezone: true }).notNull(),
    evidence: jsonb().notNull(),
    respondedAt: timestamp({ withTimezone: true }),
    respondedBy: uuid(),
    opportunityId: uuid(),
    dismissReason: text(),
    ...versioned(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('expansion_signals_account_idx').on(t.workspaceId, t.accountId, t.status),
    foreignKey({
      columns: [t.workspaceId, t.accountId],
      foreignColumns: [accounts.workspaceId, accounts.id],
    }).onDelete('cascade'),
  ],
);
