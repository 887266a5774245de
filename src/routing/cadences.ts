import { z } from 'zod';

export const CADENCE_CHANNELS = ['call', 'email', 'social', 'letter', 'other'] as const;

export const cadenceStepSchema = z.strictObject({
  /** Days after enrolment the step is due. */
  dayOffset: z.int().min(0).max(365),
  channel: z.enum(CADENCE_CHANNELS),
  instructions: z.string().trim().min(1).max(2000),
});

const steps = z
  .array(cadenceStepSchema)
  .min(1)
  .max(30)
  .refine((s) => s.every((step, i) => i === 0 || step.dayOffset >= s[i - 1]!.dayOffset), {
    message: 'day offsets must not decrease from one step to the next',
  });

export const createCadenceSchema = z.strictObject({
  name: z.string().trim().min(1).max(120),
  steps,
  status: z.enum(['active', 'archived']).optional(),
});
export const updateCadenceSchema = z.strictObject({
  version: z.int().positive(),
  name: z.string().trim().min(1).max(120).optional(),
  steps: steps.optional(),
  status: z.enum(['active', 'archived']).optional(),
});
export type CadenceStep = z.infer<typeof cadenceStepSchema>;

export const enrolSchema = z.strictObject({
  personId: z.uuid(),
  /** Who works the steps; default the lead's owner, else the acting user. */
  userId: z.uuid().optional(),
});

const DAY = 86_400_000;

/** When a step falls due: its day offset after enrolment. */
export function stepDueAt(enrolledAt: Date, step: CadenceStep): Date {
  return new Date(enrolledAt.getTime() + step.dayOffset * DAY);
}

/**
 * Why an active enrolment must end now, if it must (pure): an opt-out, or the lead's
 * stage moved on since enrolment. Replies end it when they are logged.
 */
export function exitReason(
  enrolment: { stageAtEnrolment: string },
  person: { stage: string; optedOut: boolean },
): 'opted_out' | 'stage_changed' | null {
  if (person.optedOut) return 'opted_out';
  if (person.stage !== enrolment.stageAtEnrolment) return 'stage_changed';
  return null;
}
