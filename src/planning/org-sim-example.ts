import type { OrgSimInput } from './org-simulation.ts';

/**
 * A two-segment SaaS (enterprise and SMB) with a mid-sized team: the worked example the
 * org-simulation tests and the benchmark share.
 */
export const EXAMPLE_ORG_SIM: OrgSimInput = {
  days: 180,
  seed: 7,
  segments: [
    {
      key: 'enterprise',
      mqlsPerDay: 4,
      sqlRate: 0.4,
      winRate: 0.3,
      mrrPerWin: 400_000,
      isHours: 3,
      aeDays: 60,
      onbDays: 45,
      unfamiliarPenalty: 0.25,
    },
    {
      key: 'smb',
      mqlsPerDay: 12,
      sqlRate: 0.5,
      winRate: 0.35,
      mrrPerWin: 60_000,
      isHours: 1,
      aeDays: 20,
      onbDays: 14,
      unfamiliarPenalty: 0.05,
    },
  ],
  headcount: { is: 4, ae: 6, onb: 4 },
  perMember: { isHoursPerDay: 8, aeOpenDeals: 25, onbAccounts: 8 },
  slaDays: { is: 1, ae: 3, onb: 5 },
};
