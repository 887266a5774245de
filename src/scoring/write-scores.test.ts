import { describe, expect, it } from 'vitest';
import { onPostgres } from '../../test/db.ts';
import { workspaceForFile } from '../../test/factories.ts';
import { latch } from '../../test/latch.ts';
import { upsertPeopleByEmail } from '../crm/upsert-people.ts';
import type { RequestContext } from '../platform/context.ts';
import { inTransaction } from '../platform/transaction.ts';
import { getScore, type ScoreWrite, writeScores } from './store.ts';

const t = workspaceForFile();

const at = (iso: string) => new Date(iso);
const increment = (personId: string, raw: bigint, hand?: { at: Date; id: string }): ScoreWrite => ({
  personId,
  raw,
  eventCount: 1,
  lastEventAt: at('2026-06-01T00:00:00Z'),
  handRaisedAt: hand?.at ?? null,
  handRaiseEventId: hand?.id ?? null,
  fitPoints: 10,
  grade: 'B',
});
const add = (on: RequestContext, rows: ScoreWrite[]) => writeScores(on, 'add', rows, 1, 0);

async function newPersonId(email: string): Promise<string> {
  const found = await inTransaction(t.ctx, (tx) => upsertPeopleByEmail(tx, [{ email }]));
  return found.get(email)!.id;
}

describe('writeScores, adding increments', () => {
  it('creates missing rows and adds to existing ones in one statement, returning both', async () => {
    const [a, b] = [await newPersonId('a@write-ex.co.jp'), await newPersonId('b@write-ex.co.jp')];
    await add(t.ctx, [increment(a, 5n)]);
    const written = await add(t.ctx, [increment(a, 7n), increment(b, 3n)]);
    expect(written.map((w) => [w.personId, w.raw, w.eventCount]).sort()).toEqual(
      [
        [a, 12n, 2],
        [b, 3n, 1],
      ].sort(),
    );
    expect((await getScore(t.ctx, a))!.raw).toBe(12n);
  });

  it('keeps the earliest hand-raise, the smaller event id on a tie', async () => {
    const p = await newPersonId('hand@write-ex.co.jp');
    const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
    await add(t.ctx, [increment(p, 1n, { at: at('2026-05-02T00:00:00Z'), id: id(5) })]);
    await add(t.ctx, [increment(p, 1n, { at: at('2026-05-03T00:00:00Z'), id: id(1) })]); // later: kept out
    await add(t.ctx, [increment(p, 1n, { at: at('2026-05-02T00:00:00Z'), id: id(2) })]); // tie, smaller id: in
    await add(t.ctx, [increment(p, 1n)]); // no hand-raise: the stored one stays
    const score = (await getScore(t.ctx, p))!;
    expect(score.handRaisedAt).toEqual(at('2026-05-02T00:00:00Z'));
    expect(score.handRaiseEventId).toBe(id(2));
    expect(score.raw).toBe(4n);
  });

  // Two connections are needed to interleave: PostgreSQL only.
  it.runIf(onPostgres)(
    'adds both of two concurrent increments, to a new row and to an existing one',
    async () => {
      const [fresh, existing] = [
        await newPersonId('new@race-ex.co.jp'),
        await newPersonId('old@race-ex.co.jp'),
      ];
      await add(t.ctx, [increment(existing, 100n)]);
      const written = latch();
      const release = latch();
      const first = inTransaction(t.ctx, async (tx) => {
        await add(tx, [increment(fresh, 1n), increment(existing, 1n)]);
        written.open();
        await release.opened; // both rows stay locked (one of them uncommitted) while the other writes
      });
      await written.opened;
      const second = inTransaction(t.ctx, (tx) => add(tx, [increment(fresh, 10n), increment(existing, 10n)]));
      await new Promise((r) => setTimeout(r, 200)); // the second now waits on the first's rows
      release.open();
      await Promise.all([first, second]);
      expect((await getScore(t.ctx, fresh))!.raw).toBe(11n);
      expect((await getScore(t.ctx, existing))!.raw).toBe(111n);
      expect((await getScore(t.ctx, existing))!.eventCount).toBe(3);
    },
  );
});
