import { z } from 'zod';
import { DomainError } from '../platform/errors.ts';
import type { ChecklistItem } from './floor-settings.ts';

export const ACTIVITY_TYPES = ['call', 'email', 'meeting', 'note'] as const;
export const ACTIVITY_OUTCOMES = [
  'connected',
  'no_answer',
  'voicemail',
  'appointment_set',
  'callback_requested',
  'not_interested',
  'wrong_contact',
  'replied',
  'inbound_email',
  'bounced',
  'sent',
  'held',
  'no_show',
  'other',
] as const;
/** Outcomes that mean the lead answered: they end the lead's cadence. */
export const REPLY_OUTCOMES = new Set(['replied', 'inbound_email']);

/** Minutes an activity takes when none is logged; a note uses no slot. */
export const DEFAULT_MINUTES: Record<(typeof ACTIVITY_TYPES)[number], number> = {
  call: 15,
  email: 10,
  meeting: 60,
  note: 0,
};

export const logActivitySchema = z.strictObject({
  type: z.enum(ACTIVITY_TYPES),
  outcome: z.enum(ACTIVITY_OUTCOMES).optional(),
  personId: z.uuid().optional(),
  accountId: z.uuid().optional(),
  opportunityId: z.uuid().optional(),
  /** Default: the acting user. */
  userId: z.uuid().optional(),
  occurredAt: z.iso.datetime({ offset: true }).optional(),
  durationMinutes: z
    .int()
    .min(0)
    .max(24 * 60)
    .optional(),
  notes: z.string().trim().max(5000).optional(),
});
export type LogActivityInput = z.infer<typeof logActivitySchema>;

/** Half-hour slots an activity uses (IS capacity is 80 a week by default): none for a note, else at least one. */
export function slotsOf(type: string, minutes: number | null): number {
  if (type === 'note') return 0;
  return Math.max(1, Math.ceil((minutes ?? 30) / 30));
}

/**
 * Why a lead is in the queue: an open hand-off, a lead being worked, a recycled lead due
 * again, a nurture follow-up or a cadence step that fell due.
 */
export type QueueReason = 'handoff' | 'working' | 'recycled_due' | 'follow_up' | 'cadence_task';

/** A lead in a rep's work queue. */
export interface QueueItem {
  personId: string;
  reason: QueueReason;
  stage: string;
  /** When the SLA runs out (hand-off due time, or stage entry + the stage's maximum dwell); null without an SLA. */
  slaDueAt: Date | null;
  score: number | null;
  /** When the lead joined the queue. */
  since: Date;
}

/**
 * The work-queue order (DOMAIN.md 6): SLA urgency first (earliest due, overdue on top;
 * leads without an SLA after), then score (highest first, unscored last), then recency
 * (newest first: speed to lead).
 */
export function orderQueue<T extends QueueItem>(items: T[]): T[] {
  const t = (d: Date | null) => (d ? d.getTime() : Number.POSITIVE_INFINITY);
  return [...items].sort(
    (a, b) =>
      t(a.slaDueAt) - t(b.slaDueAt) ||
      (b.score ?? Number.NEGATIVE_INFINITY) - (a.score ?? Number.NEGATIVE_INFINITY) ||
      b.since.getTime() - a.since.getTime() ||
      a.personId.localeCompare(b.personId),
  );
}

/** One entry per lead: a lead reachable for several reasons keeps its most urgent one. */
export function uniqueByPerson<T extends QueueItem>(ordered: T[]): T[] {
  const seen = new Set<string>();
  return ordered.filter((i) => !seen.has(i.personId) && seen.add(i.personId));
}

export const createSqlSchema = z.strictObject({
  /** The workspace's opportunity definition, item by item. */
  checklist: z.record(z.string().max(40), z.boolean()),
  notes: z.string().trim().max(5000).optional(),
});

/** SQL creation must meet the workspace's written opportunity definition: 400 listing every unmet item. */
export function assertMeetsDefinition(definition: ChecklistItem[], checklist: Record<string, boolean>): void {
  const unmet = definition.filter((item) => checklist[item.key] !== true);
  if (unmet.length === 0) return;
  throw new DomainError(
    'invalid_input',
    `The lead does not meet the opportunity definition yet: ${unmet.map((u) => u.key).join(', ')}.`,
    unmet.map((u) => ({ path: `checklist.${u.key}`, message: u.label })),
  );
}

/** A person has opted out of contact (an `optedOut`, `optOut` or `unsubscribed` flag in their attributes). */
export function isOptedOut(attributes: unknown): boolean {
  const a = (attributes ?? {}) as Record<string, unknown>;
  return a.optedOut === true || a.optOut === true || a.unsubscribed === true;
}
