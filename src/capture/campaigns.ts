import { z } from 'zod';

/** The channels of DOMAIN.md's marketing mix; attribution and cost-per-X group by them. */
export const CHANNELS = [
  'web_ads',
  'seminar',
  'exhibition',
  'email',
  'content',
  'referral',
  'outbound',
  'other',
] as const;
export const CAMPAIGN_STATUSES = ['planned', 'active', 'completed', 'cancelled'] as const;
export const MEMBER_STATUSES = ['sent', 'registered', 'attended', 'responded'] as const;

const isoDate = z.iso.date();

const campaignFields = {
  name: z.string().trim().min(1).max(200),
  channel: z.enum(CHANNELS),
  status: z.enum(CAMPAIGN_STATUSES),
  startsOn: isoDate.nullable(),
  endsOn: isoDate.nullable(),
  /** In the workspace currency's minor unit (yen for JPY). */
  cost: z.int().min(0).max(1_000_000_000_000),
};

const periodInOrder = (c: { startsOn?: string | null; endsOn?: string | null }) =>
  !c.startsOn || !c.endsOn || c.startsOn <= c.endsOn;
const periodIssue = { message: 'the end date is before the start date', path: ['endsOn'] };

export const createCampaignSchema = z
  .strictObject(campaignFields)
  .partial()
  .required({ name: true, channel: true })
  .refine(periodInOrder, periodIssue);

export const updateCampaignSchema = z
  .strictObject({ version: z.int().positive(), ...campaignFields })
  .partial()
  .required({ version: true })
  .refine(periodInOrder, periodIssue);

export type CreateCampaignInput = z.infer<typeof createCampaignSchema>;
export type UpdateCampaignInput = z.infer<typeof updateCampaignSchema>;
