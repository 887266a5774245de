import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/db.ts';
import { arrayLiteral } from './array-literal.ts';
import { binaryArray, writeTimestamp } from './binary-array.ts';
import type { Database } from './open-database.ts';
import { queryRows } from './query-rows.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

/** The elements as the database reads them back as text, from a binary array and from the text literal. */
async function bothWays(type: string, values: unknown[], literal: unknown[] = values) {
  const binary = binaryArray(type, values);
  expect(binary).not.toBeNull();
  const [row] = await queryRows<{ binary: (string | null)[]; text: (string | null)[] }>(
    database.db,
    sql`select (select array_agg(x::text order by o) from unnest(${binary}::${sql.raw(type)}[]) with ordinality as t(x, o)) as binary,
               (select array_agg(x::text order by o) from unnest(${arrayLiteral(literal)}::text::${sql.raw(type)}[]) with ordinality as t(x, o)) as text`,
  );
  return row!;
}

const withNulls = <T>(arb: fc.Arbitrary<T>) =>
  fc.array(fc.option(arb, { nil: null, freq: 6 }), { minLength: 1, maxLength: 40 });

it('reads back uuids, texts, integers and booleans as their text literals do', async () => {
  const cases: [string, fc.Arbitrary<unknown[]>][] = [
    ['uuid', withNulls(fc.uuid().map((u) => (u.charCodeAt(0) % 2 ? u.toUpperCase() : u)))],
    ['text', withNulls(fc.string({ unit: 'binary' }).filter((s) => !s.includes('\0')))],
    ['integer', withNulls(fc.integer())],
    ['bigint', withNulls(fc.maxSafeInteger())],
    ['boolean', withNulls(fc.boolean())],
  ];
  for (const [type, values] of cases)
    await fc.assert(
      fc.asyncProperty(values, async (v) => {
        const { binary, text } = await bothWays(type, v);
        expect(binary).toEqual(text);
      }),
      { numRuns: 40 },
    );
});

it('reads back timestamps to the microsecond, before 1970 and 2000 and far ahead', async () => {
  // PostgreSQL's range starts in 4714 BC; JavaScript's ends in 275760 AD.
  const instant = fc.oneof(
    fc.integer({ min: -210_000_000_000_000, max: 8_640_000_000_000_000 }),
    fc.integer({ min: 0, max: 4_102_444_800_000 }),
    fc.constantFrom(0, -1, 946_684_800_000, 946_684_799_999, 946_684_800_001, 8_640_000_000_000_000),
  );
  await fc.assert(
    fc.asyncProperty(withNulls(instant.map((ms) => new Date(ms))), async (dates) => {
      const { binary, text } = await bothWays('timestamp with time zone', dates);
      expect(binary).toEqual(text);
    }),
    { numRuns: 60 },
  );
  // The arithmetic on 32-bit halves against BigInt's, over JavaScript's whole range.
  fc.assert(
    fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), (ms) => {
      const out = Buffer.alloc(8);
      writeTimestamp(out, 0, ms);
      expect(out.readBigInt64BE(0)).toBe((BigInt(ms) - 946_684_800_000n) * 1000n);
    }),
  );
});

it('reads back any JSON as json and jsonb text do', async () => {
  for (const type of ['jsonb', 'json'])
    await fc.assert(
      fc.asyncProperty(withNulls(fc.jsonValue()), async (docs) => {
        const json = docs.map((d) => (d === null ? null : JSON.stringify(d)));
        const { binary, text } = await bothWays(type, docs, json);
        expect(binary).toEqual(text);
      }),
      { numRuns: 40 },
    );
});

it('gives way to the text literal for a type or a value it does not write', () => {
  expect(binaryArray('date', ['2026-01-01'])).toBeNull();
  expect(binaryArray('numeric', [1.5])).toBeNull();
  expect(binaryArray('uuid', ['0190f5b2-7c1e-7000-8000-00000000000', null])).toBeNull();
  expect(binaryArray('uuid', ['{0190f5b2-7c1e-7000-8000-000000000001}'])).toBeNull();
  expect(binaryArray('uuid', ['0190f5b2x7c1e-7000-8000-000000000001'])).toBeNull();
  expect(binaryArray('timestamp with time zone', ['2026-01-01T00:00:00Z'])).toBeNull();
  expect(binaryArray('timestamp with time zone', [new Date(Number.NaN)])).toBeNull();
  expect(binaryArray('integer', [2 ** 31])).toBeNull();
  expect(binaryArray('integer', [1.5])).toBeNull();
  expect(binaryArray('bigint', [2 ** 53])).toBeNull();
  expect(binaryArray('text', [42])).toBeNull();
  expect(binaryArray('boolean', ['t'])).toBeNull();
});

it('writes the header PostgreSQL reads: one dimension, the nulls flag, the element type', () => {
  const out = binaryArray('integer', [1, null, -2])!;
  expect([...Array(5)].map((_, i) => out.readInt32BE(i * 4))).toEqual([1, 1, 23, 3, 1]);
  expect(out.subarray(20).toString('hex')).toBe(`00000004${'00000001'}ffffffff00000004${'fffffffe'}`);
  expect(binaryArray('boolean', [])!.readInt32BE(12)).toBe(0);
});
