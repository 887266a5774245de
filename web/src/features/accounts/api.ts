export interface Account {
  id: string;
  version: number;
  name: string;
  domain: string | null;
  industry: string | null;
  employeeCount: number | null;
  region: string | null;
  tier: string | null;
  ownerUserId: string | null;
  customerStage: string | null;
  attributes: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

/** The customer lifecycle of DOMAIN.md 3.3. */
export const CUSTOMER_STAGES = ['onboarding', 'adoption', 'renewal', 'expansion', 'churned'] as const;
export type CustomerStage = (typeof CUSTOMER_STAGES)[number];
export const isCustomerStage = (s: string): s is CustomerStage =>
  CUSTOMER_STAGES.includes(s as CustomerStage);
