import { describe, expect, it } from 'vitest';
import { hygieneFlags, hygieneReport } from './hygiene.ts';
import { readPipelineSettings } from './pipeline-settings.ts';

const settings = readPipelineSettings({});
const now = new Date('2026-11-22T03:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
const opp = (over = {}) => ({
  id: 'o1',
  name: 'deal',
  ownerUserId: 'ae1',
  managerUserIds: ['m1'],
  phase: 'evaluation',
  closeDate: '2026-12-20',
  nextStep: 'demo on Tuesday',
  updatedAt: daysAgo(1),
  phaseEnteredAt: daysAgo(5),
  amountMrr: 100,
  ...over,
});

describe('pipeline hygiene', () => {
  it('flags each rule at its boundary', () => {
    expect(hygieneFlags(opp(), settings, now, '2026-11-22').flags).toEqual([]);
    expect(
      hygieneFlags(
        opp({ closeDate: '2026-11-21', nextStep: ' ', updatedAt: daysAgo(15), phaseEnteredAt: daysAgo(31) }),
        settings,
        now,
        '2026-11-22',
      ).flags,
    ).toEqual(['close_date_passed', 'not_updated', 'no_next_step', 'phase_dwell_over_norm']);
    // 14 days without an update and 30 days in evaluation are still within the norms.
    expect(
      hygieneFlags(opp({ updatedAt: daysAgo(14), phaseEnteredAt: daysAgo(30) }), settings, now, '2026-11-22')
        .flags,
    ).toEqual([]);
  });

  it('counts per owner and per manager', () => {
    const report = hygieneReport(
      [
        opp({ nextStep: null }),
        opp({ id: 'o2', ownerUserId: 'ae2', nextStep: null, closeDate: '2026-01-01' }),
        opp({ id: 'o3' }),
      ],
      settings,
      now,
      '2026-11-22',
    );
    expect(report.totals).toMatchObject({
      opportunities: 2,
      flags: { no_next_step: 2, close_date_passed: 1 },
    });
    expect(report.byOwner).toHaveLength(2);
    expect(report.byManager).toEqual([
      {
        userId: 'm1',
        opportunities: 2,
        flags: { close_date_passed: 1, not_updated: 0, no_next_step: 2, phase_dwell_over_norm: 0 },
      },
    ]);
  });
});
