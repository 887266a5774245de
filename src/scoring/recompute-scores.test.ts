import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/db.ts';
import { newWorkspace } from '../../test/factories.ts';
import { type CapturedEvent, trackEvents } from '../capture/track-events.ts';
import type { Database } from '../platform/db/open-database.ts';
import { recomputeScores } from './recompute-scores.ts';
import { DEFAULT_SCORING_RULES, type ScoringRules } from './rules.ts';
import { listScores } from './store.ts';
import { updateScoringRules } from './update-scoring-rules.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const NOW = new Date('2026-06-01T00:00:00Z');
const TYPES = [
  'page_view',
  'form_submit',
  'email_click',
  'email_open',
  'seminar_attended',
  'seminar_registered',
  'unsubscribe',
  'email_bounced',
  'identify',
];
const PATHS = ['/pricing', '/blog/a', '/', '/case-studies/x'];
const FORMS = ['demo_request', 'contact', 'ebook', 'newsletter'];

const rulesArb: fc.Arbitrary<ScoringRules> = fc
  .record({
    halfLifeDays: fc.constantFrom(1, 7, 30, 45.5, 365),
    points: fc.array(fc.integer({ min: -40, max: 60 }), {
      minLength: DEFAULT_SCORING_RULES.engagement.length,
      maxLength: DEFAULT_SCORING_RULES.engagement.length,
    }),
    hand: fc.array(fc.boolean(), {
      minLength: DEFAULT_SCORING_RULES.engagement.length,
      maxLength: DEFAULT_SCORING_RULES.engagement.length,
    }),
    fitPoints: fc.array(fc.integer({ min: -30, max: 40 }), {
      minLength: DEFAULT_SCORING_RULES.fit.length,
      maxLength: DEFAULT_SCORING_RULES.fit.length,
    }),
    minEngagement: fc.integer({ min: 0, max: 200 }),
    minGrade: fc.constantFrom('A', 'B', 'C', 'D' as const),
    handRaise: fc.boolean(),
  })
  .map((r) => ({
    ...DEFAULT_SCORING_RULES,
    halfLifeDays: r.halfLifeDays,
    engagement: DEFAULT_SCORING_RULES.engagement.map((e, i) => ({
      ...e,
      points: r.points[i]!,
      handRaise: r.hand[i]!,
    })),
    fit: DEFAULT_SCORING_RULES.fit.map((f, i) => ({ ...f, points: r.fitPoints[i]! })),
    mql: { minEngagement: r.minEngagement, minGrade: r.minGrade, handRaise: r.handRaise },
  }));

const eventArb = fc.record({
  person: fc.integer({ min: 0, max: 4 }),
  anon: fc.integer({ min: 0, max: 5 }),
  identified: fc.constantFrom('email', 'anonymous', 'both'),
  type: fc.constantFrom(...TYPES),
  path: fc.constantFrom(...PATHS),
  form: fc.constantFrom(...FORMS),
  ageMs: fc.integer({ min: 0, max: 400 * 86_400_000 }),
  replayOf: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
});

describe('scoring', () => {
  it('a full recompute equals the incremental scores exactly, for random event streams and rule sets', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        rulesArb,
        fc.array(eventArb, { minLength: 1, maxLength: 40 }),
        fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 1, maxLength: 8 }),
        async (rules, stream, chunks) => {
          run++;
          const { ctx: base } = await newWorkspace(database);
          const ctx = { ...base, now: () => NOW };
          await updateScoringRules(ctx, rules);
          const events: CapturedEvent[] = stream.map((e, i): CapturedEvent => {
            const properties: Record<string, string> =
              e.type === 'form_submit' ? { form: e.form } : e.type === 'page_view' ? { path: e.path } : {};
            const id = e.replayOf !== undefined && e.replayOf < i ? `ev-${e.replayOf}` : `ev-${i}`;
            return {
              id,
              type: e.type,
              occurredAt: new Date(NOW.getTime() - e.ageMs).toISOString(),
              ...(e.identified !== 'anonymous'
                ? { email: `p${e.person}@corp${e.person % 2}.example.co.jp` }
                : {}),
              ...(e.identified !== 'email' ? { anonymousId: `anon-${run}-${e.anon}` } : {}),
              properties,
            };
          });
          let offset = 0;
          for (let c = 0; offset < events.length; c++) {
            const size = chunks[c % chunks.length]!;
            await trackEvents(ctx, events.slice(offset, offset + size));
            offset += size;
          }
          const incremental = await listScores(ctx);
          await recomputeScores(ctx, { batchSize: 3, promote: false });
          const recomputed = await listScores(ctx);
          expect(recomputed).toEqual(incremental);
        },
      ),
      { numRuns: 30, endOnFailure: true },
    );
  });
});
