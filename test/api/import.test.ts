import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPeople } from '../../src/capture/import-people.ts';
import { queryRows } from '../../src/platform/db/query-rows.ts';
import { apiHarness } from './harness.ts';

let h: Awaited<ReturnType<typeof apiHarness>>;
beforeAll(async () => {
  h = await apiHarness();
});
afterAll(() => h.close());

const csv = (rows: Record<string, string>[]) => Papa.unparse(rows, { newline: '\r\n' });
const open = (text: string) => () => Readable.from([Buffer.from(text, 'utf8')]);
const history = (email: string) =>
  queryRows<{ to_stage: string; at: Date | string; skipped: boolean }>(
    h.database.db,
    sql`select h.to_stage, h.at, h.skipped from stage_history h join people p on p.id = h.entity_id
        where p.email_normalized = ${email} order by h.at, h.seq`,
  );

/** A HubSpot contacts export, with HubSpot's own column names and lifecycle dates (naive, Tokyo time). */
const HUBSPOT = csv([
  {
    'Record ID': '101',
    'First Name': '太郎',
    'Last Name': '山田',
    Email: 'taro.yamada@acme.co.jp',
    'Company Name': 'アクメ株式会社',
    'Job Title': '営業部長',
    'Lifecycle Stage': 'Sales Qualified Lead',
    'Create Date': '2025-04-01 09:00',
    'Became a Lead Date': '2025-04-01 09:00',
    'Became a Marketing Qualified Lead Date': '2025-04-10 15:30',
    'Became a Sales Qualified Lead Date': '2025-04-20 11:00',
    'Became an Opportunity Date': '',
    'Became a Customer Date': '',
    'First Conversion': '営業DXウェビナー 2025-04',
  },
  {
    'Record ID': '102',
    'First Name': '花子',
    'Last Name': '佐藤',
    Email: 'hanako@gmail.com',
    'Company Name': '',
    'Job Title': '',
    'Lifecycle Stage': 'customer',
    'Create Date': '2025-01-15 10:00',
    'Became a Lead Date': '2025-01-15 10:00',
    'Became a Marketing Qualified Lead Date': '',
    'Became a Sales Qualified Lead Date': '2025-02-01 10:00',
    'Became an Opportunity Date': '2025-02-10 10:00',
    'Became a Customer Date': '2025-03-31 18:00',
    'First Conversion': '',
  },
]);

/** A Salesforce leads export (API field names). */
const SALESFORCE = csv([
  {
    FirstName: '一郎',
    LastName: '鈴木',
    Email: 'ichiro.suzuki@beta-corp.jp',
    Company: 'ベータ商事',
    Title: '課長',
    Status: 'Working - Contacted',
    LeadSource: '展示会 SaaS World',
    CreatedDate: '2025-05-01T01:00:00.000Z',
    ConvertedDate: '',
  },
  {
    FirstName: '次郎',
    LastName: '高橋',
    Email: 'jiro@beta-corp.jp',
    Company: 'ベータ商事',
    Title: '担当',
    Status: 'Closed - Converted',
    LeadSource: '展示会 SaaS World',
    CreatedDate: '2025-05-01T02:00:00.000Z',
    ConvertedDate: '2025-05-15T02:00:00.000Z',
  },
  {
    FirstName: '三郎',
    LastName: '田中',
    Email: 'saburo@yahoo.co.jp',
    Company: '',
    Title: '',
    Status: 'Closed - Not Converted',
    LeadSource: 'Web',
    CreatedDate: '2025-05-02T00:00:00.000Z',
    ConvertedDate: '',
  },
]);

