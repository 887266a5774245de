import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, type Db, openDatabase } from '../src/platform/db/open-database.ts';
import { drizzleClient } from '../src/platform/db/pglite-client.ts';
import * as schema from '../src/platform/db/schema.ts';
import { PGLITE_PARSERS } from '../src/platform/db/type-parsers.ts';
import { adminUrl, databasePrefix, templateName } from './pg-urls.ts';

/** Which database the suite runs on: PostgreSQL when TEST_DATABASE_URL is set, PGlite otherwise. */
export const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

let template: Promise<Blob> | undefined;

/** A fresh PostgreSQL database copied from the migrated template, for tests that start a server process. */
export async function createTestDatabaseUrl(): Promise<{ url: string; drop: () => Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('only on PostgreSQL (TEST_DATABASE_URL)');
  const runId = inject('pgRunId');
  const name = `${databasePrefix(runId)}${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: adminUrl(url) });
  await admin.connect();
  await admin.query(`create database ${name} template ${templateName(runId)}`);
  await admin.end();
  return {
    url: adminUrl(url, name),
    drop: async () => {
      const dropper = new pg.Client({ connectionString: adminUrl(url) });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

/**
 * A fresh, migrated database for one test: a clone of an in-memory PGlite migrated once
 * per worker, or a new PostgreSQL database copied from the migrated template.
 */
export async function createTestDatabase(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const runId = inject('pgRunId');
    const name = `${databasePrefix(runId)}${randomUUID().replaceAll('-', '')}`;
    const admin = new pg.Client({ connectionString: adminUrl(url) });
    await admin.connect();
    await admin.query(`create database ${name} template ${templateName(runId)}`);
    await admin.end();
    const database = await openDatabase({ databaseUrl: adminUrl(url, name), migrate: false });
    return {
      ...database,
      close: async () => {
        await database.close();
        const dropper = new pg.Client({ connectionString: adminUrl(url) });
        await dropper.connect();
        await dropper.query(`drop database if exists ${name} with (force)`);
        await dropper.end();
      },
    };
  }
  template ??= readFile(inject('pgliteTemplate')).then((bytes) => new Blob([bytes]));
  const client = await PGlite.create({ loadDataDir: await template, parsers: PGLITE_PARSERS });
  const db = drizzle({ client: drizzleClient(client), schema, casing: 'snake_case' }) as unknown as Db;
  return { db, kind: 'pglite', location: 'memory', maintain: () => {}, close: () => client.close() };
}
