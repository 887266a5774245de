import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/platform/db/query-rows.ts';
import { apiHarness } from './harness.ts';

/**
 * Every route of the OpenAPI document gets generated invalid input — bodies built from
 * its JSON schema with one field corrupted, unknown fields, random JSON, hostile strings,
 * odd ids and query strings. Never a 5xx; and a rejected request changes no row of any
 * table (counts and version sums) and adds no audit row.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 20);

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  format?: string;
}
interface Operation {
  method: string;
  path: string;
  body: JsonSchema | null;
  query: string[];
}

const HOSTILE: unknown[] = [
  null,
  0,
  -1,
  1.5,
  1e308,
  -(2 ** 53) - 2,
  '',
  ' ',
  'x'.repeat(5000),
  '\u0000',
  '\ud800',
  '<script>alert(1)</script>',
  "'; drop table people; --",
  "' or '1'='1",
  '=HYPERLINK("http://evil.example")',
  '../../etc/passwd',
  'ＡＢＣ＠ｅｘａｍｐｌｅ．ｃｏｍ',
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  '2026-02-30',
  '9999-99-99T99:99:99Z',
  true,
  [],
  [null],
  {},
  { $ne: null },
  { __proto__: { admin: true } },
];

const hostile = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.jsonValue({ maxDepth: 2 }),
  fc.string({ maxLength: 50 }),
);

/** A valid-looking value for a schema (so a corrupted sibling is the only fault). */
function plausible(s: JsonSchema | undefined): fc.Arbitrary<unknown> {
  if (!s) return fc.constant(null);
  if (s.enum) return fc.constantFrom(...s.enum);
  if (s.anyOf?.length) return fc.oneof(...s.anyOf.map(plausible));
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'string':
      if (s.format === 'uuid') return fc.uuid();
      if (s.format === 'email') return fc.constant(`${randomUUID().slice(0, 8)}@fuzz.example.jp`);
      if (s.format === 'date-time') return fc.constant('2026-01-01T00:00:00Z');
      if (s.format === 'date') return fc.constant('2026-01-01');
      return fc.string({ minLength: 1, maxLength: 20 });
    case 'integer':
    case 'number':
      return fc.integer({ min: 1, max: 5 });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(plausible(s.items), { maxLength: 2 });
    case 'object':
      return fc.constant({});
    default:
      return fc.constant(null);
  }
}

/** Bodies that should be refused: one field corrupted, an unknown field, or not an object at all. */
function invalidBody(schema: JsonSchema | null): fc.Arbitrary<unknown> {
  const props = schema?.properties ?? {};
  const keys = Object.keys(props);
  const base = fc.record(Object.fromEntries(keys.map((k) => [k, plausible(props[k])])), { requiredKeys: [] });
  const variants: fc.Arbitrary<unknown>[] = [
    hostile,
    base.chain((b) => fc.string({ minLength: 1, maxLength: 12 }).map((k) => ({ ...b, [`x_${k}`]: 1 }))),
  ];
  if (keys.length) {
    variants.push(
      fc
        .tuple(base, fc.constantFrom(...keys), hostile)
        .map(([b, key, bad]) => ({ ...(b as Record<string, unknown>), [key]: bad })),
    );
  }
  return fc.oneof(...variants);
}

let h: Awaited<ReturnType<typeof apiHarness>>;
let operations: Operation[];
let realIds: string[];
let tables: string[];
let versioned: Set<string>;

async function snapshot(): Promise<string> {
  const parts = tables.map(
    (t) =>
      `select '${t}' as t, count(*)::bigint as n, ${versioned.has(t) ? 'coalesce(sum(version), 0)::bigint' : '0::bigint'} as v from "${t}"`,
  );
  const rows = await queryRows<{ t: string; n: number; v: number }>(
    h.database.db,
    sql.raw(parts.join(' union all ')),
  );
  return rows.map((r) => `${r.t}:${r.n}:${r.v}`).join(' ');
}

