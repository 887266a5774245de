import { makeCrudUseCases } from '../platform/crud-use-cases.ts';
import type { CreatePersonInput, UpdatePersonInput } from './people.ts';
import { normalizeEmail } from './people.ts';
import { peopleStore } from './store.ts';

const ACCOUNT_FK = { path: 'accountId', message: 'no account with this id in this workspace' };

/** People CRUD: the email is stored as typed and deduplicated by its normalised form. */
export const peopleUseCases = makeCrudUseCases(peopleStore, {
  entity: 'person',
  label: 'Person',
  toInsert: (ctx, input: CreatePersonInput) => ({
    ...input,
    emailNormalized: input.email ? normalizeEmail(input.email) : null,
    stageEnteredAt: ctx.now(),
  }),
  toUpdate: (_ctx, { version: _v, ...input }: UpdatePersonInput) => ({
    ...input,
    ...(input.email !== undefined
      ? { emailNormalized: input.email ? normalizeEmail(input.email) : null }
      : {}),
  }),
  constraintFields: {
    people_email_uq: {
      path: 'email',
      message: 'a person with this email already exists; update that person',
    },
    people_workspace_id_account_id_accounts_workspace_id_id_fk: ACCOUNT_FK,
  },
  access: { resource: 'people', ownerKey: 'ownerUserId' },
});
