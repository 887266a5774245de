import { makeCrudUseCases, stillReferenced } from '../platform/crud-use-cases.ts';
import { DomainError } from '../platform/errors.ts';
import type { CreateCampaignInput, UpdateCampaignInput } from './campaigns.ts';
import type { campaigns } from './schema.ts';
import { campaignsStore, eventsNameCampaign } from './store.ts';

/** Campaign CRUD. A period edited on one side is checked against the stored other side. */
export const campaignUseCases = makeCrudUseCases<typeof campaigns, CreateCampaignInput, UpdateCampaignInput>(
  campaignsStore,
  {
    entity: 'campaign',
    label: 'Campaign',
    toInsert: (_ctx, input: CreateCampaignInput) => input,
    toUpdate: (_ctx, { version: _v, ...input }: UpdateCampaignInput, current) => {
      const startsOn = input.startsOn !== undefined ? input.startsOn : current.startsOn;
      const endsOn = input.endsOn !== undefined ? input.endsOn : current.endsOn;
      if (startsOn && endsOn && startsOn > endsOn) {
        throw new DomainError(
          'invalid_input',
          `The campaign would end (${endsOn}) before it starts (${startsOn}).`,
          [{ path: 'endsOn', message: 'the end date is before the start date' }],
        );
      }
      return input;
    },
    beforeRemove: async (tx, row) => {
      if (await eventsNameCampaign(tx, row.id)) throw stillReferenced('campaign', 'tracked events name it');
    },
    constraintFields: {},
    access: { resource: 'campaigns', ownerKey: null },
  },
);
