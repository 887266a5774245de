import { z } from 'zod';
import { DomainError, invalid } from '../platform/errors.ts';
import { addMonthsToDay, isIsoDay } from './fiscal-periods.ts';

/** A calendar day, `YYYY-MM-DD`, in the workspace time zone. */
export const isoDay = z.string().refine(isIsoDay, 'a date as YYYY-MM-DD');
/** Integer yen, never negative. */
export const yen = z
  .int('MRR is a whole number of yen')
  .min(0, 'MRR cannot be negative')
  .max(1_000_000_000_000);

export const SUBSCRIPTION_STATUSES = ['active', 'churned', 'ended'] as const;

export const createSubscriptionSchema = z.strictObject({
  accountId: z.uuid(),
  opportunityId: z.uuid().nullable().optional(),
  plan: z.string().trim().min(1).max(80),
  mrr: yen,
  startsOn: isoDay,
  termMonths: z.int().min(1).max(120).default(12),
  /** A fixed end (no renewal); leave empty for a renewing subscription. */
  endsOn: isoDay.nullable().optional(),
});
export type CreateSubscriptionInput = z.input<typeof createSubscriptionSchema>;

export const updateSubscriptionSchema = z.strictObject({
  version: z.int().positive(),
  termMonths: z.int().min(1).max(120).optional(),
  renewsOn: isoDay.nullable().optional(),
  opportunityId: z.uuid().nullable().optional(),
});
export type UpdateSubscriptionInput = z.infer<typeof updateSubscriptionSchema>;

export const amendSubscriptionSchema = z.strictObject({
  version: z.int().positive(),
  mrr: yen.optional(),
  plan: z.string().trim().min(1).max(80).optional(),
  effectiveOn: isoDay,
  reason: z.string().trim().max(500).optional(),
});
export type AmendSubscriptionInput = z.infer<typeof amendSubscriptionSchema>;

export const churnSubscriptionSchema = z.strictObject({
  version: z.int().positive(),
  reason: z.string().trim().min(1, 'say why the customer left').max(500),
  /** The first day it no longer bills (default: today). */
  endsOn: isoDay.optional(),
  /** When the contacts may be approached again (default: in 180 days). */
  reapproachOn: isoDay.optional(),
});
export type ChurnSubscriptionInput = z.infer<typeof churnSubscriptionSchema>;

export const renewSubscriptionSchema = z.strictObject({
  version: z.int().positive(),
  termMonths: z.int().min(1).max(120).optional(),
  /** The MRR of the new term, if it changes. */
  mrr: yen.optional(),
  reason: z.string().trim().max(500).optional(),
});
export type RenewSubscriptionInput = z.infer<typeof renewSubscriptionSchema>;

/** One amendment as kept on the subscription (the change log holds the same, for MRR). */
export interface Amendment {
  on: string;
  kind: 'amend' | 'renew' | 'churn';
  mrrBefore: number;
  mrrAfter: number;
  planBefore: string;
  plan: string;
  reason: string | null;
  opportunityId: string | null;
}

/** The rules zod cannot say alone, for every path that writes a subscription (API, CLI, demo). */
export function assertSubscriptionWindow(s: {
  mrr?: number;
  startsOn: string;
  endsOn?: string | null;
}): void {
  if (s.mrr !== undefined && (!Number.isSafeInteger(s.mrr) || s.mrr < 0))
    throw invalid('mrr', `MRR must be a whole number of yen, 0 or more (got ${s.mrr}).`);
  if (s.endsOn && s.endsOn <= s.startsOn)
    throw invalid('endsOn', `The end (${s.endsOn}) must be after the start (${s.startsOn}).`);
}

/** The first renewal date of a renewing subscription: the start plus its term. */
export function firstRenewal(startsOn: string, termMonths: number, endsOn: string | null | undefined) {
  return endsOn ? null : addMonthsToDay(startsOn, termMonths);
}

export function overlapError(plan: string, other: { id: string; startsOn: string; endsOn: string | null }) {
  return new DomainError(
    'invalid_input',
    `This account already has a "${plan}" subscription for these days (${other.startsOn} – ${other.endsOn ?? 'open-ended'}, ${other.id}). Amend that one, or end it before this one starts.`,
    [{ path: 'plan', message: `overlaps subscription ${other.id} on the same plan` }],
  );
}
