import { describe, expect, it } from 'vitest';
import { DEFAULT_TIERS, matchesSegment, podFor, segmentRuleSchema, tierOf } from './segments.ts';

const acct = (
  employeeCount: number | null,
  industry: string | null = null,
  region: string | null = null,
) => ({
  employeeCount,
  industry,
  region,
  tier: null,
});

describe('segments', () => {
  it('derives the tier from the employee count unless one is stored', () => {
    expect(tierOf(acct(1500), DEFAULT_TIERS)).toBe('enterprise');
    expect(tierOf(acct(200), DEFAULT_TIERS)).toBe('mid_market');
    expect(tierOf(acct(5), DEFAULT_TIERS)).toBe('smb');
    expect(tierOf({ ...acct(5), tier: 'strategic' }, DEFAULT_TIERS)).toBe('strategic');
    expect(tierOf(acct(null), DEFAULT_TIERS)).toBeNull();
  });

  it('evaluates nested rules over tier, industry and region', () => {
    const rule = segmentRuleSchema.parse({
      all: [
        { field: 'tier', op: 'in', value: ['enterprise', 'mid_market'] },
        {
          any: [
            { field: 'industry', op: 'eq', value: '製造' },
            { field: 'region', op: 'eq', value: '関西' },
          ],
        },
      ],
    });
    expect(matchesSegment(rule, acct(300, '製造', '関東'), DEFAULT_TIERS)).toBe(true);
    expect(matchesSegment(rule, acct(300, 'IT', '関西'), DEFAULT_TIERS)).toBe(true);
    expect(matchesSegment(rule, acct(300, 'IT', '関東'), DEFAULT_TIERS)).toBe(false);
    expect(matchesSegment(rule, acct(50, '製造', '関西'), DEFAULT_TIERS)).toBe(false);
    expect(matchesSegment(null, acct(50), DEFAULT_TIERS)).toBe(false);
  });

  it('finds the POD of an account', () => {
    const teams = [
      { name: 'mkt', kind: 'marketing', segmentRule: null },
      { name: 'ent', kind: 'pod', segmentRule: { field: 'employeeCount', op: 'gte', value: 500 } },
      { name: 'smb', kind: 'pod', segmentRule: { field: 'employeeCount', op: 'lt', value: 500 } },
    ];
    expect(podFor(acct(900), teams, DEFAULT_TIERS)?.name).toBe('ent');
    expect(podFor(acct(9), teams, DEFAULT_TIERS)?.name).toBe('smb');
    expect(podFor(acct(null), teams, DEFAULT_TIERS)).toBeUndefined();
  });

  it('rejects malformed rules', () => {
    expect(segmentRuleSchema.safeParse({ field: 'revenue', op: 'eq', value: 1 }).success).toBe(false);
    expect(segmentRuleSchema.safeParse({ all: [] }).success).toBe(false);
  });
});
