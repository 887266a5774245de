import { PGlite } from '@electric-sql/pglite';
import { type SQL, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/db.ts';
import type { Database, Db } from './open-database.ts';
import { drizzleClient } from './pglite-client.ts';
import { PGLITE_PARSERS } from './type-parsers.ts';

const rows = async <T>(db: Db, query: SQL) => ((await db.execute(query)) as unknown as { rows: T[] }).rows;

/** The database's own message (drizzle wraps it in a "Failed query" error). */
const failure = (work: Promise<unknown>) =>
  work.then(
    () => 'no error',
    (err: Error & { cause?: Error }) => err.cause?.message ?? err.message,
  );

/** Values as both drivers send and read them: the same on PGlite and PostgreSQL. */
describe('query parameters and results', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it('sends dates, arrays, JSON, booleans and bytes as node-postgres does', async () => {
    const [row] = await rows(
      database.db,
      sql`select ${new Date('2026-01-02T03:04:05.678Z')}::timestamptz = '2026-01-02T03:04:05.678Z'::timestamptz as date_ok,
        ${sql.param(['a"b', 'c\\d', null, 'e,f', ''])}::text[] as texts,
        ${sql.param([
          [1, 2],
          [3, 4],
        ])}::int[] as nested,
        ${JSON.stringify({ k: 'ü"' })}::jsonb as doc,
        ${true}::boolean as yes,
        ${12345678901234n}::int8 as big,
        ${Buffer.from([0, 255, 10])}::bytea = '\\x00ff0a'::bytea as bytes_ok`,
    );
    expect(row).toEqual({
      date_ok: true,
      texts: ['a"b', 'c\\d', null, 'e,f', ''],
      nested: [
        [1, 2],
        [3, 4],
      ],
      doc: { k: 'ü"' },
      yes: true,
      big: 12345678901234,
      bytes_ok: true,
    });
  });

  it('reads large results whole, nulls and multi-byte text included', async () => {
    const read = await rows<{ n: number; label: string | null }>(
      database.db,
      sql`select n, case when n % 7 = 0 then null else repeat('営業', n % 50) || n end as label
        from generate_series(1, 50000) as n order by n`,
    );
    expect(read).toHaveLength(50_000);
    expect(read[0]).toEqual({ n: 1, label: '営業1' });
    expect(read[6]).toEqual({ n: 7, label: null });
    expect(read[49_999]).toEqual({ n: 50_000, label: '50000' });
  });

  it('counts the rows a command changed, and ignores notices', async () => {
    const db = database.db;
    await db.execute(sql`drop table if exists results_missing`);
    await db.execute(sql`create temporary table results_t (id int)`);
    const inserted = (await db.execute(
      sql`insert into results_t select generate_series(1, 12)`,
    )) as unknown as {
      rowCount?: number;
      affectedRows?: number;
    };
    expect(inserted.rowCount ?? inserted.affectedRows).toBe(12);
    const updated = (await db.execute(sql`update results_t set id = id + 1 where id <= ${5}`)) as unknown as {
      rowCount?: number;
      affectedRows?: number;
    };
    expect(updated.rowCount ?? updated.affectedRows).toBe(5);
  });
});

describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))('PGlite client: one exchange per statement', () => {
  let client: PGlite;
  let db: Db;
  beforeAll(async () => {
    client = await PGlite.create({ parsers: PGLITE_PARSERS });
    db = drizzle({ client: drizzleClient(client), casing: 'snake_case' }) as unknown as Db;
    await db.execute(sql`create table t (id int primary key, v text not null)`);
  });
  afterAll(() => client.close());

  const prepared = async () =>
    Number(
      (await client.query<{ n: number }>('select count(*)::int as n from pg_prepared_statements')).rows[0]!.n,
    );

  it('prepares a statement once and reuses it with new values', async () => {
    const before = await prepared();
    for (let i = 0; i < 20; i++) await db.execute(sql`insert into t (id, v) values (${i}, ${`v${i}`})`);
    expect(await prepared()).toBe(before + 1);
    const read = await rows<{ v: string }>(db, sql`select v from t where id = ${7}`);
    expect(read).toEqual([{ v: 'v7' }]);
    const again = await rows<{ v: string }>(db, sql`select v from t where id = ${8}`);
    expect(again).toEqual([{ v: 'v8' }]);
  });

  it('keeps at most 500 statements, closing the least recently used', async () => {
    for (let i = 0; i < 600; i++) await db.execute(sql.raw(`select ${i} as n`));
    expect(await prepared()).toBeLessThanOrEqual(500);
    // An evicted statement is prepared again when it comes back.
    expect(await rows(db, sql.raw('select 3 as n'))).toEqual([{ n: 3 }]);
  });

  it('recovers after a statement fails, inside and outside a transaction', async () => {
    const failing = sql`select 1 / ${0}::int as n`;
    expect(await failure(db.execute(failing))).toMatch(/division by zero/);
    expect(await failure(db.execute(failing))).toMatch(/division by zero/);
    expect(await failure(db.execute(sql.raw('selec 1')))).toMatch(/syntax error/);
    expect(await failure(db.execute(sql.raw('selec 1')))).toMatch(/syntax error/);
    expect(await rows(db, sql`select ${5}::int as n`)).toEqual([{ n: 5 }]);

    await db.transaction(async (tx) => {
      await tx.execute(sql`insert into t (id, v) values (${100}, ${'kept'})`);
      // A nested transaction is a savepoint: its failure rolls back to it, the outer one goes on.
      await expect(
        tx.transaction(async (inner) => {
          await inner.execute(sql`insert into t (id, v) values (${101}, ${'lost'})`);
          await inner.execute(sql`insert into t (id, v) values (${100}, ${'duplicate'})`);
        }),
      ).rejects.toThrow();
      await tx.execute(sql`insert into t (id, v) values (${102}, ${'kept too'})`);
    });
    const stored = await rows<{ id: number }>(db, sql`select id from t where id >= ${100} order by id`);
    expect(stored).toEqual([{ id: 100 }, { id: 102 }]);
  });

  it('prepares statements again after SQL deallocated them', async () => {
    const read = sql`select v from t where id = ${7}`;
    expect(await rows(db, read)).toEqual([{ v: 'v7' }]);
    await client.exec('deallocate all');
    expect(await failure(db.execute(read))).toMatch(/does not exist/);
    expect(await rows(db, read)).toEqual([{ v: 'v7' }]);
  });

  it('rolls a failed transaction back whole', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(sql`insert into t (id, v) values (${200}, ${'x'})`);
        await tx.execute(sql`insert into t (id, v) values (${200}, ${'y'})`);
      }),
    ).rejects.toThrow();
    expect(await rows(db, sql`select id from t where id = ${200}`)).toEqual([]);
  });
});
