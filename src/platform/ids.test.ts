import { describe, expect, it } from 'vitest';
import { timeOrderedId } from './ids.ts';

describe('timeOrderedId', () => {
  it('makes distinct version-7 ids whose first 48 bits are the current millisecond', () => {
    const before = Date.now();
    // Several refills of the random pool (256 ids each).
    const ids = Array.from({ length: 3000 }, () => timeOrderedId());
    const after = Date.now();
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const ms = Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16);
      expect(ms).toBeGreaterThanOrEqual(before);
      expect(ms).toBeLessThanOrEqual(after);
    }
    const prefixes = ids.map((id) => id.slice(0, 13));
    expect(prefixes).toEqual([...prefixes].sort());
  });
});