beforeAll(async () => {
  h = await apiHarness({ hardening: { rateLimitPerMinute: 10_000_000, loginFailures: 10_000_000 } });
  await h.app.ready();
  const doc = h.app.swagger() as {
    paths: Record<
      string,
      Record<
        string,
        {
          requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
          parameters?: { in: string; name: string }[];
        }
      >
    >;
  };
  operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      body: op.requestBody?.content?.['application/json']?.schema ?? null,
      query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
    })),
  );
  realIds = [];
  for (const [url, payload] of [
    ['/api/v1/accounts', { name: 'ファズ株式会社', domain: 'fuzz.example.jp' }],
    ['/api/v1/people', { email: 'fuzz-target@example.jp', lastName: '標的' }],
    ['/api/v1/campaigns', { name: 'ファズ展示会', channel: 'exhibition' }],
  ] as const) {
    const res = await h.app.inject({ method: 'POST', url, headers: h.auth, payload });
    realIds.push(res.json().id);
  }
  realIds.push(h.ws.adminUserId);
  const rows = await queryRows<{ table_name: string; has_version: boolean }>(
    h.database.db,
    sql`select t.table_name, exists (select 1 from information_schema.columns c
          where c.table_schema = 'public' and c.table_name = t.table_name and c.column_name = 'version') as has_version
        from information_schema.tables t
        where t.table_schema = 'public' and t.table_type = 'BASE TABLE' and t.table_name not like '%migrations%'
          and t.table_name not in ('sessions', 'api_tokens')
        order by 1`,
  );
  // Sessions and token last-use stamps change on sign-in and use, which are not writes of user data.
  tables = rows.map((r) => r.table_name);
  versioned = new Set(rows.filter((r) => r.has_version).map((r) => r.table_name));
}, 120_000);
afterAll(() => h.close());

const idArb = () =>
  fc.oneof(
    fc.constantFrom(...realIds),
    fc.uuid(),
    fc.string({ maxLength: 40 }),
    fc.constantFrom('..', '%00', "1' or '1'='1", '-1', '0', 'null', 'ＩＤ'),
  );

const queryArb = (names: string[]) =>
  fc
    .dictionary(
      fc.oneof(
        fc.constantFrom(...(names.length ? names : ['limit'])),
        fc.string({ minLength: 1, maxLength: 8 }),
      ),
      fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('-1', '0', '99999', 'NaN', '%', "'", 'true')),
      { maxKeys: 3 },
    )
    .map((q) => new URLSearchParams(q).toString());

describe('fuzzing every route', () => {
  it('covers every route of the OpenAPI document', () => {
    expect(operations.length).toBeGreaterThan(20);
  });

  it('never answers 5xx and a rejected request writes nothing', async () => {
    let runs = 0;
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (const op of operations) {
      const sends = op.method !== 'GET' && op.method !== 'DELETE';
      await fc.assert(
        fc.asyncProperty(
          fc.record({
            id: idArb(),
            channel: fc.oneof(fc.constantFrom('email', 'phone', 'fax'), fc.string({ maxLength: 10 })),
            query: queryArb(op.query),
            body: sends ? invalidBody(op.body) : fc.constant(undefined),
            raw: fc.boolean(),
          }),
          async ({ id, channel, query, body, raw }) => {
            runs++;
            const url =
              op.path
                .replace('{id}', encodeURIComponent(id))
                .replace('{channel}', encodeURIComponent(channel)) + (query ? `?${query}` : '');
            const before = await snapshot();
            const res = await h.app.inject({
              method: op.method as 'POST',
              url,
              headers: { ...h.auth, ...(sends ? { 'content-type': 'application/json' } : {}) },
              ...(sends
                ? { payload: raw && typeof body === 'string' ? body : JSON.stringify(body ?? null) }
                : {}),
            });
            statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
            if (res.statusCode >= 500)
              failures.push(`${op.method} ${url} → ${res.statusCode} ${res.body.slice(0, 200)}`);
            if (res.statusCode >= 400) {
              const after = await snapshot();
              if (after !== before) failures.push(`${op.method} ${url} → ${res.statusCode} but data changed`);
              const error = res.json().error;
              if (!error?.code || !Array.isArray(error.details))
                failures.push(`${op.method} ${url} → ${res.statusCode} without the error body`);
            }
          },
        ),
        { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261122) },
      );
    }
    const histogram = [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`);
    console.log(
      `fuzz: ${runs} generated requests over ${operations.length} operations: ${histogram.join(' ')}`,
    );
    expect(failures.slice(0, 20)).toEqual([]);
  }, 1_800_000);
});
