import fc from 'fast-check';
import { expect, it } from 'vitest';
import { isoTimestamp } from './iso-timestamp.ts';

it('writes every date exactly as toISOString does', () => {
  const instant = fc.oneof(
    fc.integer({ min: -8.64e15, max: 8.64e15 }),
    fc.integer({ min: 0, max: 253_402_300_799_999 }),
    fc.constantFrom(
      0,
      -1,
      253_402_300_799_999,
      253_402_300_800_000,
      951_782_400_000,
      Date.UTC(2026, 11, 31, 23, 59, 59, 999),
    ),
  );
  fc.assert(
    fc.property(instant, (ms) => {
      const date = new Date(ms);
      expect(isoTimestamp(date)).toBe(date.toISOString());
      expect(isoTimestamp(date)).toBe(date.toISOString()); // again, from the cached day
    }),
    { numRuns: 20_000 },
  );
});

it('throws as toISOString does for an invalid date', () => {
  expect(() => isoTimestamp(new Date(Number.NaN))).toThrow(RangeError);
});
