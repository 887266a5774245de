import { tzOffset } from '@date-fns/tz';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseExportDate } from './import-dates.ts';

const ZONES = ['Asia/Tokyo', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'America/Sao_Paulo'];
const pad = (n: number) => String(n).padStart(2, '0');

/** The same two-step reading of a wall time, with @date-fns/tz's offsets (whole minutes). */
function reference(wall: number, timeZone: string): number {
  const off = (utc: number) => tzOffset(timeZone, new Date(utc)) * 60_000;
  return wall - off(wall - off(wall));
}

describe('naive export dates in the workspace time zone', () => {
  it('match an independent offset source for any wall time, DST transitions included', () => {
    // Days around the transitions of the zones above are drawn as often as any other day.
    const transitionDays = [
      '2025-03-09',
      '2025-03-30',
      '2025-04-06',
      '2025-10-05',
      '2025-10-26',
      '2025-11-02',
    ];
    const day = fc.oneof(
      fc.constantFrom(...transitionDays),
      fc
        .integer({ min: 0, max: 3 * 365 })
        .map((n) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString().slice(0, 10)),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        day,
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (zone, d, h, m) => {
          const text = `${d} ${pad(h)}:${pad(m)}`;
          const wall = Date.parse(`${d}T${pad(h)}:${pad(m)}:00Z`);
          expect(parseExportDate(text, zone)?.getTime(), `${text} ${zone}`).toBe(reference(wall, zone));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('match it at every minute of the days the zones change their clocks', () => {
    const days = ['2025-03-09', '2025-03-30', '2025-04-06', '2025-10-05', '2025-10-26', '2025-11-02'];
    for (const zone of ZONES)
      for (const d of days)
        for (let minute = 0; minute < 24 * 60; minute++) {
          const text = `${d} ${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
          const wall = Date.parse(`${d}T00:00:00Z`) + minute * 60_000;
          const got = parseExportDate(text, zone)?.getTime();
          if (got !== reference(wall, zone)) expect(got, `${text} ${zone}`).toBe(reference(wall, zone));
        }
  });

  it('reads offsets, naive dates and refuses what is not a date', () => {
    expect(parseExportDate('2025-04-01T10:00:00+09:00', 'Europe/London')?.toISOString()).toBe(
      '2025-04-01T01:00:00.000Z',
    );
    expect(parseExportDate('2025/4/1 10:30', 'Asia/Tokyo')?.toISOString()).toBe('2025-04-01T01:30:00.000Z');
    expect(parseExportDate('2025-04-01', 'Asia/Tokyo')?.toISOString()).toBe('2025-03-31T15:00:00.000Z');
    expect(parseExportDate('2025-02-30', 'Asia/Tokyo')).toBeNull();
    expect(parseExportDate('yesterday', 'Asia/Tokyo')).toBeNull();
  });
});
