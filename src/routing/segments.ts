import { z } from 'zod';

/** The account fields a segment rule may test (DOMAIN.md 2: tier by employee count, industry, region). */
export const SEGMENT_FIELDS = ['employeeCount', 'tier', 'industry', 'region'] as const;
export type SegmentField = (typeof SEGMENT_FIELDS)[number];

const scalar = z.union([z.string().max(120), z.number()]);

/** One condition over an account field. */
export const conditionSchema = z.strictObject({
  field: z.enum(SEGMENT_FIELDS),
  op: z.enum(['eq', 'neq', 'in', 'gt', 'gte', 'lt', 'lte']),
  value: z.union([scalar, z.array(scalar).min(1).max(100)]),
});

/** A segment rule: a condition, or all/any of nested rules (depth is bounded by the schema). */
export type SegmentRule = z.infer<typeof conditionSchema> | { all: SegmentRule[] } | { any: SegmentRule[] };

// Nesting is spelled out three levels deep rather than recursive, so the OpenAPI
// document can describe it (a recursive schema has no JSON Schema components here).
const nested = <T extends z.ZodType>(inner: T) =>
  z.union([
    conditionSchema,
    z.strictObject({ all: z.array(inner).min(1).max(20) }),
    z.strictObject({ any: z.array(inner).min(1).max(20) }),
  ]);

export const segmentRuleSchema: z.ZodType<SegmentRule> = nested(nested(nested(conditionSchema)));

/** Tiers by employee count, largest first: an account gets the first tier whose minimum it reaches. */
export const tiersSchema = z
  .array(z.strictObject({ key: z.string().min(1).max(40), minEmployees: z.int().min(0) }))
  .min(1)
  .max(10);
export type Tiers = z.infer<typeof tiersSchema>;

export const DEFAULT_TIERS: Tiers = [
  { key: 'enterprise', minEmployees: 1000 },
  { key: 'mid_market', minEmployees: 200 },
  { key: 'smb', minEmployees: 0 },
];

/** The account fields segmentation reads. */
export interface AccountFacts {
  employeeCount: number | null;
  industry: string | null;
  region: string | null;
  tier: string | null;
}

/** An account's tier: its stored tier if set, else the first tier its employee count reaches. */
export function tierOf(account: AccountFacts, tiers: Tiers): string | null {
  if (account.tier) return account.tier;
  if (account.employeeCount === null) return null;
  const sorted = [...tiers].sort((a, b) => b.minEmployees - a.minEmployees);
  return sorted.find((t) => account.employeeCount! >= t.minEmployees)?.key ?? null;
}

function compare(actual: string | number | null, op: string, expected: unknown): boolean {
  if (op === 'in') return Array.isArray(expected) && actual !== null && expected.includes(actual);
  if (actual === null) return op === 'neq';
  if (op !== 'eq' && op !== 'neq' && typeof actual !== typeof expected) return false;
  const a = actual as number;
  switch (op) {
    case 'eq':
      return actual === expected;
    case 'neq':
      return actual !== expected;
    case 'gt':
      return a > (expected as number);
    case 'gte':
      return a >= (expected as number);
    case 'lt':
      return a < (expected as number);
    case 'lte':
      return a <= (expected as number);
    default:
      return false;
  }
}

/** Does an account fall in a segment? A missing rule matches nothing (function teams own no segment). */
export function matchesSegment(rule: SegmentRule | null, account: AccountFacts, tiers: Tiers): boolean {
  if (!rule) return false;
  if ('all' in rule) return rule.all.every((r) => matchesSegment(r, account, tiers));
  if ('any' in rule) return rule.any.some((r) => matchesSegment(r, account, tiers));
  const actual = rule.field === 'tier' ? tierOf(account, tiers) : account[rule.field];
  return compare(actual, rule.op, rule.value);
}

/** The first POD (in the given order) whose segment rule the account matches. */
export function podFor<T extends { kind: string; segmentRule: unknown }>(
  account: AccountFacts,
  teams: T[],
  tiers: Tiers,
): T | undefined {
  return teams.find(
    (t) => t.kind === 'pod' && matchesSegment(t.segmentRule as SegmentRule | null, account, tiers),
  );
}
