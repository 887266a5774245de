import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';

/** Most events one batch request may carry. */
export const MAX_BATCH_EVENTS = 500;
/** Largest tracking request body in bytes (413 above it). */
export const MAX_BATCH_BYTES = 512 * 1024;

const traitText = (max: number) => z.string().trim().max(max).optional();

/** Person fields an identify event or a form may carry. */
export const traitsSchema = z.strictObject({
  firstName: traitText(80),
  lastName: traitText(80),
  company: traitText(200),
  title: traitText(120),
  department: traitText(120),
  phone: z
    .string()
    .trim()
    .max(40)
    .regex(/^[0-9+\-() ]*$/, 'digits, spaces and + - ( ) only')
    .optional(),
});

const email = z
  .string()
  .max(254)
  .transform((v) => v.normalize('NFKC').trim())
  .pipe(z.email());

/**
 * One tracked event. `id` is the client's event id (idempotency: a replay is stored
 * once); `anonymousId` the browser's visitor id; `email` identifies the person.
 */
export const trackEventSchema = z
  .strictObject({
    id: z.string().min(1).max(128).optional(),
    type: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'lower-case snake_case, e.g. page_view'),
    occurredAt: z.iso.datetime({ offset: true }).optional(),
    anonymousId: z.string().min(1).max(128).optional(),
    email: email.optional(),
    traits: traitsSchema.optional(),
    properties: z
      .record(z.string().max(64), z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]))
      .refine((p) => Object.keys(p).length <= 50, 'at most 50 properties')
      .optional(),
  })
  .refine((e) => e.anonymousId || e.email, {
    message: 'an event needs an anonymousId or an email',
    path: ['anonymousId'],
  });

export type TrackEventInput = z.infer<typeof trackEventSchema>;

export const batchEnvelopeSchema = z.strictObject({
  writeKey: z.string().max(200).optional(),
  events: z.array(z.unknown()).min(1).max(MAX_BATCH_EVENTS),
});

export interface EventIssue {
  index: number;
  path: string;
  message: string;
}

/** Validates each event on its own, so a batch can name every bad event or accept the good ones. */
export function validateEvents(
  raw: unknown[],
  now: Date,
): { valid: { index: number; event: TrackEventInput }[]; issues: EventIssue[] } {
  const valid: { index: number; event: TrackEventInput }[] = [];
  const issues: EventIssue[] = [];
  const latest = now.getTime() + 86_400_000;
  raw.forEach((item, index) => {
    const parsed = trackEventSchema.safeParse(item);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        issues.push({ index, path: ['events', index, ...issue.path].join('.'), message: issue.message });
      return;
    }
    if (parsed.data.occurredAt && Date.parse(parsed.data.occurredAt) > latest) {
      issues.push({
        index,
        path: `events.${index}.occurredAt`,
        message: 'more than a day in the future; check the clock',
      });
      return;
    }
    valid.push({ index, event: parsed.data });
  });
  return { valid, issues };
}

/** A write key names its workspace (`bwk_<workspace hex>_<secret>`), so lookups stay on its shard. */
export function newWriteKey(workspaceId: string): { key: string; hash: string; hint: string } {
  const key = `bwk_${workspaceId.replaceAll('-', '')}_${randomBytes(24).toString('base64url')}`;
  return { key, hash: hashWriteKey(key), hint: key.slice(-4) };
}

export function hashWriteKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function workspaceOfPublicKey(prefix: 'bwk' | 'bfk', key: string): string | null {
  const m = /^([a-z]+)_([0-9a-f]{32})_([A-Za-z0-9_-]{8,})$/.exec(key);
  if (!m || m[1] !== prefix) return null;
  const h = m[2]!;
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A public form key (`bfk_<workspace hex>_<random>`). */
export function newFormKey(workspaceId: string): string {
  return `bfk_${workspaceId.replaceAll('-', '')}_${randomBytes(9).toString('base64url')}`;
}
