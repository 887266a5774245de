import { makeCrudStore } from '../platform/db/crud-store.ts';
import { campaigns } from './schema.ts';

export type CampaignRow = typeof campaigns.$inferSelect;

export const campaignsStore = makeCrudStore({
  table: campaigns,
  sortable: { createdAt: campaigns.createdAt, name: campaigns.name, cost: campaigns.cost },
  searchable: [campaigns.name],
  filterable: { channel: campaigns.channel, status: campaigns.status },
});
