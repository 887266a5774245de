import { makeCrudUseCases, stillReferenced } from '../platform/crud-use-cases.ts';
import type { CreateAccountInput, UpdateAccountInput } from './accounts.ts';
import type { accounts } from './schema.ts';
import { accountsStore, eventsNameAccount } from './store.ts';

/** Account CRUD; the domain is unique per workspace so people can be matched to it. */
export const accountUseCases = makeCrudUseCases<typeof accounts, CreateAccountInput, UpdateAccountInput>(
  accountsStore,
  {
    entity: 'account',
    label: 'Account',
    toInsert: (_ctx, input: CreateAccountInput) => input,
    toUpdate: (_ctx, { version: _v, ...input }: UpdateAccountInput) => input,
    beforeRemove: async (tx, row) => {
      if (await eventsNameAccount(tx, row.id)) throw stillReferenced('account', 'tracked events name it');
    },
    constraintFields: {
      accounts_domain_uq: { path: 'domain', message: 'an account with this domain already exists' },
    },
    access: { resource: 'accounts', ownerKey: 'ownerUserId' },
  },
);
