import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/db.ts';
import { analyzeOwnTables } from './analyze-tables.ts';
import type { Database } from './open-database.ts';
import { queryRows } from './query-rows.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('analyzeOwnTables', () => {
  it("gathers statistics for Baton's tables, with the sample size asked for", async () => {
    const { db } = database;
    await db.execute(sql`create table "analyze ""me""" (n int)`);
    await db.execute(sql`insert into "analyze ""me""" select g from generate_series(1, 5000) g`);
    const stats = () =>
      queryRows<{ n: number; bounds: number }>(
        db,
        sql`select count(*)::int as n, coalesce(max(cardinality(histogram_bounds::text::int[])), 0)::int as bounds
            from pg_stats where tablename = 'analyze "me"'`,
      );
    expect((await stats())[0]!.n).toBe(0);
    await analyzeOwnTables(db, 20);
    // One column analyzed; a histogram of at most target + 1 bounds.
    expect(await stats()).toEqual([{ n: 1, bounds: 21 }]);
    const [table] = await queryRows<{ rows: number }>(
      db,
      sql`select reltuples::int as rows from pg_class where relname = 'analyze "me"'`,
    );
    expect(table!.rows).toBe(5000);
  });
});
