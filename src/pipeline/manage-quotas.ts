import { z } from 'zod';
import { makeCrudUseCases } from '../platform/crud-use-cases.ts';
import { DomainError } from '../platform/errors.ts';
import type { quotas } from './schema.ts';
import { quotasStore } from './store.ts';

const periodKey = z
  .string()
  .regex(/^FY\d{4}(-(Q[1-4]|M(0[1-9]|1[0-2])))?$/, 'FY2026, FY2026-Q1 … Q4 or FY2026-M01 … M12');

export const createQuotaSchema = z.strictObject({
  period: periodKey,
  ownerUserId: z.uuid().nullable().optional(),
  teamId: z.uuid().nullable().optional(),
  amountMrr: z.int().min(0, 'must be 0 or more').max(1e13),
});
export const updateQuotaSchema = z.strictObject({
  version: z.int().positive(),
  amountMrr: z.int().min(0, 'must be 0 or more').max(1e13),
});

/** Quotas per fiscal period, for one owner or one team/POD. */
export const quotaUseCases = makeCrudUseCases<
  typeof quotas,
  z.infer<typeof createQuotaSchema>,
  z.infer<typeof updateQuotaSchema>
>(quotasStore, {
  entity: 'quota',
  label: 'Quota',
  toInsert: (_ctx, input: z.infer<typeof createQuotaSchema>) => {
    if (Boolean(input.ownerUserId) === Boolean(input.teamId)) {
      throw new DomainError('invalid_input', 'A quota belongs to exactly one owner or one team.', [
        { path: 'ownerUserId', message: 'give ownerUserId or teamId, not both or neither' },
      ]);
    }
    return { ...input, ownerUserId: input.ownerUserId ?? null, teamId: input.teamId ?? null };
  },
  toUpdate: (_ctx, { amountMrr }: z.infer<typeof updateQuotaSchema>) => ({ amountMrr }),
  constraintFields: {
    quotas_owner_period_uq: { path: 'ownerUserId', message: 'this owner already has a quota for the period' },
    quotas_team_period_uq: { path: 'teamId', message: 'this team already has a quota for the period' },
  },
  // Quotas are part of the plan: managers and admins set them.
  access: { resource: 'planning', ownerKey: null },
});