describe('CSV import', () => {
  it('imports a HubSpot contacts export into people, accounts, campaigns and stage history', async () => {
    const dry = await importPeople(h.ws.ctx, {
      format: 'hubspot-contacts',
      open: open(HUBSPOT),
      dryRun: true,
    });
    expect(dry).toMatchObject({ committed: false, created: 2, rows: 2 });
    expect(await history('taro.yamada@acme.co.jp')).toEqual([]);

    const report = await importPeople(h.ws.ctx, { format: 'hubspot-contacts', open: open(HUBSPOT) });
    expect(report).toMatchObject({
      committed: true,
      created: 2,
      updated: 0,
      invalid: 0,
      campaignsCreated: 1,
      memberships: 1,
    });
    const [taro] = await queryRows<{
      lifecycle_stage: string;
      account_id: string | null;
      last_name: string;
      title: string;
    }>(
      h.database.db,
      sql`select lifecycle_stage, account_id, last_name, title from people where email_normalized = 'taro.yamada@acme.co.jp'`,
    );
    expect(taro).toMatchObject({ lifecycle_stage: 'sql', last_name: '山田', title: '営業部長' });
    const [account] = await queryRows<{ name: string; domain: string }>(
      h.database.db,
      sql`select name, domain from accounts where id = ${taro!.account_id}`,
    );
    expect(account).toEqual({ name: 'アクメ株式会社', domain: 'acme.co.jp' });
    // Naive timestamps are Tokyo time (UTC+9).
    expect(
      (await history('taro.yamada@acme.co.jp')).map((r) => [
        r.to_stage,
        new Date(r.at).toISOString(),
        r.skipped,
      ]),
    ).toEqual([
      ['lead', '2025-04-01T00:00:00.000Z', false],
      ['nurturing', '2025-04-10T06:30:00.000Z', true],
      ['mql', '2025-04-10T06:30:00.000Z', false],
      ['sal', '2025-04-20T02:00:00.000Z', true],
      ['sql', '2025-04-20T02:00:00.000Z', false],
    ]);
    const hanako = await history('hanako@gmail.com');
    expect(hanako.map((r) => r.to_stage)).toEqual([
      'lead',
      'nurturing',
      'mql',
      'sal',
      'sql',
      'opportunity',
      'customer',
    ]);
    expect(hanako.at(-1)).toMatchObject({ skipped: false });
    const [free] = await queryRows<{ account_id: string | null }>(
      h.database.db,
      sql`select account_id from people where email_normalized = 'hanako@gmail.com'`,
    );
    expect(free!.account_id).toBeNull();
    const [campaign] = await queryRows<{ channel: string; members: number }>(
      h.database.db,
      sql`select c.channel, (select count(*)::int from campaign_members m where m.campaign_id = c.id) as members
          from campaigns c where c.name = '営業DXウェビナー 2025-04'`,
    );
    expect(campaign).toEqual({ channel: 'seminar', members: 1 });
    // Analytics slice the imported person by that first-touch campaign.
    const [progress] = await queryRows<{ campaign: string; name: string | null }>(
      h.database.db,
      sql`select p.campaign, c.name from analytics_progress p join people x on x.id = p.entity_id
          left join campaigns c on c.id::text = p.campaign
          where x.email_normalized = 'taro.yamada@acme.co.jp' and p.lifecycle = 'lead'`,
    );
    expect(progress).toEqual({ campaign: expect.any(String), name: '営業DXウェビナー 2025-04' });

    // Importing again dedupes against the existing people.
    const again = await importPeople(h.ws.ctx, { format: 'hubspot-contacts', open: open(HUBSPOT) });
    expect(again).toMatchObject({ created: 0, updated: 2, historyRows: 0 });
  });

  it('imports a Salesforce leads export with statuses, conversion dates and lead sources', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/import/salesforce-leads',
      headers: { ...h.auth, 'content-type': 'text/csv' },
      payload: SALESFORCE,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ created: 3, campaignsCreated: 2 });
    const stages = await queryRows<{ email_normalized: string; lifecycle_stage: string }>(
      h.database.db,
      sql`select email_normalized, lifecycle_stage from people where email_normalized like '%beta-corp.jp' or email_normalized like 'saburo%' order by 1`,
    );
    expect(stages).toEqual([
      { email_normalized: 'ichiro.suzuki@beta-corp.jp', lifecycle_stage: 'sal' },
      { email_normalized: 'jiro@beta-corp.jp', lifecycle_stage: 'sql' },
      { email_normalized: 'saburo@yahoo.co.jp', lifecycle_stage: 'disqualified' },
    ]);
    const [accounts] = await queryRows<{ n: number }>(
      h.database.db,
      sql`select count(*)::int as n from accounts where domain = 'beta-corp.jp'`,
    );
    expect(accounts!.n).toBe(1);
    const jiro = await history('jiro@beta-corp.jp');
    expect(jiro.at(-1)).toMatchObject({ to_stage: 'sql', skipped: false });
    expect(new Date(jiro.at(-1)!.at).toISOString()).toBe('2025-05-15T02:00:00.000Z');
    expect((await history('saburo@yahoo.co.jp')).map((r) => r.to_stage)).toEqual(['lead', 'disqualified']);
    const [exhibition] = await queryRows<{ channel: string }>(
      h.database.db,
      sql`select channel from campaigns where name = '展示会 SaaS World'`,
    );
    expect(exhibition!.channel).toBe('exhibition');
  });

  it('names the line and column of bad cells and imports nothing unless skipping invalid lines', async () => {
    const bad = csv([
      { Email: 'ok1@delta.co.jp', 'Lifecycle Stage': 'lead', 'Create Date': '2025-06-01' },
      { Email: 'not-an-email', 'Lifecycle Stage': 'lead', 'Create Date': '2025-06-01' },
      { Email: 'ok2@delta.co.jp', 'Lifecycle Stage': 'lead', 'Create Date': '2025-13-45' },
      { Email: 'ok3@delta.co.jp', 'Lifecycle Stage': 'wizard', 'Create Date': '' },
    ]);
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/import/hubspot-contacts',
      headers: { ...h.auth, 'content-type': 'text/csv' },
      payload: bad,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toEqual([
      'line 3, column Email',
      'line 4, column Create Date',
      'line 5, column Lifecycle Stage',
    ]);
    const [none] = await queryRows<{ n: number }>(
      h.database.db,
      sql`select count(*)::int as n from people where email_normalized like '%delta.co.jp'`,
    );
    expect(none!.n).toBe(0);
    const skipped = await importPeople(h.ws.ctx, {
      format: 'hubspot-contacts',
      open: open(bad),
      skipInvalid: true,
    });
    expect(skipped).toMatchObject({ created: 1, invalid: 3, committed: true });
  });

  it('reports a missing required column and broken encoding', async () => {
    await expect(
      importPeople(h.ws.ctx, {
        format: 'salesforce-leads',
        open: open('FirstName,LastName\r\n太郎,山田\r\n'),
      }),
    ).rejects.toThrow(/Line 1: .*"Email" column/);
    const latin1 = Buffer.concat([
      Buffer.from('Email,Last Name\r\nx@epsilon.co.jp,'),
      Buffer.from([0x93, 0xfa]),
      Buffer.from('\r\n'),
    ]);
    const report = await importPeople(h.ws.ctx, {
      format: 'hubspot-contacts',
      open: () => Readable.from([latin1]),
    });
    expect(report.errors[0]).toMatchObject({
      line: 2,
      column: 'Last Name',
      message: expect.stringContaining('UTF-8'),
    });
  });

  // Batches are written while the next chunk is parsed; a failure must still undo them all.
  const manyContacts = (prefix: string, n: number) =>
    Array.from({ length: n }, (_, i) =>
      csv([{ Email: `${prefix}${i}@zeta.co.jp`, 'Last Name': `山本${i}`, 'Lifecycle Stage': 'Lead' }]),
    ).map((text, i) => (i === 0 ? `${text}\r\n` : `${text.split('\r\n')[1]}\r\n`));
  const peopleLike = async (prefix: string) =>
    (
      await queryRows<{ n: number }>(
        h.database.db,
        sql`select count(*)::int as n from people where email_normalized like ${`${prefix}%`}`,
      )
    )[0]!.n;

  it('writes many small batches from many chunks, every row once', async () => {
    const chunks = manyContacts('batch', 30);
    const report = await importPeople(h.ws.ctx, {
      format: 'hubspot-contacts',
      open: () => Readable.from(chunks.map((c) => Buffer.from(c, 'utf8'))),
      batchSize: 4,
    });
    expect(report).toMatchObject({ committed: true, created: 30, rows: 30 });
    expect(await peopleLike('batch')).toBe(30);
  });

  it('undoes every written batch when the file fails to read half-way', async () => {
    const chunks = manyContacts('broken', 30);
    let opened = 0;
    const open = () => {
      opened++;
      let i = 0;
      return new Readable({
        read() {
          // Batches of 4 have been written by now.
          if (i === 20) this.destroy(new Error('disk read error'));
          else this.push(i < chunks.length ? Buffer.from(chunks[i++]!, 'utf8') : null);
        },
      });
    };
    await expect(importPeople(h.ws.ctx, { format: 'hubspot-contacts', open, batchSize: 4 })).rejects.toThrow(
      /disk read error/,
    );
    expect(opened).toBe(1);
    expect(await peopleLike('broken')).toBe(0);
  });

  it('refuses a file whose bad line comes after written batches, and reports every error', async () => {
    const lines = manyContacts('late', 30).join('').split('\r\n');
    const header = lines[0]!.split(',');
    const bad = header.map((h) => (h === 'Email' ? 'not-an-email' : '')).join(',');
    // 30 good lines (seven batches of 4 written), a bad one, a duplicate, another bad one.
    const text = [...lines.slice(0, 31), bad, lines[5], bad].join('\r\n');
    const report = await importPeople(h.ws.ctx, {
      format: 'hubspot-contacts',
      open: () => Readable.from([Buffer.from(text, 'utf8')]),
      batchSize: 4,
    });
    expect(report).toMatchObject({
      committed: false,
      rows: 33,
      valid: 31,
      invalid: 2,
      duplicatesInFile: 1,
      created: 0,
    });
    expect(report.errors.map((e) => [e.line, e.column])).toEqual([
      [32, 'Email'],
      [34, 'Email'],
    ]);
    expect(await peopleLike('late')).toBe(0);
  });
});

describe('CSV export', () => {
  it('exports people with formula injection neutralised', async () => {
    await h.app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: h.auth,
      payload: { email: 'evil@zeta.co.jp', lastName: '=HYPERLINK("http://x")' },
    });
    const res = await h.app.inject({ method: 'GET', url: '/api/v1/export/people', headers: h.auth });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const parsed = Papa.parse<Record<string, string>>(res.body.replace(/^\uFEFF/, ''), {
      header: true,
      skipEmptyLines: true,
    });
    const evil = parsed.data.find((r) => r.email === 'evil@zeta.co.jp');
    expect(evil?.last_name).toBe(`'=HYPERLINK("http://x")`);
    expect(parsed.data.length).toBeGreaterThan(5);
    const accounts = await h.app.inject({ method: 'GET', url: '/api/v1/export/accounts', headers: h.auth });
    expect(accounts.body).toContain('acme.co.jp');
  });
});
