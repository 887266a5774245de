import { describe, expect, it } from 'vitest';
import { DEFAULT_OPPORTUNITY_DEFINITION } from './floor-settings.ts';
import { assertMeetsDefinition, orderQueue, type QueueItem, slotsOf, uniqueByPerson } from './workbench.ts';

const at = (h: number) => new Date(Date.UTC(2026, 10, 20, h));
const item = (personId: string, over: Partial<QueueItem>): QueueItem => ({
  personId,
  reason: 'working',
  stage: 'sal',
  slaDueAt: null,
  score: null,
  since: at(0),
  ...over,
});

describe('work queue order', () => {
  it('orders by SLA urgency, then score, then recency', () => {
    const ordered = orderQueue([
      item('no-sla-old', { since: at(1) }),
      item('no-sla-scored', { score: 80 }),
      item('due-late', { slaDueAt: at(12) }),
      item('due-soon-low', { slaDueAt: at(9), score: 10 }),
      item('due-soon-high', { slaDueAt: at(9), score: 90 }),
      item('no-sla-new', { since: at(5) }),
    ]);
    expect(ordered.map((i) => i.personId)).toEqual([
      'due-soon-high',
      'due-soon-low',
      'due-late',
      'no-sla-scored',
      'no-sla-new',
      'no-sla-old',
    ]);
  });

  it('keeps one entry per lead, its most urgent', () => {
    const ordered = uniqueByPerson(
      orderQueue([item('p', { reason: 'follow_up' }), item('p', { reason: 'handoff', slaDueAt: at(3) })]),
    );
    expect(ordered).toHaveLength(1);
    expect(ordered[0]!.reason).toBe('handoff');
  });
});

describe('slots and the opportunity definition', () => {
  it('counts half-hour slots: a note uses none, anything else at least one', () => {
    expect(slotsOf('note', 0)).toBe(0);
    expect(slotsOf('call', 5)).toBe(1);
    expect(slotsOf('meeting', 60)).toBe(2);
    expect(slotsOf('meeting', 61)).toBe(3);
  });

  it('lists every unmet item of the definition', () => {
    expect(() =>
      assertMeetsDefinition(DEFAULT_OPPORTUNITY_DEFINITION, { budget: true, authority: true, need: false }),
    ).toThrow(
      expect.objectContaining({
        details: [
          expect.objectContaining({ path: 'checklist.need' }),
          expect.objectContaining({ path: 'checklist.timeline' }),
          expect.objectContaining({ path: 'checklist.appointment' }),
        ],
      }),
    );
    expect(() =>
      assertMeetsDefinition(DEFAULT_OPPORTUNITY_DEFINITION, {
        budget: true,
        authority: true,
        need: true,
        timeline: true,
        appointment: true,
      }),
    ).not.toThrow();
  });
});
