import pg from 'pg';
import { openDatabase } from '../src/platform/db/open-database.ts';
import { adminUrl, TEMPLATE_DB } from './pg-urls.ts';

/**
 * On PostgreSQL, migrate one template database once per run; every test file then
 * gets a fresh database copied from it (CREATE DATABASE … TEMPLATE), which is fast.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return async () => {};
  const admin = new pg.Client({ connectionString: adminUrl(url) });
  await admin.connect();
  await admin.query(`drop database if exists ${TEMPLATE_DB} with (force)`);
  await admin.query(`create database ${TEMPLATE_DB}`);
  const db = await openDatabase({ databaseUrl: adminUrl(url, TEMPLATE_DB) });
  await db.close();
  await admin.end();
  return async () => {
    const cleanup = new pg.Client({ connectionString: adminUrl(url) });
    await cleanup.connect();
    const { rows } = await cleanup.query<{ datname: string }>(
      `select datname from pg_database where datname like 'baton_test_%' or datname = $1`,
      [TEMPLATE_DB],
    );
    for (const { datname } of rows) await cleanup.query(`drop database if exists ${datname} with (force)`);
    await cleanup.end();
  };
}
