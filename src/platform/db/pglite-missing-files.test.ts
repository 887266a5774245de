import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { openDatabase } from './open-database.ts';
import { cacheMissingFiles } from './pglite-missing-files.ts';
import { queryRows } from './query-rows.ts';

interface Fs {
  analyzePath(path: string): { exists: boolean };
  writeFile(path: string, data: string): void;
  rename(from: string, to: string): void;
  symlink(target: string, path: string): void;
  mkdir(path: string): void;
}

it('remembers names found missing until this process creates them', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'baton-missing-'));
  const client = await PGlite.create({ dataDir: dir });
  cacheMissingFiles(client);
  const fs = (client as unknown as { mod: { FS: Fs } }).mod.FS;
  const exists = (name: string) => fs.analyzePath(`/pglite/data/${name}`).exists;

  expect(exists('probe-a')).toBe(false);
  // Written behind the file system's back: the remembered answer stands (no system call).
  writeFileSync(join(dir, 'probe-a'), 'x');
  expect(exists('probe-a')).toBe(false);

  // Every way this process makes a name exist forgets the missing answer.
  for (const name of ['probe-b', 'probe-c', 'probe-d', 'probe-e']) expect(exists(name)).toBe(false);
  fs.writeFile('/pglite/data/probe-b', 'x');
  fs.writeFile('/pglite/data/probe-tmp', 'x');
  fs.rename('/pglite/data/probe-tmp', '/pglite/data/probe-c');
  fs.symlink('/pglite/data/probe-b', '/pglite/data/probe-d');
  fs.mkdir('/pglite/data/probe-e');
  for (const name of ['probe-b', 'probe-c', 'probe-d', 'probe-e']) expect(exists(name)).toBe(true);
  expect(exists('probe-tmp')).toBe(false);
  await client.close();
});

it('lets PostgreSQL create the maps it first found missing, and finds them after a reopen', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'baton-missing-'));
  let database = await openDatabase({ dataDir: dir, migrate: false });
  await database.db.execute(sql`create table m (id int primary key, pad text)`);
  await database.db.execute(sql`insert into m select g, repeat('x', 200) from generate_series(1, 5000) g`);
  const forks = async () =>
    (
      await queryRows<{ fsm: number; vm: number; n: number }>(
        database.db,
        sql`select pg_relation_size('m', 'fsm')::int as fsm, pg_relation_size('m', 'vm')::int as vm,
              (select count(*)::int from m where id % 7 = 0) as n`,
      )
    )[0]!;
  // No visibility map before the first VACUUM: its absence is what PostgreSQL keeps asking about.
  expect((await forks()).vm).toBe(0);
  await database.db.execute(sql`vacuum m`);
  const made = await forks();
  expect(made.fsm).toBeGreaterThan(0);
  expect(made.vm).toBeGreaterThan(0);
  await database.close();
  database = await openDatabase({ dataDir: dir, migrate: false });
  expect(await forks()).toEqual(made);
  expect(made.n).toBe(714);
  await database.close();
});
