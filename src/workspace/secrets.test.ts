import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newSecret, workspaceOfSecret } from './secrets.ts';

describe('secrets', () => {
  it('always name their workspace, whatever characters the random part holds', () => {
    fc.assert(
      fc.property(
        fc.uuid({ version: 4 }),
        fc.constantFrom('baton' as const, 'bsess' as const),
        (ws, prefix) => {
          const { token } = newSecret(prefix, ws);
          expect(workspaceOfSecret(prefix, token)).toBe(ws);
          expect(workspaceOfSecret(prefix === 'baton' ? 'bsess' : 'baton', token)).toBeNull();
        },
      ),
      { numRuns: 500 },
    );
  });

  it('rejects strings that are not ours', () => {
    for (const s of ['', 'nope', 'baton_123_abc', 'baton__', `baton_${'g'.repeat(32)}_${'a'.repeat(43)}`]) {
      expect(workspaceOfSecret('baton', s)).toBeNull();
    }
  });
});
