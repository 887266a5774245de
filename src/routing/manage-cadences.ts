import type { z } from 'zod';
import { makeCrudUseCases } from '../platform/crud-use-cases.ts';
import type { createCadenceSchema, updateCadenceSchema } from './cadences.ts';
import type { cadences } from './schema.ts';
import { cadencesStore } from './work-store.ts';

/** Cadence templates: a name and ordered steps (day offset, channel, instructions). */
export const cadenceUseCases = makeCrudUseCases<
  typeof cadences,
  z.infer<typeof createCadenceSchema>,
  z.infer<typeof updateCadenceSchema>
>(cadencesStore, {
  entity: 'cadence',
  label: 'Cadence',
  toInsert: (_ctx, input: z.infer<typeof createCadenceSchema>) => input,
  toUpdate: (_ctx, { version: _v, ...input }: z.infer<typeof updateCadenceSchema>) => input,
  constraintFields: {},
  // Cadence templates are shared outreach material: everyone reads them, managers and admins write them.
  access: { resource: 'cadences', ownerKey: null },
});
