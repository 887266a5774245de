import { z } from 'zod';
import { ROLES } from '../platform/context.ts';

/** A role held by a user, optionally in a team, with the capacity that role gives. */
export const roleAssignmentSchema = z.strictObject({
  role: z.enum(ROLES),
  teamId: z.uuid().nullable().optional(),
  /** IS: half-hour slots a week (default 80); AE: open opportunities; ONB/CSM: accounts. */
  capacity: z.int().min(0).max(10_000).nullable().optional(),
});

export const createUserSchema = z.strictObject({
  email: z.email().max(254),
  displayName: z.string().trim().min(1).max(120),
  password: z.string().min(10).max(200).optional(),
  locale: z.enum(['ja', 'en']).nullable().optional(),
  roles: z.array(roleAssignmentSchema).max(20).default([]),
});

export const updateUserSchema = z.strictObject({
  version: z.int().positive(),
  email: z.email().max(254).optional(),
  displayName: z.string().trim().min(1).max(120).optional(),
  password: z.string().min(10).max(200).optional(),
  locale: z.enum(['ja', 'en']).nullable().optional(),
  status: z.enum(['active', 'deactivated']).optional(),
  roles: z.array(roleAssignmentSchema).max(20).optional(),
});

export type CreateUserInput = z.input<typeof createUserSchema>;
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

/** The default capacity of a role when none is given (DOMAIN.md section 6). */
export function defaultCapacity(role: (typeof ROLES)[number]): number | null {
  switch (role) {
    case 'mdr':
    case 'sdr':
      return 80;
    case 'ae':
      return 25;
    case 'onb':
      return 8;
    case 'csm':
      return 40;
    default:
      return null;
  }
}
