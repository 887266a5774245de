import { describe, expect, it } from 'vitest';
import { buildScorecards, type ScorecardInputs } from './scorecards.ts';

const empty: ScorecardInputs = {
  leads: 0,
  mqls: 0,
  sqls: 0,
  campaignCost: null,
  handoffs: null,
  isActivities: null,
  isActivityMinutes: null,
  isSlotCapacityMinutes: null,
  wins: 0,
  losses: 0,
  wonMrr: 0,
  medianCycleDays: null,
  openPipelineMrr: 0,
  targetNewMrr: null,
  onboardingMedianHours: null,
  startMrr: null,
  endMrr: null,
  keptMrr: null,
  amendmentsRecorded: false,
};

describe('scorecards', () => {
  it('report a metric without inputs as null with a reason, never as zero', () => {
    const s = buildScorecards(empty);
    expect(s.marketing.leads).toEqual({ value: 0, unit: 'count' });
    expect(s.marketing.costPerMql.value).toBeNull();
    expect(s.marketing.costPerMql.reason).toMatch(/campaign costs/);
    expect(s.fieldSales.winRate.value).toBeNull();
    expect(s.customerSuccess.grr.reason).toMatch(/subscription/);
    expect(s.fieldSales.forecastAccuracy.reason).toMatch(/not recorded/);
  });

  it('compute rates, costs, retention', () => {
    const s = buildScorecards({
      ...empty,
      leads: 1000,
      mqls: 200,
      sqls: 50,
      campaignCost: 1_000_000,
      handoffs: {
        mql: { accepted: 90, rejected: 10, due: 100, onTime: 80 },
        sql: { accepted: 40, rejected: 10, due: 50, onTime: 50 },
      },
      wins: 10,
      losses: 30,
      wonMrr: 500_000,
      openPipelineMrr: 3_000_000,
      targetNewMrr: 1_000_000,
      startMrr: 10_000_000,
      endMrr: 10_500_000,
      keptMrr: 9_200_000,
    });
    expect(s.marketing.costPerMql.value).toBe(5000);
    expect(s.marketing.mqlAcceptanceRate.value).toBe(0.9);
    expect(s.insideSales.slaCompliance.value).toBe(0.8);
    expect(s.insideSales.mqlToSql.value).toBe(0.25);
    expect(s.insideSales.sqlAcceptanceRate.value).toBe(0.8);
    expect(s.fieldSales.winRate.value).toBe(0.25);
    expect(s.fieldSales.dealSizeMrr.value).toBe(50_000);
    expect(s.fieldSales.coverage.value).toBe(3);
    expect(s.customerSuccess.grr.value).toBe(0.92);
    expect(s.customerSuccess.nrr.value).toBe(1.05);
  });
});
