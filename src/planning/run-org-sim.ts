import { assertCan } from '../platform/access.ts';
import type { RequestContext } from '../platform/context.ts';
import { meanLag } from './assumptions.ts';
import { measureAssumptions } from './measure-assumptions.ts';
import { type OrgSimInput, orgSimInputSchema, simulateOrg } from './org-simulation.ts';
import { segmentShare } from './store.ts';

/**
 * A default org simulation from the workspace's own numbers: today's MQL supply split into
 * enterprise (500+ employees) and SMB by the share of people in each, the measured
 * conversions and cycle, and today's headcount.
 */
export async function defaultOrgSimInput(ctx: RequestContext, windowMonths = 12): Promise<OrgSimInput> {
  const { assumptions: a } = await measureAssumptions(ctx, windowMonths);
  const share = await segmentShare(ctx, 500);
  const mqlsPerDay = (a.leadsPerMonth * a.rates.lead_to_mql) / 30.44;
  const cycleDays = Math.max(7, (meanLag(a.lags.opportunity_to_won) + 0.5) * 30.44);
  const base = {
    sqlRate: a.rates.mql_to_sql * a.rates.sql_to_opportunity,
    winRate: a.rates.opportunity_to_won,
    onbDays: a.capacity.onb.onboardingMonths * 30.44,
  };
  return orgSimInputSchema.parse({
    days: 180,
    seed: 1,
    segments: [
      {
        key: 'enterprise',
        mqlsPerDay: mqlsPerDay * share,
        ...base,
        mrrPerWin: a.mrrPerWin * 2,
        isHours: 3,
        aeDays: cycleDays * 1.5,
        unfamiliarPenalty: 0.25,
      },
      {
        key: 'smb',
        mqlsPerDay: mqlsPerDay * (1 - share),
        ...base,
        mrrPerWin: a.mrrPerWin * 0.6,
        isHours: 1,
        aeDays: cycleDays * 0.7,
        unfamiliarPenalty: 0.05,
      },
    ],
    headcount: { is: a.capacity.is.headcount, ae: a.capacity.ae.headcount, onb: a.capacity.onb.headcount },
    perMember: {
      isHoursPerDay: (a.capacity.is.slotsPerWeek * 0.5) / 5,
      aeOpenDeals: Math.max(1, Math.round(a.capacity.ae.maxOpenOpportunities)),
      onbAccounts: Math.max(1, Math.round(a.capacity.onb.maxAccounts)),
    },
    slaDays: { is: 1, ae: 3, onb: 5 },
  });
}

/** The same demand and headcount through Assembly Line and PODs, side by side. */
export async function runOrgSim(ctx: RequestContext, input?: OrgSimInput) {
  await assertCan(ctx, 'planning', 'read', 'all');
  const used = input ?? (await defaultOrgSimInput(ctx));
  return { input: used, assemblyLine: simulateOrg(used, 'assembly_line'), pods: simulateOrg(used, 'pods') };
}
