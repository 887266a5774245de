import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { workspaceForFile } from '../../test/factories.ts';
import { runsOneAtATime } from '../platform/db/open-database.ts';
import { queryRows } from '../platform/db/query-rows.ts';
import { GroupCommit } from './group-commit.ts';

const t = workspaceForFile();

const stored = async (prefix: string) =>
  (
    await queryRows<{ k: string }>(
      t.ctx.db,
      sql`select idempotency_key as k from events where workspace_id = ${t.ctx.workspaceId}
          and starts_with(idempotency_key, ${prefix}) order by k`,
    )
  ).map((r) => r.k);

describe('group commit of tracking requests', () => {
  it('answers each of many concurrent requests with its own outcomes, a replayed id once', async () => {
    const group = new GroupCommit(t.database.db);
    const now = new Date();
    const requests = Array.from({ length: 30 }, (_, i) => [
      { id: `gc-${i}`, type: 'page_view', email: `gc${i % 7}@example.co.jp` },
      // Every request replays the previous request's id: stored once, wherever it lands.
      { id: `gc-${Math.max(0, i - 1)}`, type: 'page_view', email: `gc${i % 7}@example.co.jp` },
    ]);
    const answers = await Promise.all(requests.map((events) => group.track(t.ctx.workspaceId, events, now)));
    expect(answers.map((a) => a.length)).toEqual(requests.map(() => 2));
    const storedIds = answers.flat().filter((o) => o.status === 'stored');
    expect(storedIds).toHaveLength(30);
    expect(await stored('gc-')).toHaveLength(30);
    // Each id is stored by exactly one of the requests that carry it.
    const storedKeys = answers.flatMap((a, i) =>
      a.flatMap((o, k) => (o.status === 'stored' ? [requests[i]![k]!.id] : [])),
    );
    expect(new Set(storedKeys).size).toBe(30);
    for (const a of answers) for (const o of a) expect(o.personId).not.toBeNull();
  });

  it('requests that arrive together share a transaction (on PGlite all of them)', async () => {
    const group = new GroupCommit(t.database.db);
    const now = new Date();
    await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        group.track(
          t.ctx.workspaceId,
          [{ id: `together-${i}`, type: 'page_view', email: `t${i}@example.co.jp` }],
          now,
        ),
      ),
    );
    // xmin: the transaction that inserted each row.
    const [row] = await queryRows<{ rows: number; transactions: number }>(
      t.ctx.db,
      sql`select count(*)::int as rows, count(distinct xmin::text)::int as transactions from events
          where workspace_id = ${t.ctx.workspaceId} and starts_with(idempotency_key, 'together-')`,
    );
    // A server's first request starts at once and the four read with it share the next
    // transaction; PGlite starts after reading all five.
    expect(row).toEqual({ rows: 5, transactions: runsOneAtATime(t.database.db) ? 1 : 2 });
  });

  it("one request's failure is not another's", async () => {
    const group = new GroupCommit(t.database.db);
    const now = new Date();
    const good = (i: number) => [{ id: `ok-${i}`, type: 'page_view', email: `ok${i}@example.co.jp` }];
    // A time that is no date (the endpoint's validation would refuse it) breaks whatever transaction holds it.
    const bad = [{ id: 'bad-1', type: 'page_view', email: 'bad@example.co.jp', occurredAt: 'not a date' }];
    const results = await Promise.allSettled([
      group.track(t.ctx.workspaceId, good(1), now),
      group.track(t.ctx.workspaceId, good(2), now),
      group.track(t.ctx.workspaceId, good(3), now),
      group.track(t.ctx.workspaceId, good(4), now),
      group.track(t.ctx.workspaceId, bad, now),
      group.track(t.ctx.workspaceId, good(5), now),
    ]);
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect(await stored('ok-')).toEqual(['ok-1', 'ok-2', 'ok-3', 'ok-4', 'ok-5']);
    expect(await stored('bad-')).toEqual([]);
  });
});
