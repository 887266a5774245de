import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contribution, engagementAt, scoreEvent } from './engagement.ts';
import { evaluateFit } from './fit.ts';
import { combineTotals, mqlReason, NO_ENGAGEMENT, totalsOf } from './person-score.ts';
import { DEFAULT_SCORING_RULES as R } from './rules.ts';

const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000);

describe('engagement decay', () => {
  it('halves every half-life and is exact at the event instant', () => {
    const raw = contribution(10, day(0), 30);
    expect(engagementAt(raw, day(0), 30)).toBe(10);
    expect(engagementAt(raw, day(30), 30)).toBe(5);
    expect(engagementAt(raw, day(60), 30)).toBe(2.5);
  });

  it('scores the pricing page above a blog post, attendance above registration, and negatives', () => {
    const ev = (type: string, properties: Record<string, unknown> = {}) => ({
      type,
      occurredAt: day(0),
      properties,
    });
    const pts = (type: string, p?: Record<string, unknown>) => scoreEvent(R, ev(type, p)).rule?.points ?? 0;
    expect(pts('page_view', { path: '/pricing' })).toBeGreaterThan(pts('page_view', { path: '/blog/kpi' }));
    expect(pts('seminar_attended')).toBeGreaterThan(pts('seminar_registered'));
    expect(pts('unsubscribe')).toBeLessThan(0);
    expect(pts('email_bounced')).toBeLessThan(0);
    expect(scoreEvent(R, ev('form_submit', { form: 'demo_request' })).handRaise).toBe(true);
    expect(scoreEvent(R, ev('form_submit', { form: 'ebook' })).handRaise).toBe(false);
  });
});

describe('fit and the MQL rule', () => {
  it('grades a sales director at a large IT company A and a small-company clerk D', () => {
    const big = {
      person: { title: '部長', department: '営業部', source: null },
      account: { industry: 'IT・通信', employeeCount: 2000, region: '関東', tier: null },
    };
    const small = {
      person: { title: '担当', department: '総務部', source: null },
      account: { industry: '教育', employeeCount: 10, region: null, tier: null },
    };
    expect(evaluateFit(R, big).grade).toBe('A');
    expect(evaluateFit(R, small).grade).toBe('D');
  });

  it('needs engagement ≥ 60 and grade ≥ B, or a hand-raise', () => {
    const events = Array.from({ length: 6 }, (_, i) => ({
      id: `e${i}`,
      type: 'page_view',
      occurredAt: day(0),
      properties: { path: '/pricing' },
    }));
    const totals = totalsOf(R, events);
    expect(mqlReason(R, { raw: totals.raw, grade: 'B', handRaisedAt: null }, day(0))).toBe('score');
    expect(mqlReason(R, { raw: totals.raw, grade: 'C', handRaisedAt: null }, day(0))).toBeNull();
    expect(mqlReason(R, { raw: totals.raw, grade: 'B', handRaisedAt: null }, day(30))).toBeNull();
    expect(mqlReason(R, { raw: 0n, grade: 'D', handRaisedAt: day(0) }, day(0))).toBe('hand_raise');
  });
});

describe('totals of a set of events', () => {
  const event = fc.record({
    id: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
    type: fc.constantFrom('page_view', 'form_submit', 'seminar_attended', 'unsubscribe', 'other'),
    occurredAt: fc.integer({ min: -400, max: 400 }).map((n) => day(n % 7 === 0 ? 0 : n)),
    properties: fc.constantFrom({}, { path: '/pricing' }, { form: 'demo_request' }, { form: 'ebook' }),
  });

  it('equal the one-event totals combined, in any order and any split', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), fc.nat(), (events, cut) => {
        const folded = events
          .map((e) => totalsOf(R, [e]))
          .reduce((a, b) => combineTotals(a, b), NO_ENGAGEMENT);
        expect(totalsOf(R, events)).toEqual(folded);
        const at = events.length ? cut % events.length : 0;
        const halves = combineTotals(totalsOf(R, events.slice(at)), totalsOf(R, events.slice(0, at)));
        expect(halves).toEqual(folded);
        expect(totalsOf(R, [...events].reverse())).toEqual(folded);
      }),
    );
  });
});
