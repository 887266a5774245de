import { describe, expect, it } from 'vitest';
import { fiscalPeriod, periodContaining } from './fiscal-periods.ts';
import { buildForecast, type ForecastRow, forecastLine } from './forecast.ts';

const row = (over: Partial<ForecastRow>): ForecastRow => ({
  ownerUserId: 'a',
  teamId: 't',
  phase: 'evaluation',
  amountMrr: 0,
  probability: 40,
  forecastCategory: 'best_case',
  ...over,
});

describe('forecast arithmetic (checked by hand)', () => {
  const rows = [
    row({ phase: 'won', amountMrr: 500_000, probability: 100, forecastCategory: 'closed' }),
    row({ phase: 'approval', amountMrr: 300_000, probability: 80, forecastCategory: 'commit' }),
    row({ phase: 'negotiation', amountMrr: 200_000, probability: 60, forecastCategory: 'best_case' }),
    row({ phase: 'qualification', amountMrr: 100_000, probability: 10, forecastCategory: 'pipeline' }),
    row({ phase: 'evaluation', amountMrr: 150_000, probability: 35, forecastCategory: 'omitted' }),
  ];

  it('adds up closed, commit, best case, pipeline, weighted and coverage', () => {
    // closed 500,000; commit 300,000; best case 200,000; pipeline 100,000 (omitted is left out)
    // weighted = 500,000 + 300,000×0.8 + 200,000×0.6 + 100,000×0.1 = 500,000 + 240,000 + 120,000 + 10,000 = 870,000
    // quota 1,200,000 → remaining 700,000; open pipeline 600,000 → coverage 600/700 = 0.857… → 0.86
    expect(forecastLine(rows, 1_200_000)).toEqual({
      closed: 500_000,
      commit: 300_000,
      bestCase: 200_000,
      pipeline: 100_000,
      openPipeline: 600_000,
      forecastCommit: 800_000,
      forecastBestCase: 1_000_000,
      weighted: 870_000,
      quota: 1_200_000,
      remainingQuota: 700_000,
      coverage: 0.86,
      openCount: 3,
      wonCount: 1,
    });
  });

  it('has no coverage when the quota is met or absent', () => {
    expect(forecastLine(rows, 400_000)).toMatchObject({ remainingQuota: 0, coverage: null });
    expect(forecastLine(rows, null)).toMatchObject({ quota: null, remainingQuota: null, coverage: null });
  });

  it('splits per owner and team, with team quotas falling back to owner quotas', () => {
    const f = buildForecast(
      [
        row({ ownerUserId: 'a', teamId: 'ent', phase: 'won', amountMrr: 100, forecastCategory: 'closed' }),
        row({ ownerUserId: 'b', teamId: 'ent', amountMrr: 200, probability: 50 }),
        row({
          ownerUserId: 'c',
          teamId: 'smb',
          amountMrr: 50,
          probability: 20,
          forecastCategory: 'pipeline',
        }),
      ],
      [
        { ownerUserId: 'a', teamId: null, amountMrr: 300 },
        { ownerUserId: 'b', teamId: null, amountMrr: 200 },
        { ownerUserId: null, teamId: 'smb', amountMrr: 1000 },
      ],
    );
    expect(f.total).toMatchObject({
      closed: 100,
      bestCase: 200,
      pipeline: 50,
      weighted: 100 + 100 + 10,
      quota: 500,
    });
    expect(f.byOwner.find((o) => o.ownerUserId === 'a')).toMatchObject({
      closed: 100,
      quota: 300,
      remainingQuota: 200,
      coverage: 0,
    });
    expect(f.byTeam.find((t) => t.teamId === 'ent')).toMatchObject({
      quota: 500,
      remainingQuota: 400,
      coverage: 0.5,
    });
    expect(f.byTeam.find((t) => t.teamId === 'smb')).toMatchObject({ quota: 1000, coverage: 0.05 });
  });
});

describe('fiscal periods', () => {
  it('starts the fiscal year in April in Asia/Tokyo by default', () => {
    const q1 = fiscalPeriod('FY2026-Q1', 4, 'Asia/Tokyo');
    expect(q1).toMatchObject({ startDate: '2026-04-01', endDate: '2026-07-01' });
    expect(q1.start.toISOString()).toBe('2026-03-31T15:00:00.000Z');
    expect(fiscalPeriod('FY2026-Q4', 4, 'Asia/Tokyo')).toMatchObject({
      startDate: '2027-01-01',
      endDate: '2027-04-01',
    });
    expect(fiscalPeriod('FY2026', 4, 'Asia/Tokyo')).toMatchObject({
      startDate: '2026-04-01',
      endDate: '2027-04-01',
    });
    expect(fiscalPeriod('FY2026-M12', 4, 'Asia/Tokyo')).toMatchObject({
      startDate: '2027-03-01',
      endDate: '2027-04-01',
    });
    expect(fiscalPeriod('FY2026-Q1', 1, 'Asia/Tokyo')).toMatchObject({
      startDate: '2026-01-01',
      endDate: '2026-04-01',
    });
  });

  it('finds the period of an instant in local time', () => {
    // 2026-03-31 16:00 UTC is already 1 April in Tokyo: the first quarter of FY2026.
    expect(periodContaining(new Date('2026-03-31T16:00:00Z'), 4, 'Asia/Tokyo').key).toBe('FY2026-Q1');
    expect(periodContaining(new Date('2026-03-31T14:00:00Z'), 4, 'Asia/Tokyo').key).toBe('FY2025-Q4');
    expect(periodContaining(new Date('2026-11-22T00:00:00Z'), 4, 'Asia/Tokyo', 'month').key).toBe(
      'FY2026-M08',
    );
  });

  it('rejects unknown period keys', () => {
    expect(() => fiscalPeriod('2026Q1', 4, 'Asia/Tokyo')).toThrow(/not a fiscal period/);
  });
});
