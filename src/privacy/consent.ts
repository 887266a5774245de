import { createHash } from 'node:crypto';
import { z } from 'zod';
import { normalizeEmail } from '../crm/people.ts';

export const CONSENT_CHANNELS = ['email', 'phone', 'sms', 'postal'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];
export const CONSENT_STATUSES = ['granted', 'denied', 'unsubscribed'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

/**
 * Without a recorded answer: advertising email needs prior opt-in in Japan (特定電子メール法),
 * so email is opt-in; a business phone call or letter is allowed until the person objects.
 */
export const DEFAULT_CONSENT: Record<ConsentChannel, 'opt_in' | 'opt_out'> = {
  email: 'opt_in',
  phone: 'opt_out',
  sms: 'opt_in',
  postal: 'opt_out',
};

export const consentInputSchema = z.strictObject({
  status: z.enum(CONSENT_STATUSES),
  source: z.string().trim().min(1).max(200).optional(),
});

/** Whether Baton may use a channel for a person: the recorded answer, else the channel's default. */
export function canContact(
  consents: readonly { channel: string; status: string }[],
  channel: ConsentChannel,
  erased = false,
): boolean {
  if (erased) return false;
  const answer = consents.find((c) => c.channel === channel)?.status;
  if (answer) return answer === 'granted';
  return DEFAULT_CONSENT[channel] === 'opt_out';
}

/** The suppression-list key of an address: SHA-256 of the normalised email, so the list holds no addresses. */
export function emailHash(email: string): string {
  return createHash('sha256').update(normalizeEmail(email)).digest('hex');
}

/** Fields of a person that are personal data: cleared on erasure, in the row and in its audit payloads. */
export const PERSONAL_FIELDS = [
  'email',
  'emailNormalized',
  'phone',
  'lastName',
  'firstName',
  'title',
  'department',
  'attributes',
] as const;

/** A payload with the personal fields blanked; the rest (stage, owner, account) keeps the history countable. */
export function redactPerson(payload: unknown): unknown {
  if (payload === null || typeof payload !== 'object') return payload;
  const out: Record<string, unknown> = { ...(payload as Record<string, unknown>) };
  for (const f of PERSONAL_FIELDS) if (f in out) out[f] = f === 'attributes' ? {} : null;
  return out;
}
