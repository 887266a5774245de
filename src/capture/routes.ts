import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { registerCrudRoutes } from '../platform/http/crud-routes.ts';
import { recordMeta } from '../platform/http/json-types.ts';
import { CAMPAIGN_STATUSES, CHANNELS, createCampaignSchema, updateCampaignSchema } from './campaigns.ts';
import { campaignUseCases } from './manage-campaigns.ts';

const campaignRow = z.object({
  ...recordMeta,
  name: z.string(),
  channel: z.string(),
  status: z.string(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  cost: z.int(),
});

export function registerCaptureRoutes(app: FastifyInstance): void {
  registerCrudRoutes(app, {
    path: 'campaigns',
    tag: 'Campaigns',
    defaultSort: '-createdAt',
    filters: { channel: z.enum(CHANNELS).optional(), status: z.enum(CAMPAIGN_STATUSES).optional() },
    create: createCampaignSchema,
    update: updateCampaignSchema,
    row: campaignRow,
    useCases: campaignUseCases,
  });
}
