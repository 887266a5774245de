import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase } from '../src/platform/db/migrate.ts';
import type { Database } from '../src/platform/db/open-database.ts';
import { queryRows } from '../src/platform/db/query-rows.ts';
import { createTestDatabase } from './db.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('the data model', () => {
  it('is Citus-ready: every table has workspace_id, in its primary key and in every foreign key', async () => {
    const tables = await queryRows<{ table_name: string }>(
      database.db,
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
    );
    expect(tables.length).toBeGreaterThan(15);
    const keys = await queryRows<{ table_name: string; constraint_type: string; columns: string[] }>(
      database.db,
      sql`select tc.table_name, tc.constraint_type, array_agg(kcu.column_name::text) as columns
          from information_schema.table_constraints tc
          join information_schema.key_column_usage kcu
            on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema and kcu.table_name = tc.table_name
          where tc.table_schema = 'public' and tc.constraint_type in ('PRIMARY KEY', 'FOREIGN KEY')
          group by tc.table_name, tc.constraint_name, tc.constraint_type`,
    );
    for (const { table_name } of tables) {
      // The tenant table itself is distributed by its own id.
      const key = table_name === 'workspaces' ? 'id' : 'workspace_id';
      const pk = keys.find((k) => k.table_name === table_name && k.constraint_type === 'PRIMARY KEY');
      expect(pk?.columns, `${table_name} primary key`).toContain(key);
      for (const fk of keys.filter(
        (k) => k.table_name === table_name && k.constraint_type === 'FOREIGN KEY',
      )) {
        expect(fk.columns, `${table_name} foreign key ${fk.columns}`).toContain('workspace_id');
      }
    }
  });

  it('applies migrations idempotently', async () => {
    await migrateDatabase(database);
    const [row] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*) as n from drizzle.__drizzle_migrations`,
    );
    expect(row!.n).toBeGreaterThanOrEqual(2);
  });

  it('parses int8 and numeric the same way on both drivers', async () => {
    const [row] = await queryRows<{ n: unknown; x: unknown; big: unknown }>(
      database.db,
      sql`select count(*) as n, 12.5::numeric as x, 9007199254740991::int8 as big`,
    );
    expect(row).toEqual({ n: 1, x: 12.5, big: 9007199254740991 });
  });
});
