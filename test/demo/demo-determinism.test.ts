import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../src/demo/generate-demo.ts';
import type { Database } from '../../src/platform/db/open-database.ts';
import { queryRows } from '../../src/platform/db/query-rows.ts';
import { createTestDatabase } from '../db.ts';

// An anchor at which two runs once differed: reps tied on free capacity were ordered by
// random user ids, and two hand-raisers of a day reached the round robin in the order a
// statement returned their scores.
const anchor = new Date('2026-12-04T15:00:00Z');
/** Salted, database-wide (the audit sequence) or chained over those. */
const NOT_COMPARED = ['workspace_id', 'password_hash', 'seq', 'prev_hash', 'hash'];

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

/**
 * Every row of the workspace as text, sorted, with the run's own id prefix (the first
 * digits of every numbered id, the workspace's too) and its slug written as names.
 */
async function contents(workspaceId: string, slug: string): Promise<Record<string, string[]>> {
  const named = (row: string) =>
    row.replaceAll(workspaceId.slice(0, 8), 'RUN').replaceAll(`"slug": "${slug}"`, '"slug": "SLUG"');
  const tables = await queryRows<{ name: string }>(
    database.db,
    sql`select table_name as name from information_schema.columns
        where table_schema = current_schema() and column_name = 'workspace_id' order by 1`,
  );
  const out: Record<string, string[]> = {};
  for (const { name } of tables) {
    const rows = await queryRows<{ row: string }>(
      database.db,
      sql`select (to_jsonb(t) - ${sql.param(NOT_COMPARED)}::text[])::text as row
          from ${sql.identifier(name)} t where workspace_id = ${workspaceId}`,
    );
    out[name] = rows.map((r) => named(r.row)).sort();
  }
  return out;
}

describe('the demo simulation', () => {
  it('writes the same history for the same seed and anchor, row for row', async () => {
    const options = { seed: 42, people: 400, months: 6, anchor, adminPassword: 'demo-password-123' };
    const first = await generateDemo(database.db, { ...options, slug: 'demo-a' });
    const second = await generateDemo(database.db, { ...options, slug: 'demo-b' });
    const a = await contents(first.workspaceId, 'demo-a');
    const b = await contents(second.workspaceId, 'demo-b');
    expect(Object.keys(a).length).toBeGreaterThan(30);
    expect(a.opportunities!.length).toBeGreaterThan(20);
    expect(a.handoffs!.length).toBeGreaterThan(50);
    for (const table of Object.keys(a)) expect(b[table], table).toEqual(a[table]);
  });
});
