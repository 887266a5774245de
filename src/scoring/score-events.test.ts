import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/db.ts';
import { newWorkspace } from '../../test/factories.ts';
import { trackEvents } from '../capture/track-events.ts';
import type { RequestContext } from '../platform/context.ts';
import type { Database } from '../platform/db/open-database.ts';
import { inTransaction } from '../platform/transaction.ts';
import { engagementAt } from './engagement.ts';
import { DEFAULT_SCORING_RULES, type ScoringRules } from './rules.ts';
import { insertRuleVersion, listScores } from './store.ts';
import { updateScoringRules } from './update-scoring-rules.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const NOW = new Date('2026-06-01T00:00:00Z');

/** The default rules with email clicks worth `points`. */
const clicksWorth = (points: number): ScoringRules => ({
  ...DEFAULT_SCORING_RULES,
  engagement: DEFAULT_SCORING_RULES.engagement.map((r) => (r.id === 'email.click' ? { ...r, points } : r)),
});

/** A workspace at a fixed clock, and a tracked email click of one person in it. */
async function clicksOf(email: string) {
  const { ctx: base } = await newWorkspace(database);
  const ctx = { ...base, now: () => NOW };
  const click = (id: string, on: RequestContext = ctx) =>
    trackEvents(on, [{ id, type: 'email_click', email, occurredAt: NOW.toISOString() }]);
  return { ctx, click };
}

/** Stores version 2 with clicks worth `points`, scores a click with it, and rolls all of it back. */
async function rolledBackVersion(
  ctx: RequestContext,
  click: (id: string, on: RequestContext) => Promise<unknown>,
  points: number,
) {
  await expect(
    inTransaction(ctx, async (tx) => {
      await updateScoringRules(tx, clicksWorth(points));
      await click(`rolled-back-${points}`, tx);
      throw new Error('roll back');
    }),
  ).rejects.toThrow('roll back');
}

describe('scoring tracked events', () => {
  it('uses the rules in force at each batch: a change applies to the next batch, a rolled-back one never', async () => {
    const { ctx, click } = await clicksOf('rules@corp.example.co.jp');
    const score = async () => (await listScores(ctx))[0]!;

    await click('c1'); // rules version 1: the defaults
    expect((await score()).ruleVersion).toBe(1);
    const first = (await score()).raw;

    // A version stored and rolled back (same number, other rules) is not the rules in force.
    await rolledBackVersion(ctx, click, 100);
    await click('c2');
    const second = await score();
    expect(second.ruleVersion).toBe(1);
    const clickOfVersion1 = second.raw - first; // 4 points (the rolled-back version gave 100)

    await updateScoringRules(ctx, clicksWorth(40));
    await click('c3');
    const third = await score();
    expect(third.ruleVersion).toBe(2);
    // The same click at the same time is worth ten times as much under version 2 (40 points).
    expect(Number(third.raw - second.raw) / Number(clickOfVersion1)).toBeCloseTo(10, 6);
  });

  it('never scores with a rolled-back version whose number the next stored version takes', async () => {
    const { ctx, click } = await clicksOf('reuse@corp.example.co.jp');
    await click('r1');
    const before = (await listScores(ctx))[0]!.raw;
    // Version 2 worth 100 a click is used by a batch, then rolled back; version 2 worth 40
    // (same number, same creation time under this fixed clock) is then stored by another
    // server process, as it were: this process last read the rolled-back one.
    await rolledBackVersion(ctx, click, 100);
    expect(await insertRuleVersion(ctx, 2, clicksWorth(40))).toBe(true);
    await click('r2');
    const after = (await listScores(ctx))[0]!;
    expect(after.ruleVersion).toBe(2);
    // A click at NOW is worth its rule's points exactly: 40 under the stored version 2.
    expect(engagementAt(after.raw - before, NOW, DEFAULT_SCORING_RULES.halfLifeDays)).toBe(40);
  });
});
