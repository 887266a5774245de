import { sql } from 'drizzle-orm';
import { makeCrudStore } from '../platform/db/crud-store.ts';
import { accounts, people } from './schema.ts';

export type PersonRow = typeof people.$inferSelect;
export type AccountRow = typeof accounts.$inferSelect;

export const peopleStore = makeCrudStore({
  table: people,
  sortable: {
    createdAt: people.createdAt,
    updatedAt: people.updatedAt,
    email: sql`coalesce(${people.emailNormalized}, '')`,
    lastName: sql`coalesce(${people.lastName}, '')`,
    stageEnteredAt: people.stageEnteredAt,
  },
  searchable: [people.emailNormalized, people.lastName, people.firstName, people.phone, people.title],
  filterable: {
    lifecycleStage: people.lifecycleStage,
    accountId: people.accountId,
    ownerUserId: people.ownerUserId,
    source: people.source,
  },
});

export const accountsStore = makeCrudStore({
  table: accounts,
  sortable: {
    createdAt: accounts.createdAt,
    updatedAt: accounts.updatedAt,
    name: accounts.name,
    employeeCount: sql`coalesce(${accounts.employeeCount}, -1)`,
  },
  searchable: [accounts.name, accounts.domain, accounts.industry],
  filterable: {
    industry: accounts.industry,
    region: accounts.region,
    tier: accounts.tier,
    ownerUserId: accounts.ownerUserId,
    customerStage: accounts.customerStage,
  },
});
