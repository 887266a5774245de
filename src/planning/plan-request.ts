import { z } from 'zod';
import { DomainError } from '../platform/errors.ts';
import { fiscalPeriodMonths, type Month } from '../platform/fiscal-calendar.ts';
import { type Assumptions, assumptionsSchema, STEPS } from './assumptions.ts';

/** Any assumption may be overridden; what is not given is measured. */
export const overridesSchema = z
  .strictObject({
    rates: z.partialRecord(z.enum(STEPS), z.number()).optional(),
    lags: z.partialRecord(z.enum(STEPS), z.array(z.number())).optional(),
    mrrPerWin: z.number().optional(),
    mrrPerWinSigma: z.number().optional(),
    leadsPerMonth: z.number().optional(),
    capacity: z
      .strictObject({
        is: z.record(z.string(), z.number()).optional(),
        ae: z.record(z.string(), z.number()).optional(),
        onb: z.record(z.string(), z.number()).optional(),
      })
      .optional(),
  })
  .default({});
export type Overrides = z.infer<typeof overridesSchema>;

export const planRequestSchema = z.strictObject({
  /** New MRR to add over the period, in yen. */
  target: z.number().positive('the target must be above 0'),
  /** FY2026, FY2026-Q1 or 2026-04, in the workspace's fiscal calendar. */
  period: z.string().max(20),
  /** Months of history the rates are measured over. */
  windowMonths: z.int().min(1).max(36).default(12),
  overrides: overridesSchema,
  /** Plan one segment (an account tier) or one POD (id or name) from its own measured numbers. */
  slice: z
    .strictObject({ dimension: z.enum(['segment', 'pod']), value: z.string().trim().min(1).max(120) })
    .optional(),
});
export type PlanRequest = z.input<typeof planRequestSchema>;

function merge(base: unknown, over: unknown): unknown {
  if (over === undefined) return base;
  if (over && typeof over === 'object' && !Array.isArray(over) && base && typeof base === 'object') {
    const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
    for (const [k, v] of Object.entries(over)) out[k] = merge(out[k], v);
    return out;
  }
  return over;
}

/** Measured assumptions with the overrides applied, validated: a bad override names its path. */
export function applyOverrides(measured: Assumptions, overrides: Overrides): Assumptions {
  const parsed = assumptionsSchema.safeParse(merge(measured, overrides));
  if (!parsed.success) {
    throw new DomainError(
      'invalid_input',
      `An assumption is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      parsed.error.issues.map((i) => ({ path: `overrides.${i.path.join('.')}`, message: i.message })),
    );
  }
  return parsed.data;
}

/** Planning backwards divides by every rate: a zero (nothing measured) must be overridden. */
export function assertPlannable(
  a: Assumptions,
  evidence?: { steps: Record<string, { entered: number; reached: number }> },
): void {
  const zero = STEPS.filter((s) => a.rates[s] <= 0);
  if (zero.length) {
    throw new DomainError(
      'invalid_input',
      `No conversion to plan backwards through: ${zero.join(', ')}. Override these rates or widen the window.`,
      zero.map((s) => ({
        path: `overrides.rates.${s}`,
        message: evidence
          ? `measured ${evidence.steps[s]?.reached ?? 0} of ${evidence.steps[s]?.entered ?? 0}`
          : 'is 0',
      })),
    );
  }
}

/** The target spread evenly over the period's months. */
export function monthlyTargets(
  period: string,
  target: number,
  fiscalYearStartMonth: number,
): { month: Month; newMrr: number }[] {
  const months = fiscalPeriodMonths(period, fiscalYearStartMonth);
  return months.map((month) => ({ month, newMrr: target / months.length }));
}
