import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/db.ts';
import { DEFAULT_LEAD_LIFECYCLE } from '../lifecycle/default-stages.ts';
import { nextStages } from '../lifecycle/stages.ts';
import type { Database } from '../platform/db/open-database.ts';
import { queryRows } from '../platform/db/query-rows.ts';
import { generateDemo } from './generate-demo.ts';

let database: Database;
let workspaceId: string;
beforeAll(async () => {
  database = await createTestDatabase();
  const demo = await generateDemo(database.db, {
    seed: 7,
    people: 800,
    months: 3,
    anchor: new Date('2026-11-01T00:00:00Z'),
    adminPassword: 'demo-password-123',
  });
  workspaceId = demo.workspaceId;
}, 300_000);
afterAll(() => database.close());

const rows = <T extends Record<string, unknown>>(q: ReturnType<typeof sql>) => queryRows<T>(database.db, q);

describe('the demo workspace lifecycle history', () => {
  it('replaying the stage history reproduces every current stage, through legal moves only', async () => {
    const history = await rows<{ entity_id: string; from_stage: string | null; to_stage: string }>(
      sql`select entity_id, from_stage, to_stage from stage_history
          where workspace_id = ${workspaceId} and entity_type = 'person' order by entity_id, at, seq`,
    );
    const replayed = new Map<string, string>();
    for (const h of history) {
      const prev = replayed.get(h.entity_id) ?? null;
      expect(h.from_stage).toBe(prev);
      if (prev) expect(nextStages(DEFAULT_LEAD_LIFECYCLE, prev)).toContain(h.to_stage);
      replayed.set(h.entity_id, h.to_stage);
    }
    const people = await rows<{ id: string; stage: string }>(
      sql`select id, lifecycle_stage as stage from people where workspace_id = ${workspaceId}`,
    );
    expect(people.length).toBe(800);
    for (const p of people) expect(replayed.get(p.id), p.id).toBe(p.stage);
  });

  it('has hand-offs accepted, rejected, stale and open, and recycles', async () => {
    const [c] = await rows<Record<string, number>>(
      sql`select count(*) filter (where status = 'accepted')::int as accepted,
                 count(*) filter (where status = 'rejected')::int as rejected,
                 count(*) filter (where stale_at is not null)::int as stale,
                 count(*) filter (where kind = 'recycle')::int as recycle_handoffs,
                 count(*) filter (where status not in ('open', 'accepted', 'rejected') or due_at is null)::int as broken
          from handoffs where workspace_id = ${workspaceId}`,
    );
    expect(c).toMatchObject({ broken: 0 });
    for (const k of ['accepted', 'rejected', 'stale', 'recycle_handoffs'])
      expect(c![k], k).toBeGreaterThan(0);
    const [re] = await rows<{ recycled: number; reentries: number; notices: number }>(
      sql`select (select count(*)::int from stage_history where workspace_id = ${workspaceId} and to_stage = 'recycled') as recycled,
                 (select count(*)::int from (select entity_id from stage_history where workspace_id = ${workspaceId}
                    and not skipped group by entity_id, to_stage having count(*) > 1) x) as reentries,
                 (select count(*)::int from notifications where workspace_id = ${workspaceId} and kind = 'sla.breached') as notices`,
    );
    expect(re!.recycled).toBeGreaterThan(0);
    expect(re!.notices).toBeGreaterThan(0);
  });

  // The demo writes its history with the foreign-key checks off (generate-demo.ts):
  // every reference must still hold. Each foreign key of the schema is checked row by row.
  it('leaves no row referencing a missing one, for every foreign key', async () => {
    const keys = await rows<{ name: string; child: string; parent: string; cols: string[]; refs: string[] }>(
      sql`select c.conname as name, c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent,
                 array(select a.attname::text from unnest(c.conkey) with ordinality k(n, i)
                       join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.i) as cols,
                 array(select a.attname::text from unnest(c.confkey) with ordinality k(n, i)
                       join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.i) as refs
          from pg_constraint c join pg_namespace s on s.oid = c.connamespace
          where c.contype = 'f' and s.nspname = 'public'`,
    );
    expect(keys.length).toBeGreaterThan(20);
    const dangling: string[] = [];
    for (const k of keys) {
      const q = (c: string) => `"${c}"`;
      const [r] = await rows<{ n: number }>(
        sql.raw(`select count(*)::int as n from ${k.child} c
                 where ${k.cols.map((c) => `c.${q(c)} is not null`).join(' and ')}
                   and not exists (select 1 from ${k.parent} p where ${k.cols.map((c, i) => `p.${q(k.refs[i]!)} = c.${q(c)}`).join(' and ')})`),
      );
      if (r!.n > 0) dangling.push(`${k.name}: ${r!.n}`);
    }
    expect(dangling).toEqual([]);
  });
});
