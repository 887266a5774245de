import { z } from 'zod';

export const ORG_MODELS = ['islands', 'assembly_line', 'pods'] as const;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** A workspace's settings with DOMAIN.md's defaults (Asia/Tokyo, April fiscal year, JPY). */
export const workspaceSettingsSchema = z.strictObject({
  name: z.string().trim().min(1).max(120),
  slug: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes, 2-63 characters'),
  timeZone: z.string().refine(isTimeZone, 'an IANA time zone such as Asia/Tokyo').default('Asia/Tokyo'),
  fiscalYearStartMonth: z.int().min(1).max(12).default(4),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as JPY')
    .default('JPY'),
  locale: z.enum(['ja', 'en']).default('ja'),
  orgModel: z.enum(ORG_MODELS).default('assembly_line'),
});
export type WorkspaceSettings = z.input<typeof workspaceSettingsSchema>;

/** A URL-safe slug from a name; Japanese names fall back to "workspace". */
export function slugify(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return slug.length >= 2 ? slug : 'workspace';
}
