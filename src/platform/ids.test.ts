import { describe, expect, it } from 'vitest';
import { newId, newTimeOrderedId, numberedIds, timeOrderedId } from './ids.ts';

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

describe('numberedIds', () => {
  it('numbers ids in text order, UUID-shaped, with a prefix of their own per source', () => {
    const next = numberedIds();
    const ids = Array.from({ length: 70_000 }, () => next());
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort());
    for (const id of [ids[0]!, ids[4095]!, ids[65_535]!, ids.at(-1)!])
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ids[0]!.endsWith('-000000000001')).toBe(true);
    expect(numberedIds()().slice(0, 8)).not.toBe(ids[0]!.slice(0, 8));
  });

  it('serves a context that numbers its ids, and random ids to one that does not', () => {
    const ctx = { ids: numberedIds() };
    expect(newId(ctx).endsWith('-000000000001')).toBe(true);
    expect(newTimeOrderedId(ctx).endsWith('-000000000002')).toBe(true);
    expect(newId({})).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4/);
    expect(newTimeOrderedId({})).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
  });
});
