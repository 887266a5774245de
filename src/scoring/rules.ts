import { z } from 'zod';

/** Grades from best to worst (Pardot-style: grade is fit, score is behaviour). */
export const GRADES = ['A', 'B', 'C', 'D'] as const;
export type Grade = (typeof GRADES)[number];

/** The person and account fields a fit rule can look at. */
export const FIT_FIELDS = [
  'person.title',
  'person.department',
  'person.source',
  'account.industry',
  'account.employeeCount',
  'account.region',
  'account.tier',
] as const;
export type FitField = (typeof FIT_FIELDS)[number];

const ruleId = z.string().regex(/^[a-z0-9_.-]{1,64}$/, 'lower-case letters, digits, _ . - (1-64)');
const label = z.string().trim().min(1).max(120);

const fitRuleSchema = z.strictObject({
  id: ruleId,
  label,
  field: z.enum(FIT_FIELDS),
  /** eq / in: exact (case-insensitive); contains: any of the values is a substring; gte / lt: numbers. */
  op: z.enum(['eq', 'in', 'contains', 'gte', 'lt']),
  value: z.union([z.string().max(200), z.number(), z.array(z.string().max(200)).max(50)]),
  points: z.int().min(-100).max(100),
});

const engagementRuleSchema = z.strictObject({
  id: ruleId,
  label,
  eventType: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/),
  /** Optional condition on one event property (e.g. path, form). */
  property: z.string().max(64).optional(),
  op: z.enum(['eq', 'in', 'startsWith']).optional(),
  value: z.union([z.string().max(200), z.array(z.string().max(200)).max(50)]).optional(),
  points: z.int().min(-100).max(100),
  /** A hand-raise (demo request, contact form) makes an MQL on its own. */
  handRaise: z.boolean().optional(),
});

/**
 * A workspace's scoring definition, stored as versioned data. Engagement rules are
 * matched in order and the first match scores an event, so specific rules go first.
 */
export const scoringRulesSchema = z.strictObject({
  halfLifeDays: z.number().min(1).max(3650),
  fit: z.array(fitRuleSchema).max(200),
  /** Minimum fit points for each grade; below C is D. */
  grades: z
    .strictObject({ A: z.int(), B: z.int(), C: z.int() })
    .refine((g) => g.A >= g.B && g.B >= g.C, { message: 'thresholds must satisfy A ≥ B ≥ C' }),
  engagement: z.array(engagementRuleSchema).max(500),
  mql: z.strictObject({
    minEngagement: z.number().min(0).max(100_000),
    minGrade: z.enum(GRADES),
    handRaise: z.boolean(),
  }),
});

export type ScoringRules = z.infer<typeof scoringRulesSchema>;
export type FitRule = ScoringRules['fit'][number];
export type EngagementRule = ScoringRules['engagement'][number];

const SENIOR = ['代表', '社長', '役員', '取締役', '本部長', 'CEO', 'CMO', 'CFO', 'CTO', 'VP', 'Director'];

/** DOMAIN.md section 5 defaults. */
export const DEFAULT_SCORING_RULES: ScoringRules = {
  halfLifeDays: 30,
  fit: [
    {
      id: 'title.executive',
      label: '役職: 経営層・役員',
      field: 'person.title',
      op: 'contains',
      value: SENIOR,
      points: 30,
    },
    {
      id: 'title.head',
      label: '役職: 部長',
      field: 'person.title',
      op: 'contains',
      value: ['部長', 'Head'],
      points: 25,
    },
    {
      id: 'title.manager',
      label: '役職: 課長・マネージャー',
      field: 'person.title',
      op: 'contains',
      value: ['課長', 'マネージャー', 'Manager'],
      points: 15,
    },
    {
      id: 'dept.revenue',
      label: '部門: 営業・マーケティング・経営企画',
      field: 'person.department',
      op: 'contains',
      value: ['営業', 'マーケティング', '経営企画', 'Sales', 'Marketing'],
      points: 15,
    },
    {
      id: 'employees.1000',
      label: '従業員 1,000 名以上',
      field: 'account.employeeCount',
      op: 'gte',
      value: 1000,
      points: 25,
    },
    {
      id: 'employees.100',
      label: '従業員 100 名以上',
      field: 'account.employeeCount',
      op: 'gte',
      value: 100,
      points: 15,
    },
    {
      id: 'employees.small',
      label: '従業員 30 名未満',
      field: 'account.employeeCount',
      op: 'lt',
      value: 30,
      points: -10,
    },
    {
      id: 'industry.target',
      label: '重点業種 (IT・通信, 製造, 金融・保険)',
      field: 'account.industry',
      op: 'in',
      value: ['IT・通信', '製造', '金融・保険'],
      points: 10,
    },
  ],
  grades: { A: 60, B: 35, C: 15 },
  engagement: [
    {
      id: 'form.demo_request',
      label: 'デモ依頼フォーム',
      eventType: 'form_submit',
      property: 'form',
      op: 'eq',
      value: 'demo_request',
      points: 50,
      handRaise: true,
    },
    {
      id: 'form.contact',
      label: 'お問い合わせフォーム',
      eventType: 'form_submit',
      property: 'form',
      op: 'eq',
      value: 'contact',
      points: 40,
      handRaise: true,
    },
    {
      id: 'form.ebook',
      label: '資料ダウンロードフォーム',
      eventType: 'form_submit',
      property: 'form',
      op: 'eq',
      value: 'ebook',
      points: 10,
    },
    {
      id: 'form.hand_raise',
      label: 'ハンドレイズフォーム',
      eventType: 'form_submit',
      property: 'handRaise',
      op: 'eq',
      value: 'true',
      points: 40,
      handRaise: true,
    },
    { id: 'form.other', label: 'フォーム送信', eventType: 'form_submit', points: 5 },
    {
      id: 'page.pricing',
      label: '料金ページ閲覧',
      eventType: 'page_view',
      property: 'path',
      op: 'startsWith',
      value: '/pricing',
      points: 10,
    },
    {
      id: 'page.case',
      label: '導入事例ページ閲覧',
      eventType: 'page_view',
      property: 'path',
      op: 'startsWith',
      value: '/case-studies',
      points: 4,
    },
    {
      id: 'page.blog',
      label: 'ブログ閲覧',
      eventType: 'page_view',
      property: 'path',
      op: 'startsWith',
      value: '/blog',
      points: 1,
    },
    { id: 'page.other', label: 'ページ閲覧', eventType: 'page_view', points: 2 },
    { id: 'seminar.attended', label: 'セミナー参加', eventType: 'seminar_attended', points: 20 },
    { id: 'seminar.registered', label: 'セミナー申込', eventType: 'seminar_registered', points: 8 },
    { id: 'booth.visit', label: '展示会ブース来訪', eventType: 'booth_visit', points: 12 },
    { id: 'content.download', label: 'コンテンツダウンロード', eventType: 'content_download', points: 8 },
    { id: 'email.click', label: 'メールクリック', eventType: 'email_click', points: 4 },
    { id: 'email.open', label: 'メール開封', eventType: 'email_open', points: 1 },
    { id: 'email.unsubscribe', label: '配信停止', eventType: 'unsubscribe', points: -30 },
    { id: 'email.bounced', label: 'メール不達', eventType: 'email_bounced', points: -10 },
  ],
  mql: { minEngagement: 60, minGrade: 'B', handRaise: true },
};
