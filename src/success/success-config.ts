import { z } from 'zod';

/** The health inputs DOMAIN.md 7 names; each factor turns one of them into 0…1. */
export const HEALTH_FACTOR_KEYS = [
  'usage_events',
  'active_users',
  'support_tickets',
  'nps',
  'engagement',
  'days_to_renewal',
] as const;
export type HealthFactorKey = (typeof HEALTH_FACTOR_KEYS)[number];

const factorSchema = z.strictObject({
  key: z.enum(HEALTH_FACTOR_KEYS),
  /** Points this factor can give; the weights of all factors sum to 100. */
  weight: z.int().min(0).max(100),
  /**
   * The value that earns the full weight: usage events or active users in the window,
   * CS activities in the window, days to renewal; for support tickets the count of open
   * tickets that takes every point away. Unused by nps (−100…100 maps onto 0…1).
   */
  target: z.number().positive().max(1_000_000).default(1),
});
export type HealthFactor = z.infer<typeof factorSchema>;

const onboardingItemSchema = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _'),
  title: z.string().trim().min(1).max(200),
  /** Due this many days after the subscription starts. */
  dueDays: z.int().min(0).max(365),
  /** Completing this item is the customer's first value (time to first value ends here). */
  firstValue: z.boolean().default(false),
});

const templateSchema = z.strictObject({
  plan: z.string().trim().min(1).max(80),
  items: z.array(onboardingItemSchema).min(1).max(50),
});
export type OnboardingTemplate = z.infer<typeof templateSchema>;

/** Customer Success settings of a workspace, validated, with DOMAIN.md's defaults. */
export const successConfigSchema = z
  .strictObject({
    health: z
      .strictObject({
        factors: z.array(factorSchema).min(1).max(HEALTH_FACTOR_KEYS.length),
        /** Events whose type starts with this are product usage (sent to the tracking API with an account). */
        usageEventPrefix: z.string().min(1).max(40).default('product.'),
        /** Days of history the usage, ticket and engagement factors look at. */
        windowDays: z.int().min(7).max(365).default(30),
        /** Scores up to `redMax` are red, up to `yellowMax` yellow, above green. */
        redMax: z.int().min(0).max(99).default(50),
        yellowMax: z.int().min(1).max(99).default(75),
      })
      .superRefine((h, issue) => {
        const total = h.factors.reduce((s, f) => s + f.weight, 0);
        if (total !== 100)
          issue.addIssue({
            code: 'custom',
            path: ['factors'],
            message: `the factor weights must sum to 100; they sum to ${total}`,
          });
        const seen = new Set<string>();
        h.factors.forEach((f, i) => {
          if (seen.has(f.key))
            issue.addIssue({
              code: 'custom',
              path: ['factors', i, 'key'],
              message: `${f.key} appears twice`,
            });
          seen.add(f.key);
        });
        if (h.yellowMax <= h.redMax)
          issue.addIssue({ code: 'custom', path: ['yellowMax'], message: 'must be above redMax' });
      }),
    /** The customer lifecycle enters renewal this many days before the renewal date. */
    renewalLeadDays: z.int().min(1).max(365).default(90),
    /** Usage growth: this many consecutive windows each up by at least `minGrowth` (0.2 = 20 %). */
    growth: z
      .strictObject({
        windows: z.int().min(2).max(12).default(3),
        minGrowth: z.number().min(0).max(10).default(0.2),
        minEvents: z.int().min(0).default(30),
      })
      .default({ windows: 3, minGrowth: 0.2, minEvents: 30 }),
    /** Onboarding checklists; `plan: "*"` is used for plans without their own. */
    onboarding: z.array(templateSchema).min(1).max(100),
  })
  .superRefine((c, issue) => {
    if (!c.onboarding.some((t) => t.plan === '*'))
      issue.addIssue({
        code: 'custom',
        path: ['onboarding'],
        message: 'add a default checklist with plan "*"',
      });
  });
export type SuccessConfig = z.infer<typeof successConfigSchema>;

export const DEFAULT_SUCCESS_CONFIG: SuccessConfig = successConfigSchema.parse({
  health: {
    factors: [
      { key: 'usage_events', weight: 30, target: 200 },
      { key: 'active_users', weight: 20, target: 5 },
      { key: 'support_tickets', weight: 15, target: 5 },
      { key: 'nps', weight: 15 },
      { key: 'engagement', weight: 10, target: 2 },
      { key: 'days_to_renewal', weight: 10, target: 120 },
    ],
  },
  onboarding: [
    {
      plan: '*',
      items: [
        { key: 'kickoff', title: 'キックオフ会議 / Kick-off meeting', dueDays: 7 },
        { key: 'admin_setup', title: '管理者設定 / Admin set-up', dueDays: 14 },
        { key: 'data_import', title: 'データ移行 / Data import', dueDays: 21 },
        {
          key: 'first_value',
          title: '初回活用成果の確認 / First value reached',
          dueDays: 30,
          firstValue: true,
        },
        { key: 'training', title: '利用者トレーニング / User training', dueDays: 35 },
      ],
    },
    {
      plan: 'enterprise',
      items: [
        { key: 'kickoff', title: 'キックオフ会議 / Kick-off meeting', dueDays: 7 },
        { key: 'success_plan', title: '成功計画の合意 / Agree the success plan', dueDays: 14 },
        { key: 'sso', title: 'SSO・権限設定 / SSO and permissions', dueDays: 21 },
        { key: 'data_import', title: 'データ移行 / Data import', dueDays: 30 },
        {
          key: 'first_value',
          title: '初回活用成果の確認 / First value reached',
          dueDays: 45,
          firstValue: true,
        },
        { key: 'training', title: '部門別トレーニング / Team training', dueDays: 50 },
      ],
    },
  ],
});

/** The checklist for a plan, or the default one. */
export function templateFor(config: SuccessConfig, plan: string): OnboardingTemplate {
  return config.onboarding.find((t) => t.plan === plan) ?? config.onboarding.find((t) => t.plan === '*')!;
}
