import { makeCrudUseCases } from '../platform/crud-use-cases.ts';
import type { CreateFormInput, UpdateFormInput } from './forms.ts';
import { HAND_RAISE_KINDS } from './forms.ts';
import type { forms } from './schema.ts';
import { formsStore } from './store.ts';
import { newFormKey } from './tracking.ts';

/** Form CRUD: a new form gets its public key; demo requests and contact forms are hand-raises by default. */
export const formUseCases = makeCrudUseCases<typeof forms, CreateFormInput, UpdateFormInput>(formsStore, {
  entity: 'form',
  label: 'Form',
  toInsert: (ctx, input: CreateFormInput) => ({
    ...input,
    formKey: newFormKey(ctx.workspaceId),
    handRaise: input.handRaise ?? HAND_RAISE_KINDS.has(input.kind),
  }),
  toUpdate: (_ctx, { version: _v, ...input }: UpdateFormInput) => input,
  constraintFields: {
    forms_workspace_id_campaign_id_campaigns_workspace_id_id_fk: {
      path: 'campaignId',
      message: 'no campaign with this id in this workspace',
    },
  },
  // Forms are campaign material: who may manage campaigns manages their forms.
  access: { resource: 'campaigns', ownerKey: null },
});
