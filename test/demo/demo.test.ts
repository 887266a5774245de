import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateMarket, seededUuid, seededUuidAt } from '../../src/demo/demo-market.ts';
import { DEMO_USERS } from '../../src/demo/demo-org.ts';
import { generateDemo } from '../../src/demo/generate-demo.ts';
import { ROLES } from '../../src/platform/context.ts';
import type { Database } from '../../src/platform/db/open-database.ts';
import { queryRows } from '../../src/platform/db/query-rows.ts';
import { Rng } from '../../src/platform/random.ts';
import { createTestDatabase } from '../db.ts';

const anchor = new Date('2026-03-31T15:00:00Z');
let database: Database;
let result: Awaited<ReturnType<typeof generateDemo>>;
beforeAll(async () => {
  database = await createTestDatabase();
  result = await generateDemo(database.db, {
    seed: 7,
    people: 600,
    months: 12,
    anchor,
    adminPassword: 'demo-password-123',
  });
});
afterAll(() => database.close());

const one = async <T extends Record<string, unknown>>(q: ReturnType<typeof sql>) =>
  (await queryRows<T>(database.db, q))[0]!;

describe('the demo workspace', () => {
  it('is the same market for the same seed and a different one for another seed', () => {
    const a = generateMarket(new Rng(3), { anchor, months: 3, peopleCount: 50 });
    const b = generateMarket(new Rng(3), { anchor, months: 3, peopleCount: 50 });
    const c = generateMarket(new Rng(4), { anchor, months: 3, peopleCount: 50 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a.people)).not.toBe(JSON.stringify(c.people));
  });

  it('has a campaign for every person from one month of history up (any --months the CLI accepts)', () => {
    for (const months of [1, 2, 5]) {
      const market = generateMarket(new Rng(months), { anchor, months, peopleCount: 400 });
      const campaignIds = new Set(market.campaigns.map((c) => c.id));
      expect(new Set(market.campaigns.map((c) => c.channel)).size).toBe(7);
      for (const p of market.people) expect(campaignIds.has(p.firstCampaignId)).toBe(true);
    }
  });

  it('draws seeded uuids digit by digit in text order: version-4 shape, the next draw unchanged', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        // The digits' draws as one reads the text: 8-4-(4)3-(variant)3-12.
        const reference = new Rng(seed);
        const hex = (n: number) =>
          Array.from({ length: n }, () => reference.int(0, 15).toString(16)).join('');
        const expected = `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[reference.int(0, 3)]}${hex(3)}-${hex(12)}`;
        const rng = new Rng(seed);
        expect(seededUuid(rng)).toBe(expected);
        expect(expected).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(rng.next()).toBe(reference.next());
      }),
    );
  });

  it('makes a version-7 id of the time and the same draws as a random id', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.oneof(fc.integer({ min: 0, max: 2 ** 48 - 1 }), fc.constantFrom(0, 1, 15, 16, 2 ** 48 - 1)),
        (seed, ms) => {
          // The digits of the milliseconds as Number#toString(16) writes them, over a random id.
          const random = seededUuid(new Rng(seed));
          const digits = ms.toString(16).padStart(12, '0');
          const rng = new Rng(seed);
          expect(seededUuidAt(rng, new Date(ms))).toBe(
            `${digits.slice(0, 8)}-${digits.slice(8)}-7${random.slice(15)}`,
          );
          const reference = new Rng(seed);
          seededUuid(reference);
          expect(rng.next()).toBe(reference.next());
        },
      ),
    );
    expect(() => seededUuidAt(new Rng(1), new Date(-1))).toThrow(RangeError);
  });

  it('gives events version-7 ids in the order of their time', () => {
    const { events } = generateMarket(new Rng(3), { anchor, months: 3, peopleCount: 50 });
    expect(events.length).toBeGreaterThan(100);
    for (const e of events)
      expect(e.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const byTime = [...events].sort((x, y) => x.occurredAt.getTime() - y.occurredAt.getTime());
    const byId = [...events].sort((x, y) => (x.id < y.id ? -1 : 1));
    expect(byId.map((e) => e.occurredAt.getTime())).toEqual(byTime.map((e) => e.occurredAt.getTime()));
  });

  it('has a full team with every role and two PODs', async () => {
    const roles = await queryRows<{ role: string }>(database.db, sql`select distinct role from memberships`);
    expect(roles.map((r) => r.role).sort()).toEqual([...ROLES].sort());
    const pods = await one<{ n: number }>(sql`select count(*) as n from teams where kind = 'pod'`);
    expect(pods.n).toBe(2);
    const users = await one<{ n: number }>(sql`select count(*) as n from users`);
    expect(users.n).toBe(DEMO_USERS.length);
  });

  it('has campaigns of every channel with costs, and history within the 12 months before the anchor', async () => {
    const channels = await queryRows<{ channel: string; cost: number }>(
      database.db,
      sql`select channel, sum(cost) as cost from campaigns group by channel order by channel`,
    );
    expect(channels.map((c) => c.channel)).toEqual([
      'content',
      'email',
      'exhibition',
      'outbound',
      'referral',
      'seminar',
      'web_ads',
    ]);
    for (const c of channels) expect(c.cost).toBeGreaterThan(0);
    const span = await one<{ first: string; last: string }>(
      sql`select min(occurred_at) as first, max(occurred_at) as last from events`,
    );
    expect(new Date(span.last).getTime()).toBeLessThanOrEqual(anchor.getTime());
    expect(anchor.getTime() - new Date(span.first).getTime()).toBeGreaterThan(300 * 86_400_000);
    expect(result.counts.events).toBeGreaterThan(result.counts.people * 8);
  });

  it('merges the browsing of visitors who identified into their person, and keeps the rest anonymous', async () => {
    const merged = await one<{ visitors: number; orphan_events: number }>(sql`
      select count(distinct v.id) as visitors,
             count(e.id) filter (where e.person_id is null) as orphan_events
      from visitors v join events e on e.visitor_id = v.id where v.person_id is not null`);
    expect(merged.visitors).toBeGreaterThan(50);
    expect(merged.orphan_events).toBe(0);
    const anonymous = await one<{ n: number }>(
      sql`select count(*) as n from visitors where person_id is null`,
    );
    expect(anonymous.n).toBeGreaterThan(100);
  });

  it('gives people Japanese names, accounts by company domain and none for free mail', async () => {
    const sample = await one<{ last_name: string; email: string }>(
      sql`select last_name, email from people limit 1`,
    );
    expect(sample.last_name).toMatch(/[\u3040-\u30ff\u4e00-\u9faf]/);
    const free = await one<{ n: number }>(sql`
      select count(*) as n from people where account_id is not null
      and split_part(email, '@', 2) in ('gmail.com', 'yahoo.co.jp', 'outlook.jp', 'icloud.com', 'docomo.ne.jp')`);
    expect(free.n).toBe(0);
    const mismatched = await one<{ n: number }>(sql`
      select count(*) as n from people p join accounts a on a.id = p.account_id
      where split_part(p.email_normalized, '@', 2) <> a.domain`);
    expect(mismatched.n).toBe(0);
  });

  it('writes no dangling reference (its market rows are inserted without per-row foreign-key checks)', async () => {
    const orphans = await one<Record<string, number>>(sql`
      select (select count(*) from events e where (e.person_id is not null and not exists (select 1 from people p where p.id = e.person_id))
                or (e.account_id is not null and not exists (select 1 from accounts a where a.id = e.account_id))
                or (e.campaign_id is not null and not exists (select 1 from campaigns c where c.id = e.campaign_id)))::int as events,
             (select count(*) from people p where p.account_id is not null
                and not exists (select 1 from accounts a where a.id = p.account_id))::int as people,
             (select count(*) from campaign_members m where not exists (select 1 from people p where p.id = m.person_id)
                or not exists (select 1 from campaigns c where c.id = m.campaign_id))::int as members`);
    expect(orphans).toEqual({ events: 0, people: 0, members: 0 });
  });

  it('starts every person in the lead lifecycle with a history row matching the current stage', async () => {
    const bad = await one<{ n: number }>(sql`
      select count(*) as n from people p
      where p.lifecycle_stage is distinct from (
        select h.to_stage from stage_history h
        where h.entity_type = 'person' and h.entity_id = p.id order by h.at desc, h.seq desc limit 1)`);
    expect(bad.n).toBe(0);
  });
});
