import { DomainError } from '../platform/errors.ts';
import type { Month } from '../platform/fiscal-calendar.ts';
import { type Assumptions, meanLag } from './assumptions.ts';
import type { Volumes } from './funnel-model.ts';

export const PLAN_ROLES = ['is', 'ae', 'onb'] as const;
export type PlanRole = (typeof PLAN_ROLES)[number];

export interface RoleNeed {
  role: PlanRole;
  month: Month;
  /** The volume this role works that month (MQLs, open opportunities, accounts in onboarding). */
  workload: number;
  /** People needed (fractional) and rounded up. */
  needed: number;
  neededHeadcount: number;
  headcount: number;
  gap: number;
  utilization: number;
}

const WEEKS_PER_MONTH = 52 / 12;

/** What one member of a role can carry in a month, in the units of its workload. */
export function perMemberCapacity(role: PlanRole, a: Assumptions): number {
  switch (role) {
    case 'is':
      return (a.capacity.is.slotsPerWeek * WEEKS_PER_MONTH) / a.capacity.is.slotsPerMql;
    case 'ae':
      return a.capacity.ae.maxOpenOpportunities;
    case 'onb':
      return a.capacity.onb.maxAccounts;
  }
}

/** Average months an opportunity stays open: its lag to won, entering mid-month on average. */
export function openMonths(a: Assumptions): number {
  return meanLag(a.lags.opportunity_to_won) + 0.5;
}

/**
 * Workload per role per month from the plan's volumes: IS works the MQLs entering,
 * AE carries the open opportunities (Little's law: entering × months open), ONB the
 * accounts in onboarding (wins × onboarding months). Divided by one member's capacity,
 * it is the headcount needed; the binding constraint is the most over-stretched role.
 */
export function capacityPlan(
  volumes: Volumes,
  a: Assumptions,
): { needs: RoleNeed[]; binding: PlanRole | null } {
  // Every month with work in it, including the months before the target period when the
  // upstream volume must enter.
  const months = [...new Set(Object.values(volumes).flatMap((m) => [...m.keys()]))].sort();
  const workload = (role: PlanRole, m: Month): number => {
    if (role === 'is') return volumes.mql.get(m) ?? 0;
    if (role === 'ae') return (volumes.opportunity.get(m) ?? 0) * openMonths(a);
    return (volumes.won.get(m) ?? 0) * a.capacity.onb.onboardingMonths;
  };
  const needs: RoleNeed[] = [];
  for (const role of PLAN_ROLES) {
    const cap = perMemberCapacity(role, a);
    const headcount = a.capacity[role].headcount;
    for (const month of months) {
      const load = workload(role, month);
      if (load > 0 && cap <= 0) {
        throw new DomainError(
          'invalid_input',
          `The plan needs ${role.toUpperCase()} work but one member's capacity is zero.`,
          [{ path: `capacity.${role}`, message: 'give this role a capacity above zero' }],
        );
      }
      const needed = load > 0 ? load / cap : 0;
      needs.push({
        role,
        month,
        workload: load,
        needed,
        neededHeadcount: Math.ceil(needed - 1e-9),
        headcount,
        gap: Math.ceil(needed - 1e-9) - headcount,
        utilization: headcount > 0 ? needed / headcount : needed > 0 ? Number.POSITIVE_INFINITY : 0,
      });
    }
  }
  let binding: PlanRole | null = null;
  let worst = 1;
  for (const n of needs) {
    if (n.utilization > worst) {
      worst = n.utilization;
      binding = n.role;
    }
  }
  return { needs, binding };
}
