import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, onPostgres } from '../../../test/db.ts';
import type { Database, Db } from './open-database.ts';
import { queryRows } from './query-rows.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const squares = (db: Db, n: number[]) =>
  queryRows<{ n: number; sq: number }>(
    db,
    sql`select u.n, u.n * u.n as sq from unnest(${sql.param(n)}::int[]) as u(n) order by u.n`,
    { prepared: true },
  );

describe('queryRows with prepared: true', () => {
  it('returns the rows of each run, whatever the parameters (past the plan cache’s first five)', async () => {
    for (let i = 1; i <= 8; i++) {
      const n = Array.from({ length: i }, (_, k) => k + i);
      expect(await squares(database.db, n)).toEqual(n.map((v) => ({ n: v, sq: v * v })));
    }
  });

  it('runs in a transaction on its connection, and a rolled-back write is gone', async () => {
    await database.db.execute(sql`create table if not exists prepared_probe (id int primary key)`);
    const insert = (db: Db, id: number) =>
      queryRows<{ id: number }>(db, sql`insert into prepared_probe values (${id}) returning id`, {
        prepared: true,
      });
    await expect(
      database.db.transaction(async (tx) => {
        expect(await insert(tx as unknown as Db, 1)).toEqual([{ id: 1 }]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await insert(database.db, 2)).toEqual([{ id: 2 }]);
    const rows = await queryRows<{ id: number }>(database.db, sql`select id from prepared_probe order by id`);
    expect(rows).toEqual([{ id: 2 }]);
  });

  it.runIf(onPostgres)('is prepared once per connection under one name per text (PostgreSQL)', async () => {
    // One checked-out connection, so the statements below all see its prepared statements.
    await database.db.transaction(async (tx) => {
      const db = tx as unknown as Db;
      await squares(db, [1]);
      await squares(db, [2, 3]);
      const prepared = await queryRows<{ name: string }>(
        db,
        sql`select name from pg_prepared_statements
            where statement like '%u.n * u.n as sq%'`,
      );
      expect(prepared).toHaveLength(1);
      expect(prepared[0]!.name).toMatch(/^baton_\d+$/);
    });
  });
});
