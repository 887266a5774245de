import { z } from 'zod';

/** The lead-lifecycle stages a person can be in (DOMAIN.md 3.1); changed only by transitions. */
export const SOURCES = ['inbound', 'outbound', 'referral', 'partner', 'import', 'event'] as const;

/**
 * The dedupe key of a person: trimmed, Unicode-normalised (full-width → ASCII), lower-case.
 * Japanese forms often produce full-width addresses (ｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏｍ).
 */
export function normalizeEmail(email: string): string {
  return email.normalize('NFKC').trim().toLowerCase();
}

const email = z
  .string()
  .max(254)
  .transform((v) => v.normalize('NFKC').trim())
  .pipe(z.email());
const text = (max: number) => z.string().trim().max(max);

const personFields = {
  accountId: z.uuid().nullable(),
  email: email.nullable(),
  phone: z
    .string()
    .trim()
    .max(40)
    .regex(/^[0-9+\-() ]*$/, 'digits, spaces and + - ( ) only')
    .nullable(),
  lastName: text(80).nullable(),
  firstName: text(80).nullable(),
  title: text(120).nullable(),
  department: text(120).nullable(),
  source: z.enum(SOURCES).nullable(),
  ownerUserId: z.uuid().nullable(),
  attributes: z.record(
    z.string().max(64),
    z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]),
  ),
};

export const createPersonSchema = z
  .strictObject(personFields)
  .partial()
  .refine((p) => Boolean(p.email || p.phone), {
    message: 'a lead needs an email or a phone number',
    path: ['email'],
  });

export const updatePersonSchema = z
  .strictObject({ version: z.int().positive(), ...personFields })
  .partial()
  .required({ version: true });

export type CreatePersonInput = z.infer<typeof createPersonSchema>;
export type UpdatePersonInput = z.infer<typeof updatePersonSchema>;
