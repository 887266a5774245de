import { z } from 'zod';

export const OPEN_PHASES = [
  'qualification',
  'problem_recognition',
  'evaluation',
  'negotiation',
  'approval',
] as const;
export type OpenPhase = (typeof OPEN_PHASES)[number];
export const PHASES = [...OPEN_PHASES, 'won', 'lost'] as const;
export type Phase = (typeof PHASES)[number];
export const FORECAST_CATEGORIES = ['pipeline', 'best_case', 'commit', 'closed', 'omitted'] as const;
export type ForecastCategory = (typeof FORECAST_CATEGORIES)[number];
export const OPPORTUNITY_TYPES = ['new', 'expansion', 'cross_sell', 'renewal'] as const;

const item = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _'),
  label: z.string().min(1).max(200),
});
const phaseRecord = <T extends z.ZodType>(value: T) =>
  z.strictObject({
    qualification: value,
    problem_recognition: value,
    evaluation: value,
    negotiation: value,
    approval: value,
  });

/** DOMAIN.md 3.2: what must be true before an opportunity leaves each phase. */
export const DEFAULT_EXIT_CRITERIA: Record<OpenPhase, z.infer<typeof item>[]> = {
  qualification: [
    { key: 'meeting_held', label: 'First meeting held with the customer' },
    { key: 'problem_hypothesis', label: 'A problem hypothesis is written down' },
  ],
  problem_recognition: [
    { key: 'problem_agreed', label: 'The customer agrees the problem needs solving (課題合意)' },
    { key: 'key_person_identified', label: 'The key person is identified (キーマン)' },
  ],
  evaluation: [
    { key: 'selection_criteria', label: 'Selection criteria shaped with the key person (選定基準)' },
    { key: 'demo_done', label: 'Demo or trial done' },
  ],
  negotiation: [
    { key: 'proposal_sent', label: 'Proposal and quote sent (提案・見積)' },
    { key: 'approval_process_started', label: 'The formal approval process has started' },
  ],
  approval: [{ key: 'contract_signed', label: 'Contract signed (稟議決裁・契約締結)' }],
};

/** Default probability (%) and forecast category per phase. */
export const DEFAULT_PHASE_FORECAST: Record<
  Phase,
  { probability: number; forecastCategory: ForecastCategory }
> = {
  qualification: { probability: 10, forecastCategory: 'pipeline' },
  problem_recognition: { probability: 20, forecastCategory: 'pipeline' },
  evaluation: { probability: 40, forecastCategory: 'best_case' },
  negotiation: { probability: 60, forecastCategory: 'best_case' },
  approval: { probability: 80, forecastCategory: 'commit' },
  won: { probability: 100, forecastCategory: 'closed' },
  lost: { probability: 0, forecastCategory: 'omitted' },
};

/** Usual days in each phase; dwelling longer is a hygiene flag. */
export const DEFAULT_PHASE_NORM_DAYS: Record<OpenPhase, number> = {
  qualification: 14,
  problem_recognition: 21,
  evaluation: 30,
  negotiation: 21,
  approval: 14,
};

export const DEFAULT_LOSS_REASONS = [
  'price',
  'competitor',
  'no_budget',
  'timing',
  'no_decision',
  'product_fit',
  'other',
];

/** Field Sales configuration, kept in `workspaces.settings.pipeline`. */
export const pipelineSettingsSchema = z.strictObject({
  exitCriteria: phaseRecord(z.array(item).max(30)).default(DEFAULT_EXIT_CRITERIA),
  phaseForecast: z
    .strictObject({
      ...Object.fromEntries(
        OPEN_PHASES.map((p) => [
          p,
          z.strictObject({
            probability: z.int().min(0).max(100),
            forecastCategory: z.enum(FORECAST_CATEGORIES),
          }),
        ]),
      ),
    })
    .optional(),
  phaseNormDays: phaseRecord(z.int().min(1).max(3650)).default(DEFAULT_PHASE_NORM_DAYS),
  staleAfterDays: z.int().min(1).max(365).default(14),
  lossReasons: z.array(z.string().min(1).max(40)).min(1).max(50).default(DEFAULT_LOSS_REASONS),
});
export type PipelineSettings = z.infer<typeof pipelineSettingsSchema>;

export function readPipelineSettings(stored: unknown): PipelineSettings {
  const parsed = pipelineSettingsSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : pipelineSettingsSchema.parse({});
}

/** The probability and category a phase gives by default (configured, else DOMAIN.md's). */
export function phaseForecast(settings: PipelineSettings, phase: Phase) {
  const configured = (
    settings.phaseForecast as Record<string, typeof DEFAULT_PHASE_FORECAST.won> | undefined
  )?.[phase];
  return configured ?? DEFAULT_PHASE_FORECAST[phase];
}
