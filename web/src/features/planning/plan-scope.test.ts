import { describe, expect, it } from 'vitest';
import { scopeOfSlice, sliceOfScope } from './api.ts';

describe('plan scope', () => {
  it('round-trips a slice through its one-string form', () => {
    for (const slice of [
      { dimension: 'segment' as const, value: 'mid_market' },
      { dimension: 'pod' as const, value: '0b6c2f4e-0000-4000-8000-000000000001' },
      { dimension: 'segment' as const, value: 'a:b' },
    ])
      expect(sliceOfScope(scopeOfSlice(slice))).toEqual(slice);
  });

  it('reads the whole workspace from anything else', () => {
    for (const scope of ['', 'segment:', 'region:kanto', 'enterprise'])
      expect(sliceOfScope(scope)).toBeUndefined();
    expect(scopeOfSlice(undefined)).toBe('');
  });
});
