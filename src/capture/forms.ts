import { z } from 'zod';
import { MEMBER_STATUSES } from './campaigns.ts';

/** Form kinds the default scoring rules know; others score as a plain form submit. */
export const HAND_RAISE_KINDS = new Set(['demo_request', 'contact']);

const formFields = {
  name: z.string().trim().min(1).max(200),
  kind: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'lower-case snake_case, e.g. demo_request'),
  handRaise: z.boolean(),
  campaignId: z.uuid().nullable(),
  memberStatus: z.enum(MEMBER_STATUSES),
};

export const createFormSchema = z.strictObject(formFields).partial().required({ name: true, kind: true });
export const updateFormSchema = z
  .strictObject({ version: z.int().positive(), ...formFields })
  .partial()
  .required({ version: true });
export type CreateFormInput = z.infer<typeof createFormSchema>;
export type UpdateFormInput = z.infer<typeof updateFormSchema>;

const text = (max: number) => z.string().trim().max(max).optional();

/** A submission to /f/v1/:formKey (JSON or an HTML form post). Other fields are kept as properties. */
export const formSubmissionSchema = z.object({
  email: z
    .string()
    .max(254)
    .transform((v) => v.normalize('NFKC').trim())
    .pipe(z.email()),
  firstName: text(80),
  lastName: text(80),
  company: text(200),
  title: text(120),
  department: text(120),
  phone: z
    .string()
    .trim()
    .max(40)
    .regex(/^[0-9+\-() ]*$/, 'digits, spaces and + - ( ) only')
    .optional(),
  anonymousId: z.string().min(1).max(128).optional(),
  submissionId: z.string().min(1).max(128).optional(),
  path: text(500),
  _redirect: z.url().max(2000).optional(),
});
export type FormSubmission = z.infer<typeof formSubmissionSchema>;

/** Keeps only short scalar extra fields (a form may carry a message, a checkbox…). */
export function extraFields(body: Record<string, unknown>): Record<string, string> {
  const known = new Set(Object.keys(formSubmissionSchema.shape));
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) {
    if (known.has(k) || k === 'writeKey' || Object.keys(out).length >= 30) continue;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
      out[k.slice(0, 64)] = String(v).slice(0, 2000);
  }
  return out;
}
