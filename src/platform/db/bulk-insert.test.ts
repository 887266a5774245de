import { sql } from 'drizzle-orm';
import { boolean, integer, jsonb, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/db.ts';
import { bulkInsert } from './bulk-insert.ts';
import type { Database } from './open-database.ts';
import { queryRows } from './query-rows.ts';

const samples = pgTable('bulk_insert_samples', {
  id: uuid().primaryKey(),
  label: text(),
  n: integer(),
  amount: numeric({ mode: 'number' }),
  flag: boolean(),
  at: timestamp({ withTimezone: true }),
  doc: jsonb(),
});

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  await database.db.execute(
    sql`create table bulk_insert_samples (id uuid primary key, label text, n int, amount numeric, flag boolean, at timestamptz, doc jsonb)`,
  );
});
afterAll(() => database.close());

it('stores every value exactly as given, whatever characters its text holds', async () => {
  const labels = [
    'plain',
    'a "quoted" word',
    'back\\slash',
    'comma, and {braces}',
    'NULL',
    '',
    ' padded ',
    '改行\nと\tタブ',
    '\\"',
  ];
  const rows = labels.map((label, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    label,
    n: i % 3 === 0 ? null : i - 4,
    amount: i === 1 ? null : i * 1234.5,
    flag: i % 2 === 0,
    at: i === 2 ? null : new Date(Date.UTC(2026, 0, 1 + i, 9, 30, 15, 250)),
    doc:
      i === 3
        ? null
        : i === 5
          ? `a JSON string: ${label}`
          : { label, list: [i, `"${label}"`], nested: { ok: true } },
  }));
  expect(await bulkInsert(database.db, samples, rows)).toBe(rows.length);
  const stored = await queryRows<typeof samples.$inferSelect>(
    database.db,
    sql`select id, label, n, amount::float8 as amount, flag, at, doc from bulk_insert_samples order by id`,
  );
  expect(
    stored.map((r) => ({ ...r, at: r.at === null ? null : new Date(r.at as unknown as string) })),
  ).toEqual(rows);
});

it('inserts in chunks and skips conflicting rows when asked', async () => {
  const rows = Array.from({ length: 25 }, (_, i) => ({
    id: `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`,
    label: `row ${i}`,
  }));
  expect(await bulkInsert(database.db, samples, rows.slice(0, 10), { chunkSize: 4 })).toBe(10);
  expect(await bulkInsert(database.db, samples, rows, { chunkSize: 7, onConflictDoNothing: true })).toBe(15);
  const [count] = await queryRows<{ n: number }>(
    database.db,
    sql`select count(*)::int as n from bulk_insert_samples where label like 'row %'`,
  );
  expect(count!.n).toBe(25);
});

it('gives every row the constants, sent once, over any value the rows hold for them', async () => {
  const rows = Array.from({ length: 12 }, (_, i) => ({
    id: `00000000-0000-4000-a000-${String(i).padStart(12, '0')}`,
    label: `constant ${i}`,
    flag: false,
  }));
  const constants = { flag: true, amount: 7.5, doc: { from: 'constants' } };
  expect(await bulkInsert(database.db, samples, rows, { chunkSize: 5, constants })).toBe(12);
  const stored = await queryRows<{ label: string; flag: boolean; amount: number; doc: unknown }>(
    database.db,
    sql`select label, flag, amount::float8 as amount, doc from bulk_insert_samples where label like 'constant %' order by id`,
  );
  expect(stored).toEqual(rows.map((r) => ({ label: r.label, ...constants })));
});
