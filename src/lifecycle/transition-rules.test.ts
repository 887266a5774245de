import { describe, expect, it } from 'vitest';
import type { DomainError } from '../platform/errors.ts';
import { DEFAULT_LEAD_LIFECYCLE, DEFAULT_LIFECYCLES } from './default-stages.ts';
import { validateDefinition } from './stages.ts';
import { decideEntry, decideTransition } from './transition-rules.ts';

const now = new Date('2026-04-01T00:00:00Z');
const lead = DEFAULT_LEAD_LIFECYCLE;

describe('stage definitions', () => {
  it('the defaults of DOMAIN.md are valid', () => {
    for (const def of DEFAULT_LIFECYCLES) expect(validateDefinition(def)).toEqual([]);
  });

  it('names unreachable stages, unknown targets and cycles without exit', () => {
    const unreachable = {
      ...lead,
      stages: [...lead.stages, { ...lead.stages.find((x) => x.key === 'disqualified')!, key: 'orphan' }],
    };
    expect(
      validateDefinition(unreachable)
        .map((i) => i.message)
        .join(),
    ).toContain('"orphan" cannot be reached');
    const unknown = {
      ...lead,
      stages: lead.stages.map((s) => (s.key === 'sal' ? { ...s, transitions: ['nowhere'] } : s)),
    };
    expect(validateDefinition(unknown)[0]!.message).toContain('unknown stage "nowhere"');
    const trap = {
      ...lead,
      stages: lead.stages.map((s) =>
        s.key === 'disqualified'
          ? { ...s, transitions: ['recycled'] }
          : s.key === 'recycled'
            ? { ...s, transitions: ['disqualified'] }
            : s,
      ),
    };
    expect(validateDefinition(trap).some((i) => i.message.includes('cycle without exit'))).toBe(true);
  });
});

describe('transitions', () => {
  it('allows a listed move and records one step', () => {
    expect(decideTransition(lead, 'nurturing', { to: 'mql' }, now)).toEqual([
      { from: 'nurturing', to: 'mql', skipped: false },
    ]);
  });

  it('records skipped success-path stages as passed', () => {
    expect(decideTransition(lead, 'lead', { to: 'sql' }, now)).toEqual([
      { from: 'lead', to: 'nurturing', skipped: true },
      { from: 'nurturing', to: 'mql', skipped: true },
      { from: 'mql', to: 'sal', skipped: true },
      { from: 'sal', to: 'sql', skipped: false },
    ]);
    expect(decideEntry(lead, 'mql').map((s) => s.to)).toEqual(['lead', 'nurturing', 'mql']);
    expect(decideEntry(lead)).toEqual([{ from: null, to: 'lead', skipped: false }]);
  });

  it('refuses illegal moves, naming the rule', () => {
    expect(() => decideTransition(lead, 'mql', { to: 'nurturing' }, now)).toThrow(/not allowed/);
    try {
      decideTransition(lead, 'disqualified', { to: 'nurturing' }, now);
      expect.unreachable();
    } catch (err) {
      expect((err as DomainError).details[0]!.message).toContain('none (an end)');
    }
    expect(() => decideTransition(lead, 'mql', { to: 'bogus' }, now)).toThrow(/not a stage/);
  });

  it('requires a reason for off-ramps and a future re-approach date for recycling', () => {
    expect(() => decideTransition(lead, 'mql', { to: 'disqualified' }, now)).toThrow(/needs a reason/);
    expect(() => decideTransition(lead, 'mql', { to: 'recycled', reason: 'budget' }, now)).toThrow(
      /re-approach date/,
    );
    expect(() =>
      decideTransition(
        lead,
        'mql',
        { to: 'recycled', reason: 'budget', reapproachOn: new Date('2026-03-01') },
        now,
      ),
    ).toThrow(/future/);
    expect(
      decideTransition(
        lead,
        'mql',
        { to: 'recycled', reason: 'budget', reapproachOn: new Date('2026-07-01') },
        now,
      ),
    ).toHaveLength(1);
  });
});
