import { z } from 'zod';

/** A bare domain (no scheme, path or `www.`), lower-case: the key that joins people to accounts. */
export function normalizeDomain(domain: string): string {
  return domain
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '')
    .replace(/[/?#].*$/, '');
}

const domain = z
  .string()
  .max(253)
  .transform(normalizeDomain)
  .pipe(z.string().regex(/^([a-z0-9-]+\.)+[a-z]{2,}$/, 'a domain such as example.co.jp'));

const accountFields = {
  name: z.string().trim().min(1).max(200),
  domain: domain.nullable(),
  industry: z.string().trim().max(80).nullable(),
  employeeCount: z.int().min(0).max(10_000_000).nullable(),
  region: z.string().trim().max(80).nullable(),
  ownerUserId: z.uuid().nullable(),
  attributes: z.record(
    z.string().max(64),
    z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]),
  ),
};

export const createAccountSchema = z.strictObject(accountFields).partial().required({ name: true });
export const updateAccountSchema = z
  .strictObject({ version: z.int().positive(), ...accountFields })
  .partial()
  .required({ version: true });

export type CreateAccountInput = z.infer<typeof createAccountSchema>;
export type UpdateAccountInput = z.infer<typeof updateAccountSchema>;
