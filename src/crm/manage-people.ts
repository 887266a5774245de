import { recordEntry } from '../lifecycle/transition-entity.ts';
import type { RequestContext } from '../platform/context.ts';
import { makeCrudUseCases } from '../platform/crud-use-cases.ts';
import { assertNotSuppressed } from '../privacy/check-suppression.ts';
import type { CreatePersonInput, UpdatePersonInput } from './people.ts';
import { normalizeEmail } from './people.ts';
import type { people } from './schema.ts';
import { deleteEventsOfPerson, peopleStore } from './store.ts';

const ACCOUNT_FK = { path: 'accountId', message: 'no account with this id in this workspace' };

const crud = makeCrudUseCases<typeof people, CreatePersonInput, UpdatePersonInput>(peopleStore, {
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
  // A new person enters the lead lifecycle at "lead" with its first history row.
  afterInsert: async (tx, row) => {
    await recordEntry(tx, 'person', row.id, row.stageEnteredAt);
  },
  beforeRemove: (tx, row) => deleteEventsOfPerson(tx, row.id),
  constraintFields: {
    people_email_uq: {
      path: 'email',
      message: 'a person with this email already exists; update that person',
    },
    people_workspace_id_account_id_accounts_workspace_id_id_fk: ACCOUNT_FK,
  },
  access: { resource: 'people', ownerKey: 'ownerUserId' },
});

/**
 * People CRUD: the email is stored as typed and deduplicated by its normalised form, and
 * an address on the suppression list (an erased person's) is refused.
 */
export const peopleUseCases = {
  ...crud,
  async create(ctx: RequestContext, input: CreatePersonInput) {
    if (input.email) await assertNotSuppressed(ctx, input.email);
    return crud.create(ctx, input);
  },
  async update(ctx: RequestContext, id: string, input: UpdatePersonInput) {
    if (input.email) await assertNotSuppressed(ctx, input.email);
    return crud.update(ctx, id, input);
  },
};
