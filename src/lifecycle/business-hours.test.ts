import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addBusinessHours, businessMsBetween, isBusinessTime, workspaceCalendar } from './business-hours.ts';

const tokyo = workspaceCalendar('Asia/Tokyo', {});
const at = (iso: string) => new Date(iso);

describe('addBusinessHours', () => {
  it('counts only 9:00–18:00 on working days in Tokyo', () => {
    // Friday 2026-11-20 17:30 JST + 1 h → Monday 2026-11-23 is 勤労感謝の日, so Tuesday 9:30.
    expect(addBusinessHours(at('2026-11-20T08:30:00Z'), 1, tokyo).toISOString()).toBe(
      '2026-11-24T00:30:00.000Z',
    );
    // Tuesday 10:00 JST + 9 h = Wednesday 10:00 JST.
    expect(addBusinessHours(at('2026-11-24T01:00:00Z'), 9, tokyo).toISOString()).toBe(
      '2026-11-25T01:00:00.000Z',
    );
    // Before opening: starts counting at 9:00.
    expect(addBusinessHours(at('2026-11-24T22:00:00Z'), 2, tokyo).toISOString()).toBe(
      '2026-11-25T02:00:00.000Z',
    );
  });

  it('skips the New Year holidays and honours configured extra holidays', () => {
    const cal = workspaceCalendar('Asia/Tokyo', { businessHours: { extraHolidays: ['2026-12-30'] } });
    // Tue 2026-12-29 17:00 JST + 2 h: 1 h on the 29th, the 30th extra holiday, 31st is a Thursday → 10:00.
    expect(addBusinessHours(at('2026-12-29T08:00:00Z'), 2, cal).toISOString()).toBe(
      '2026-12-31T01:00:00.000Z',
    );
  });

  it('works in zones with daylight saving time', () => {
    const ny = workspaceCalendar('America/New_York', { businessHours: { holidays: 'none' } });
    // Fri 2026-03-06 17:00 EST + 2 h → Mon 2026-03-09 10:00 EDT (after the switch).
    expect(addBusinessHours(at('2026-03-06T22:00:00Z'), 2, ny).toISOString()).toBe(
      '2026-03-09T14:00:00.000Z',
    );
  });

  const zones = fc.constantFrom('Asia/Tokyo', 'Europe/Berlin', 'America/New_York', 'UTC');
  const instant = fc.date({
    min: at('2024-01-01T00:00:00Z'),
    max: at('2030-12-31T00:00:00Z'),
    noInvalidDate: true,
  });
  const hours = fc.integer({ min: 1, max: 400 }).map((q) => q / 4);

  it('property: the due time is in business time and exactly `hours` of business time away', () => {
    fc.assert(
      fc.property(zones, instant, hours, (tz, start, h) => {
        const cal = workspaceCalendar(tz, {});
        const due = addBusinessHours(start, h, cal);
        expect(due.getTime()).toBeGreaterThan(start.getTime());
        expect(isBusinessTime(due, cal)).toBe(true);
        expect(businessMsBetween(start, due, cal)).toBe(Math.round(h * 3_600_000));
      }),
      { numRuns: 500 },
    );
  });

  it('property: monotonic in hours and additive', () => {
    fc.assert(
      fc.property(instant, hours, hours, (start, a, b) => {
        const first = addBusinessHours(start, a, tokyo);
        expect(addBusinessHours(start, a + b, tokyo).getTime()).toBeGreaterThan(first.getTime());
        expect(addBusinessHours(first, b, tokyo).getTime()).toBe(
          addBusinessHours(start, a + b, tokyo).getTime(),
        );
      }),
      { numRuns: 300 },
    );
  });
});
