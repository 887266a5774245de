import { describe, expect, it } from 'vitest';
import { laterPhases, openItemsOf } from './api.ts';
import { calendarMonth, parsePeriod, periodChoices } from './forecast-data.ts';
import { type HygieneIssue, selectIssues } from './hygiene-data.ts';

describe('phases and refusals', () => {
  it('offers only later phases', () => {
    expect(laterPhases('evaluation')).toEqual(['negotiation', 'approval']);
    expect(laterPhases('approval')).toEqual([]);
    expect(laterPhases('won')).toEqual([]);
  });

  it("reads the open exit criteria the API's refusal names", () => {
    expect(
      openItemsOf([
        { path: 'exitCriteria.meeting_held', message: 'qualification: First meeting held' },
        { path: 'version', message: 'current version is 3' },
      ]),
    ).toEqual([{ key: 'meeting_held', phase: 'qualification', label: 'First meeting held' }]);
  });
});

describe('fiscal periods', () => {
  it('parses period keys and maps fiscal months to calendar months', () => {
    expect(parsePeriod('FY2026-Q3')).toEqual({ year: 2026, quarter: 3 });
    expect(parsePeriod('FY2026-M10')).toEqual({ year: 2026, month: 10 });
    expect(parsePeriod('2026Q3')).toBeNull();
    // April start: the 10th month of FY2026 is January 2027.
    expect(calendarMonth(2026, 10, 4)).toEqual({ year: 2027, month: 1 });
    expect(calendarMonth(2026, 1, 1)).toEqual({ year: 2026, month: 1 });
  });

  it('offers the years around the shown period, their quarters and its months', () => {
    const choices = periodChoices('FY2026-Q3');
    expect(choices.years).toEqual(['FY2025', 'FY2026', 'FY2027']);
    expect(choices.quarters).toHaveLength(12);
    expect(choices.months[0]).toBe('FY2026-M01');
    expect(choices.months).toHaveLength(12);
  });
});

describe('hygiene issues', () => {
  const issue = (id: string, over: Partial<HygieneIssue>): HygieneIssue => ({
    id,
    name: id,
    ownerUserId: 'u1',
    managerUserIds: [],
    phase: 'qualification',
    closeDate: null,
    nextStep: null,
    updatedAt: '2026-11-01T00:00:00Z',
    phaseEnteredAt: '2026-11-01T00:00:00Z',
    amountMrr: 0,
    flags: ['no_next_step'],
    daysSinceUpdate: 1,
    daysInPhase: 1,
    ...over,
  });
  const issues = [
    issue('a', { amountMrr: 10, closeDate: '2026-12-20' }),
    issue('b', { amountMrr: 30, ownerUserId: null, flags: ['not_updated'] }),
    issue('c', { amountMrr: 20, closeDate: '2026-12-10', managerUserIds: ['m1'] }),
  ];

  it('narrows by owner, manager, problem and name, and sorts either way', () => {
    const ids = (list: HygieneIssue[]) => list.map((i) => i.id);
    expect(ids(selectIssues(issues, { sort: 'closeDate' }))).toEqual(['c', 'a', 'b']);
    expect(ids(selectIssues(issues, { sort: '-amountMrr' }))).toEqual(['b', 'c', 'a']);
    expect(ids(selectIssues(issues, { owner: 'none', sort: 'name' }))).toEqual(['b']);
    expect(ids(selectIssues(issues, { manager: 'm1', sort: 'name' }))).toEqual(['c']);
    expect(ids(selectIssues(issues, { manager: 'none', sort: 'name' }))).toEqual(['a', 'b']);
    expect(ids(selectIssues(issues, { flag: 'not_updated', sort: 'name' }))).toEqual(['b']);
    expect(ids(selectIssues(issues, { q: 'A', sort: 'name' }))).toEqual(['a']);
  });
});
