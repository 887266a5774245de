import { z } from 'zod';

/** The success-path steps a plan is computed over, lead to won (DOMAIN.md section 10). */
export const STEPS = ['lead_to_mql', 'mql_to_sql', 'sql_to_opportunity', 'opportunity_to_won'] as const;
export type Step = (typeof STEPS)[number];
export const STAGES = ['lead', 'mql', 'sql', 'opportunity', 'won'] as const;
export type Stage = (typeof STAGES)[number];

/** A distribution of whole months between entering one stage and the next: P(lag = i) at index i. */
const lagPmf = z
  .array(z.number().min(0).max(1))
  .min(1)
  .max(36)
  .refine((p) => Math.abs(p.reduce((s, x) => s + x, 0) - 1) < 1e-9, 'the probabilities must sum to 1');

const rate = z.number().min(0, 'a rate is between 0 and 1').max(1, 'a rate is between 0 and 1');

/** Everything a plan assumes; each value can come from measurement or be overridden. */
export const assumptionsSchema = z.strictObject({
  rates: z.strictObject({
    lead_to_mql: rate,
    mql_to_sql: rate,
    sql_to_opportunity: rate,
    opportunity_to_won: rate,
  }),
  lags: z.strictObject({
    lead_to_mql: lagPmf,
    mql_to_sql: lagPmf,
    sql_to_opportunity: lagPmf,
    opportunity_to_won: lagPmf,
  }),
  /** Average New MRR of one win, in yen. */
  mrrPerWin: z.number().positive('MRR per win must be above 0'),
  /** Spread of MRR per win (log-normal sigma) for the simulation; 0 is a fixed deal size. */
  mrrPerWinSigma: z.number().min(0).max(3).default(0),
  /** New leads a month the business produces today (for forward models and levers). */
  leadsPerMonth: z.number().min(0),
  capacity: z.strictObject({
    /** Inside Sales: half-hour slots a week per member, and slots one MQL takes. */
    is: z.strictObject({
      headcount: z.int().min(0),
      slotsPerWeek: z.number().min(0),
      slotsPerMql: z.number().positive(),
    }),
    /** Field Sales: open opportunities one AE can carry; the cycle comes from the lags. */
    ae: z.strictObject({ headcount: z.int().min(0), maxOpenOpportunities: z.number().min(0) }),
    /** Onboarding: customers onboarded at once per ONB member, and months an onboarding takes. */
    onb: z.strictObject({
      headcount: z.int().min(0),
      maxAccounts: z.number().min(0),
      onboardingMonths: z.number().positive(),
    }),
  }),
});
export type Assumptions = z.infer<typeof assumptionsSchema>;
export type AssumptionsInput = z.input<typeof assumptionsSchema>;

/** A lag of a whole or fractional number of months as a distribution over whole months. */
export function lagFromMonths(months: number): number[] {
  const whole = Math.floor(months);
  const frac = months - whole;
  const pmf = Array.from({ length: whole + (frac > 0 ? 2 : 1) }, () => 0);
  pmf[whole] = 1 - frac;
  if (frac > 0) pmf[whole + 1] = frac;
  return pmf;
}

export function meanLag(pmf: number[]): number {
  return pmf.reduce((s, p, i) => s + p * i, 0);
}
