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
