import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './open-database.ts';
import { cacheFileSizes } from './pglite-file-sizes.ts';
import { queryRows } from './query-rows.ts';

const count = async (db: Parameters<typeof queryRows>[0]) =>
  (
    await queryRows<{ n: number; total: number }>(
      db,
      sql`select count(*)::int as n, coalesce(sum(v), 0)::int as total from t`,
    )
  )[0]!;

interface Fs {
  open(path: string, flags: string): object;
  write(stream: object, data: Uint8Array, offset: number, length: number, position?: number): number;
  llseek(stream: object, offset: number, whence: number): number;
  ftruncate(fd: number, length: number): void;
  truncate(path: string, length: number): void;
  close(stream: object): void;
}

describe('PGlite file sizes kept in memory', () => {
  it('answers SEEK_END from writes, ftruncate and truncate exactly as the disk does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-sizes-'));
    const client = await PGlite.create({ dataDir: dir });
    cacheFileSizes(client);
    const fs = (client as unknown as { mod: { FS: Fs } }).mod.FS;
    const file = '/pglite/data/baton-size-probe';
    const stream = fs.open(file, 'w+') as { fd: number };
    const end = () => fs.llseek(stream, 0, 2);
    const disk = () => statSync(join(dir, 'baton-size-probe')).size;
    expect(end()).toBe(0);
    fs.write(stream, new Uint8Array(8192), 0, 8192, 0);
    expect([end(), disk()]).toEqual([8192, 8192]);
    fs.write(stream, new Uint8Array(100), 0, 100, 20_000);
    expect([end(), disk()]).toEqual([20_100, 20_100]);
    fs.write(stream, new Uint8Array(10), 0, 10, 50); // inside the file: no growth
    expect(end()).toBe(20_100);
    fs.ftruncate(stream.fd, 4096);
    expect([end(), disk()]).toEqual([4096, 4096]);
    fs.truncate(file, 1000);
    expect([end(), disk()]).toEqual([1000, 1000]);
    fs.close(stream);
    await client.close();
  });

  it('follows files that grow, shrink and grow again, and the data survives a reopen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-sizes-'));
    let database = await openDatabase({ dataDir: dir, migrate: false });
    const { db } = database;
    await db.execute(sql`create table t (id int primary key, v int, pad text)`);
    await db.execute(sql`insert into t select g, 1, repeat('x', 500) from generate_series(1, 20000) g`);
    const path = (await queryRows<{ p: string }>(db, sql`select pg_relation_filepath('t') as p`))[0]!.p;
    const onDisk = () => statSync(join(dir, 'pgdata', path)).size;
    const blocks = async () =>
      (await queryRows<{ n: number }>(db, sql`select pg_relation_size('t')::int as n`))[0]!.n;
    expect(await blocks()).toBe(onDisk());

    // VACUUM cuts the empty tail off the file (ftruncate): the next insert must extend the
    // file from its new end, not from a size remembered before the cut.
    await db.execute(sql`delete from t where id > 2000`);
    await db.execute(sql`vacuum t`);
    expect(onDisk()).toBeLessThan(20000 * 500);
    expect(await blocks()).toBe(onDisk());
    await db.execute(sql`insert into t select g, 2, repeat('y', 500) from generate_series(20001, 30000) g`);
    expect(await blocks()).toBe(onDisk());
    expect(await count(db)).toEqual({ n: 12000, total: 2000 + 20000 });
    await database.close();

    database = await openDatabase({ dataDir: dir, migrate: false });
    expect(await count(database.db)).toEqual({ n: 12000, total: 22000 });
    await database.db.execute(sql`insert into t values (1000000, 5, 'z')`);
    expect(await count(database.db)).toEqual({ n: 12001, total: 22005 });
    await database.close();
  }, 60_000);
});
