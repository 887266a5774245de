import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { zonedDate, zonedTime, zonedWeek } from './zoned-time.ts';

describe('zoned time', () => {
  it('finds local midnights and weeks in Asia/Tokyo', () => {
    expect(zonedTime(2026, 4, 1, 'Asia/Tokyo').toISOString()).toBe('2026-03-31T15:00:00.000Z');
    // Sunday 2026-11-22 23:30 JST belongs to the week starting Monday 2026-11-16.
    const week = zonedWeek(new Date('2026-11-22T14:30:00Z'), 'Asia/Tokyo');
    expect(week.start.toISOString()).toBe('2026-11-15T15:00:00.000Z');
    expect(week.end.toISOString()).toBe('2026-11-22T15:00:00.000Z');
    expect(zonedDate(new Date('2026-11-22T15:30:00Z'), 'Asia/Tokyo')).toBe('2026-11-23');
  });

  it('handles daylight saving time zones', () => {
    expect(zonedTime(2026, 3, 9, 'America/New_York').toISOString()).toBe('2026-03-09T04:00:00.000Z');
    expect(zonedTime(2026, 3, 7, 'America/New_York').toISOString()).toBe('2026-03-07T05:00:00.000Z');
  });
});

describe('local dates around clock changes', () => {
  it('match @date-fns/tz at every 5 minutes of days with a clock change, half-hour zones included', () => {
    const zones = [
      'Asia/Tokyo',
      'Asia/Kolkata',
      'America/New_York',
      'America/Havana',
      'Australia/Lord_Howe',
      'Europe/London',
    ];
    const days = ['2025-03-09', '2025-03-30', '2025-04-05', '2025-10-04', '2025-10-26', '2025-11-02'];
    for (const zone of zones)
      for (const d of days)
        for (let m = -12 * 60; m < 36 * 60; m += 5) {
          const at = new Date(Date.parse(`${d}T00:00:00Z`) + m * 60_000);
          const expected = format(new TZDate(at.getTime(), zone), 'yyyy-MM-dd');
          if (zonedDate(at, zone) !== expected)
            expect(zonedDate(at, zone), `${at.toISOString()} ${zone}`).toBe(expected);
        }
  });
});
