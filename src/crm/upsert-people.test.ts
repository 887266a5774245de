import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { onPostgres } from '../../test/db.ts';
import { workspaceForFile } from '../../test/factories.ts';
import { latch } from '../../test/latch.ts';
import { withTrustedReferences } from '../platform/db/bulk-insert.ts';
import { queryRows } from '../platform/db/query-rows.ts';
import { inTransaction } from '../platform/transaction.ts';
import { upsertPeopleByEmail } from './upsert-people.ts';

const t = workspaceForFile();

const person = async (email: string) =>
  (
    await queryRows<{
      id: string;
      title: string | null;
      phone: string | null;
      account_id: string | null;
      version: number;
    }>(
      t.ctx.db,
      sql`select id, title, phone, account_id, version from people where workspace_id = ${t.ctx.workspaceId} and email_normalized = ${email}`,
    )
  )[0];

describe('upsertPeopleByEmail', () => {
  it('creates the missing, finds the existing, fills only empty fields', async () => {
    const first = await inTransaction(t.ctx, (tx) =>
      upsertPeopleByEmail(tx, [
        { email: 'Sato@Upsert-Ex.co.jp', title: '部長', company: '株式会社アップサート' },
        { email: 'tanaka@gmail.com' },
      ]),
    );
    expect([...first.values()].map((p) => p.created)).toEqual([true, true]);
    expect(first.get('sato@upsert-ex.co.jp')!.accountId).not.toBeNull();
    expect(first.get('tanaka@gmail.com')!.accountId).toBeNull(); // free mail makes no account
    const before = await person('sato@upsert-ex.co.jp');

    const again = await inTransaction(t.ctx, (tx) =>
      upsertPeopleByEmail(tx, [
        { email: 'sato@upsert-ex.co.jp', title: '課長', phone: '03-1234-5678' },
        { email: 'tanaka@gmail.com' },
      ]),
    );
    expect(again.get('sato@upsert-ex.co.jp')).toMatchObject({ id: before!.id, created: false });
    const after = await person('sato@upsert-ex.co.jp');
    expect(after).toMatchObject({ title: '部長', phone: '03-1234-5678', version: before!.version + 1 });
    // Nothing to fill: the row is not touched.
    const tanaka = await person('tanaka@gmail.com');
    await inTransaction(t.ctx, (tx) => upsertPeopleByEmail(tx, [{ email: 'tanaka@gmail.com' }]));
    expect((await person('tanaka@gmail.com'))!.version).toBe(tanaka!.version);
  });

  it('gives an existing person without an account the account of its domain', async () => {
    await t.ctx.db.execute(sql`insert into people (workspace_id, id, email, email_normalized, lifecycle_stage, created_at, updated_at, stage_entered_at)
      values (${t.ctx.workspaceId}, gen_random_uuid(), 'kato@noacct-ex.co.jp', 'kato@noacct-ex.co.jp', 'lead', now(), now(), now())`);
    const found = await inTransaction(t.ctx, (tx) =>
      upsertPeopleByEmail(tx, [{ email: 'kato@noacct-ex.co.jp' }]),
    );
    const stored = await person('kato@noacct-ex.co.jp');
    expect(stored!.account_id).not.toBeNull();
    expect(found.get('kato@noacct-ex.co.jp')).toMatchObject({
      created: false,
      accountId: stored!.account_id,
    });
  });

  // Two connections are needed to interleave: PostgreSQL only.
  it.runIf(onPostgres)('returns the person a concurrent transaction created after the lookup', async () => {
    const release = latch();
    const created = latch();
    const first = inTransaction(t.ctx, async (tx) => {
      const r = await upsertPeopleByEmail(tx, [{ email: 'race@race-ex.co.jp' }]);
      created.open();
      await release.opened; // keep the new row uncommitted while the other transaction looks it up
      return r;
    });
    await created.opened;
    const second = inTransaction(t.ctx, (tx) => upsertPeopleByEmail(tx, [{ email: 'race@race-ex.co.jp' }]));
    await new Promise((r) => setTimeout(r, 200)); // the second insert now waits on the first's row
    release.open();
    const [a, b] = await Promise.all([first, second]);
    expect(a.get('race@race-ex.co.jp')!.created).toBe(true);
    expect(b.get('race@race-ex.co.jp')).toMatchObject({
      id: a.get('race@race-ex.co.jp')!.id,
      created: false,
    });
  });

  // The lock an import relies on to write references with the foreign-key checks off.
  it.runIf(onPostgres)('with lockFound, keeps the found person and account from being deleted', async () => {
    await inTransaction(t.ctx, (tx) => upsertPeopleByEmail(tx, [{ email: 'kept@lock-ex.co.jp' }]));
    const { id, account_id } = (await person('kept@lock-ex.co.jp'))!;
    // Whether another transaction could lock the row to delete it, without waiting.
    const lockable = (table: 'people' | 'accounts', rowId: string) =>
      inTransaction(t.ctx, (other) =>
        other.db.execute(sql`select 1 from ${sql.raw(table)} where id = ${rowId} for update nowait`),
      ).then(
        () => true,
        (e: { cause?: { code?: string } }) => (e.cause?.code === '55P03' ? false : Promise.reject(e)),
      );
    for (const lockFound of [false, true]) {
      const release = latch();
      const found = latch();
      const holder = inTransaction(t.ctx, async (tx) => {
        // A person found, and a new one whose account (of the same domain) is found, written
        // as an import writes them: with the foreign-key checks (and their locks) off.
        await withTrustedReferences(tx.db, true, () =>
          upsertPeopleByEmail(
            tx,
            [{ email: 'kept@lock-ex.co.jp' }, { email: `new-${lockFound}@lock-ex.co.jp` }],
            {
              lockFound,
            },
          ),
        );
        found.open();
        await release.opened;
      });
      await found.opened;
      try {
        expect(await lockable('people', id)).toBe(!lockFound);
        expect(await lockable('accounts', account_id!)).toBe(!lockFound);
      } finally {
        release.open();
        await holder;
      }
    }
  });
});
