import type {
  CHANNELS as ServerChannels,
  CAMPAIGN_STATUSES as ServerStatuses,
} from '../../../../src/capture/campaigns.ts';

export type Channel = (typeof ServerChannels)[number];
export type CampaignStatus = (typeof ServerStatuses)[number];

// The same lists as the API's (the types above fail the build if they drift apart).
export const CHANNELS = [
  'web_ads',
  'seminar',
  'exhibition',
  'email',
  'content',
  'referral',
  'outbound',
  'other',
] as const satisfies readonly Channel[];
export const CAMPAIGN_STATUSES = [
  'planned',
  'active',
  'completed',
  'cancelled',
] as const satisfies readonly CampaignStatus[];

export interface Campaign {
  id: string;
  version: number;
  name: string;
  channel: Channel;
  status: CampaignStatus;
  startsOn: string | null;
  endsOn: string | null;
  /** In the workspace currency's minor unit. */
  cost: number;
  createdAt: string;
  updatedAt: string;
}

export interface CampaignInput {
  name: string;
  channel: Channel;
  status: CampaignStatus;
  startsOn: string | null;
  endsOn: string | null;
  cost: number;
}
