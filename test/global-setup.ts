import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/platform/db/open-database.ts';
import { adminUrl, databasePrefix, templateName } from './pg-urls.ts';
import { pgliteTemplate } from './pglite-template.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgRunId: string;
    /** A migrated PGlite data directory (a tar file), for test/db.ts to load; '' on PostgreSQL. */
    pgliteTemplate: string;
  }
}

/**
 * Migrate one template database once per run; every test then gets a fresh database
 * copied from it: CREATE DATABASE … TEMPLATE on PostgreSQL, a PGlite loaded from the
 * template's dumped data directory otherwise (initdb and the migrations cost ~3 s, paid
 * once per run instead of once per test file).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runId = randomBytes(4).toString('hex');
  project.provide('pgRunId', runId);
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const dir = await mkdtemp(join(tmpdir(), 'baton-test-'));
    const file = join(dir, 'template.tar');
    await writeFile(file, Buffer.from(await (await pgliteTemplate()).arrayBuffer()));
    project.provide('pgliteTemplate', file);
    return () => rm(dir, { recursive: true, force: true });
  }
  project.provide('pgliteTemplate', '');
  const admin = new pg.Client({ connectionString: adminUrl(url) });
  await admin.connect();
  await admin.query(`create database ${templateName(runId)}`);
  await admin.end();
  const db = await openDatabase({ databaseUrl: adminUrl(url, templateName(runId)) });
  await db.close();
  return async () => {
    const cleanup = new pg.Client({ connectionString: adminUrl(url) });
    await cleanup.connect();
    const { rows } = await cleanup.query<{ datname: string }>(
      'select datname from pg_database where datname like $1',
      [`${databasePrefix(runId)}%`],
    );
    for (const { datname } of rows) await cleanup.query(`drop database if exists ${datname} with (force)`);
    await cleanup.end();
  };
}
