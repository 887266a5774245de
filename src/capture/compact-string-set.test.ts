import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CompactStringSet } from './compact-string-set.ts';

describe('CompactStringSet', () => {
  it('answers exactly as a Set would, through growth, for any strings (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('', 'a', 'é', '山田@例え.jp', '😀x')),
          {
            maxLength: 300,
          },
        ),
        fc.integer({ min: 1, max: 64 }),
        (values, initialSlots) => {
          const compact = new CompactStringSet(initialSlots);
          const reference = new Set<string>();
          for (const v of values) {
            expect(compact.add(v)).toBe(!reference.has(v));
            reference.add(v);
          }
          expect(compact.size).toBe(reference.size);
          // Everything added is still there after all the growth.
          for (const v of reference) expect(compact.add(v)).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps a hundred thousand emails apart, including ones that differ in one character', () => {
    const set = new CompactStringSet(4);
    for (let i = 0; i < 100_000; i++)
      expect(set.add(`person${i}@company${i % 500}.example.co.jp`)).toBe(true);
    for (let i = 0; i < 100_000; i += 997)
      expect(set.add(`person${i}@company${i % 500}.example.co.jp`)).toBe(false);
    expect(set.add('person1@company1.example.co.jq')).toBe(true);
    expect(set.size).toBe(100_001);
  });
});
