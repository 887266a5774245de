import type { STAGES as ServerStages, STEPS as ServerSteps } from '../../../../src/planning/assumptions.ts';
import type { LeverKey as ServerLeverKey } from '../../../../src/planning/levers.ts';

export type Step = (typeof ServerSteps)[number];
export type Stage = (typeof ServerStages)[number];
export type LeverKey = ServerLeverKey;

// The same lists as the API's (the types above fail the build if they drift apart).
export const STEPS = [
  'lead_to_mql',
  'mql_to_sql',
  'sql_to_opportunity',
  'opportunity_to_won',
] as const satisfies readonly Step[];
export const STAGES = ['lead', 'mql', 'sql', 'opportunity', 'won'] as const satisfies readonly Stage[];
export const ROLES = ['is', 'ae', 'onb'] as const;
export type Role = (typeof ROLES)[number];

/** What the planner can override; what is left out is measured from the workspace. */
export interface Overrides {
  rates?: Partial<Record<Step, number>>;
  mrrPerWin?: number;
  leadsPerMonth?: number;
  capacity?: {
    is?: { headcount?: number; slotsPerWeek?: number };
    ae?: { headcount?: number; maxOpenOpportunities?: number };
    onb?: { headcount?: number; maxAccounts?: number };
  };
}

/** One segment or POD a plan is narrowed to (`planRequestSchema.slice`). */
export interface PlanSlice {
  dimension: 'segment' | 'pod';
  value: string;
}

/** The body every plan call takes (`planRequestSchema`). */
export interface PlanRequest {
  /** New MRR to add over the period, in yen. */
  target: number;
  period: string;
  windowMonths: number;
  overrides: Overrides;
  slice?: PlanSlice;
}

/** What `GET /plan/slices` offers. */
export interface PlanSlices {
  segments: string[];
  pods: { id: string; name: string }[];
}

/** A plan's scope as one string for selects and addresses: "", "segment:smb" or "pod:<id>". */
export function sliceOfScope(scope: string): PlanSlice | undefined {
  const at = scope.indexOf(':');
  const dimension = scope.slice(0, at);
  const value = scope.slice(at + 1);
  if (at < 0 || !value || (dimension !== 'segment' && dimension !== 'pod')) return undefined;
  return { dimension, value };
}

export function scopeOfSlice(slice: PlanSlice | undefined): string {
  return slice ? `${slice.dimension}:${slice.value}` : '';
}

export interface Assumptions {
  rates: Record<Step, number>;
  lags: Record<Step, number[]>;
  mrrPerWin: number;
  mrrPerWinSigma: number;
  leadsPerMonth: number;
  capacity: {
    is: { headcount: number; slotsPerWeek: number; slotsPerMql: number };
    ae: { headcount: number; maxOpenOpportunities: number };
    onb: { headcount: number; maxAccounts: number; onboardingMonths: number };
  };
}

export interface Evidence {
  window: { from: string; to: string };
  steps: Record<Step, { entered: number; reached: number }>;
  wins: { won: number; lost: number };
  headcount: Record<string, number>;
}

export interface RoleNeed {
  role: Role;
  month: string;
  workload: number;
  needed: number;
  neededHeadcount: number;
  headcount: number;
  gap: number;
  utilization: number | null;
}

export interface ReversePlan {
  period: string;
  target: number;
  assumptions: Assumptions;
  evidence: Evidence;
  waterfall: ({ month: string } & Record<Stage, number>)[];
  totals: Record<Stage, number>;
  capacity: { needs: RoleNeed[]; binding: Role | null };
}

export interface Levers {
  period: string;
  fraction: number;
  baseline: number;
  levers: { lever: LeverKey; newMrr: number; change: number; changeRatio: number }[];
}

export interface PlanSimulation {
  period: string;
  runs: number;
  seed: number;
  target: number;
  probabilityOfHit: number;
  mean: number;
  p10: number;
  p50: number;
  p90: number;
  /** New MRR of the runs in equal-width bins. */
  histogram: { from: number; to: number; count: number }[];
}

export interface ScenarioOutcome {
  totals: Record<Stage, number>;
  binding: Role | null;
  maxGap: Record<Role, number>;
  probabilityOfHit: number;
  p10: number;
  p50: number;
  p90: number;
}

export interface Scenario {
  id: string;
  version: number;
  name: string;
  period: string;
  target: {
    newMrr: number;
    windowMonths: number;
    overrides: Overrides;
    slice?: PlanSlice & { label: string };
  };
  assumptions: Assumptions;
  outcome: ScenarioOutcome;
  createdBy: string | null;
  createdAt: string;
}

export interface Difference {
  path: string;
  values: [unknown, unknown];
}

export interface ScenarioComparison {
  scenarios: Scenario[];
  differences: {
    id: string;
    against: string;
    assumptions: Difference[];
    target: Difference[];
    outcome: Difference[];
  }[];
}

export interface OrgSegment {
  key: string;
  mqlsPerDay: number;
  sqlRate: number;
  winRate: number;
  mrrPerWin: number;
  isHours: number;
  aeDays: number;
  onbDays: number;
  unfamiliarPenalty: number;
}

/** The org simulation's input (`orgSimInputSchema`). */
export interface OrgSimInput {
  days: number;
  seed: number;
  segments: OrgSegment[];
  headcount: Record<Role, number>;
  perMember: { isHoursPerDay: number; aeOpenDeals: number; onbAccounts: number };
  slaDays: Record<Role, number>;
}

export interface OrgRoleStats {
  role: Role;
  servers: number;
  arrivals: number;
  completed: number;
  utilization: number;
  meanQueue: number;
  maxQueue: number;
  endQueue: number;
  meanWaitDays: number;
  p90WaitDays: number;
  slaBreaches: number;
}

export type OrgModel = 'assembly_line' | 'pods';

export interface OrgSimResult {
  model: OrgModel;
  mqls: number;
  sqls: number;
  wins: number;
  onboarded: number;
  newMrr: number;
  roles: OrgRoleStats[];
  jam: Role | 'demand';
  jamReason: string;
}

export interface OrgSim {
  input: OrgSimInput;
  assemblyLine: OrgSimResult;
  pods: OrgSimResult;
}
